export { loadStackConfig, portFor, repoRoot, type StackConfig } from './config.ts';
export { startStack, type RunningStack } from './stack.ts';
export type { ControlPlanePort, DataPlanePort, RegistryRecord } from './ports.ts';
