export * from './health.ts';
export * from './problem.ts';
