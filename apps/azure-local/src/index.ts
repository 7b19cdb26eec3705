export { loadStackConfig, portFor, repoRoot, type StackConfig } from './config.ts';
export { startStack, type RunningStack } from './stack.ts';
export { removeStackState } from './stack-state.ts';
export type { ControlPlanePort, DataPlanePort, RegistryRecord } from './ports.ts';
