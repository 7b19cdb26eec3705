export * from './access-control.ts';
export * from './azure-ids.ts';
export * from './content-trust.ts';
export * from './health.ts';
export * from './problem.ts';
export * from './registries.ts';
export * from './session.ts';
export * from './repositories.ts';
