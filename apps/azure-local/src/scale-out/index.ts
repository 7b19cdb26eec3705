// What the scale-out suite needs to start its own replicated portal beside a running stack.
export { portalSettingsFile } from '../portal.ts';
export { Supervisor } from '../process/supervisor.ts';
export { issueServerTls } from '../stack-context.ts';
export { ensureLocalCa } from '@ctp/local-pki';
export { startRedis } from './redis-process.ts';
export {
  startReplicatedPortal,
  type ReplicatedPortal,
  type ReplicatedPortalLayout,
} from './replicated-portal.ts';
