import type { Context } from 'hono';
import type { Authorizer } from '../rbac/authorizer.ts';
import type { RegistryService } from '../registry-service.ts';
import type { ActivityLogStore } from '../state/activity-log.ts';
import type { DirectoryStore } from '../state/directory.ts';
import type { OperationStore } from '../state/operations.ts';
import type { ResourceContainerStore } from '../state/resources.ts';
import type { RoleAssignmentStore } from '../state/role-assignments.ts';
import type { ProcessStatus } from '../../process/supervisor.ts';
import type { TokenVerifier, VerifiedCaller } from '../identity/verify.ts';
import { armErrors } from './errors.ts';
import type { Outage } from './outage.ts';
import type { Throttle } from './throttle.ts';
import type { TrustServerFaults } from './trust-server-faults.ts';

export interface ArmServices {
  directory: DirectoryStore;
  containers: ResourceContainerStore;
  registries: RegistryService;
  assignments: RoleAssignmentStore;
  authorizer: Authorizer;
  activity: ActivityLogStore;
  operations: OperationStore;
  throttle: Throttle;
  /** The switchable 503 outage (a fresh, switched-off one when not given). */
  outage?: Outage;
  /** The trust-server fault switch, which the login servers consult (ControlPlanePort). */
  trustServerFaults: TrustServerFaults;
  verifyToken: (token: string) => ReturnType<TokenVerifier['verify']>;
  /** https://localhost:<port> of this ARM (for Azure-AsyncOperation / Location / nextLink URLs). */
  endpoint: () => string;
  rotateSigningKey: () => Promise<string>;
  /** Items per page of paged lists (role assignments, registries); tests switch a small size on. */
  pageSize: () => number;
  /** The stack's supervised processes, for the unauthenticated `/health` report. */
  processes: () => ProcessStatus[];
}

export interface ActivityTarget {
  operationName: string;
  resourceId: string;
}

export type ArmEnv = {
  Variables: {
    caller: VerifiedCaller;
    correlationId: string;
    activity: ActivityTarget | undefined;
  };
};

export type ArmContext = Context<ArmEnv>;

/** RBAC check of the caller for `action` at `scope`; records the write for the activity log. */
export function authorize(c: ArmContext, services: ArmServices, action: string, scope: string): void {
  const caller = c.get('caller');
  c.set('activity', { operationName: action, resourceId: scope });
  if (!services.authorizer.isAllowed(caller.objectId, scope, action)) {
    throw armErrors.authorizationFailed(
      caller.kind === 'app' ? caller.appId : caller.callerName,
      caller.objectId,
      action,
      scope,
    );
  }
}

export function can(c: ArmContext, services: ArmServices, action: string, scope: string): boolean {
  return services.authorizer.isAllowed(c.get('caller').objectId, scope, action);
}
