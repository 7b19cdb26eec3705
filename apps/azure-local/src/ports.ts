/**
 * The two halves of azure-local talk only through these interfaces, wired in stack.ts:
 * - the control plane (identity provider, ARM, Graph, RBAC state in SQLite) answers "who is this and
 *   what may they do" and owns the registry resources;
 * - the data plane (PostgreSQL, notary-signer/server, docker-registry, per-registry login servers,
 *   token service) serves images and trust data and does the work ARM asks of it.
 */

export type RegistrySku = 'Classic' | 'Basic' | 'Standard' | 'Premium';

/** A registry resource as the data plane needs to see it (the control plane owns the record). */
export interface RegistryRecord {
  /** ARM id: /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerRegistry/registries/{name} */
  resourceId: string;
  name: string;
  sku: RegistrySku;
  /** `localhost:<port>`; GUNs of its repositories are `<loginServer>/<repository>`. */
  loginServer: string;
  /** Stable small integer per registry; its login-server and upstream ports derive from it. */
  slot: number;
  trustPolicy: 'enabled' | 'disabled';
  adminUserEnabled: boolean;
  /** Admin account: username = registry name, these passwords (ARM listCredentials). */
  adminPasswords: string[];
}

/** Who presented credentials to a login server. */
export type DataPlaneCaller =
  | { kind: 'principal'; objectId: string; displayName: string; principalType: 'User' | 'ServicePrincipal' }
  | { kind: 'registry-admin'; registry: string }
  | { kind: 'anonymous' };

export type RegistryChange = { type: 'created' | 'updated' | 'deleted'; registry: RegistryRecord };

/**
 * Emulator-only: what the login server makes of one 200 answer of the trust server while ARM's
 * trust-server fault switch is on for it. `truncate`: the real status and headers (its Content-Length
 * too), half of the body, then the connection is cut; `stall`: the same half, then nothing until the
 * client gives up; `replace`: these bytes with 200 instead of the real file.
 */
export type TrustServerFault =
  { mode: 'truncate' } | { mode: 'stall' } | { mode: 'replace'; body: Uint8Array };

/** Implemented by the control plane, used by the data plane. */
export interface ControlPlanePort {
  listRegistries(): RegistryRecord[];
  findRegistryByLoginServer(loginServer: string): RegistryRecord | undefined;
  /**
   * Basic credentials presented to a login server or token service: a seeded user's local password,
   * a service principal's appId + client secret, or the registry's admin account. Undefined = bad
   * credentials (the token service answers 401).
   */
  authenticateBasic(
    registry: RegistryRecord,
    username: string,
    password: string,
  ): DataPlaneCaller | undefined;
  /** An Entra access token (ARM or ACR audience) presented to /oauth2/exchange. */
  verifyEntraAccessToken(accessToken: string): Promise<DataPlaneCaller | undefined>;
  /**
   * Effective permissions of a principal at a scope, inherited assignments included (actions and
   * dataActions of every role assigned at or above the scope, minus notActions / notDataActions).
   */
  permissionsAt(principalObjectId: string, scope: string): { actions: string[]; dataActions: string[] };
  /** Classic subscription administrators never get trusted-push rights (ACR rule). */
  isClassicAdministrator(principalObjectId: string): boolean;
  onRegistryChange(listener: (change: RegistryChange) => void | Promise<void>): void;
  /**
   * Emulator-only fault injection (ARM's `/_azure-local/faults/trust-server`): the fault to make of this
   * 200 answer of the trust server (`tufPath`: the path after `_trust/`), if the switch is on for it; a
   * fault returned is used up. Undefined (almost always): pass the answer on as it is.
   */
  takeTrustServerFault(loginServer: string, gun: string, tufPath: string): TrustServerFault | undefined;
  /** The seeded people and service principals; the data plane's seed signs as one of them that may. */
  seededPrincipals(): Array<Extract<DataPlaneCaller, { kind: 'principal' }>>;
}

/** Implemented by the data plane, used by the control plane (ARM). */
export interface DataPlanePort {
  /** Starts (idempotently) the registry's upstream processes and login server. */
  provisionRegistry(registry: RegistryRecord): Promise<void>;
  /** Stops its processes and removes its images and trust data (ARM delete of the registry). */
  deprovisionRegistry(registry: RegistryRecord): Promise<void>;
  /**
   * Deletes the trust data of every GUN of the registry, keeps every image. Idempotent and resumable:
   * running it again after an interruption finishes the job.
   */
  deleteAllTrustData(
    registry: RegistryRecord,
    onProgress?: (progress: { done: number; total: number; gun?: string }) => void,
  ): Promise<{ gunsDeleted: number }>;
  /** For the portal's disable warning and ARM's operation status: GUNs with trust data and signed tag count. */
  trustDataSummary(registry: RegistryRecord): Promise<{ repositories: number; signedTags: number }>;
}
