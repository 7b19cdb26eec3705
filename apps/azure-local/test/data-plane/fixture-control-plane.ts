/**
 * TEST DOUBLE of the control plane (the other half of azure-local, built in a separate issue): the
 * registries and RBAC role assignments the data-plane tests need, with the real ACR built-in role
 * definitions (actions / dataActions from azure-reference.md §2), so the data plane's authorization is
 * exercised from permissions, never from role names. Entra access tokens are faked as
 * `fixture-entra:<objectId>` (the real identity provider is not part of this test).
 */
import type { ControlPlanePort, DataPlaneCaller, RegistryChange, RegistryRecord } from '../../src/ports.ts';

const CR = 'Microsoft.ContainerRegistry/registries';

interface RoleDefinition {
  actions: string[];
  notActions: string[];
  dataActions: string[];
}

export const ROLE_DEFINITIONS: Record<string, RoleDefinition> = {
  AcrPull: { actions: [`${CR}/pull/read`], notActions: [], dataActions: [] },
  AcrPush: { actions: [`${CR}/pull/read`, `${CR}/push/write`], notActions: [], dataActions: [] },
  AcrDelete: { actions: [`${CR}/artifacts/delete`], notActions: [], dataActions: [] },
  AcrImageSigner: {
    actions: [`${CR}/sign/write`],
    notActions: [],
    dataActions: [`${CR}/trustedCollections/write`],
  },
  Owner: { actions: ['*'], notActions: [], dataActions: [] },
  Reader: { actions: ['*/read'], notActions: [], dataActions: [] },
};

export const SUBSCRIPTION = '/subscriptions/00000000-1111-2222-3333-444444444444';
export const RESOURCE_GROUP = `${SUBSCRIPTION}/resourceGroups/ctp-demo`;
const registryId = (name: string) =>
  `${RESOURCE_GROUP}/providers/Microsoft.ContainerRegistry/registries/${name}`;

export interface FixtureIdentity {
  key: 'signer' | 'pusher' | 'puller' | 'classic-admin' | 'reader';
  objectId: string;
  displayName: string;
  username: string;
  password: string;
}

export const IDENTITIES: FixtureIdentity[] = [
  {
    key: 'signer',
    objectId: '11111111-0000-0000-0000-000000000001',
    displayName: 'Sam Signer',
    username: 'signer@ctp.local',
    password: 'signer-pass-1',
  },
  {
    key: 'pusher',
    objectId: '11111111-0000-0000-0000-000000000002',
    displayName: 'Pat Pusher',
    username: 'pusher@ctp.local',
    password: 'pusher-pass-1',
  },
  {
    key: 'puller',
    objectId: '11111111-0000-0000-0000-000000000003',
    displayName: 'Paul Puller',
    username: 'puller@ctp.local',
    password: 'puller-pass-1',
  },
  {
    key: 'classic-admin',
    objectId: '11111111-0000-0000-0000-000000000004',
    displayName: 'Cleo Classic',
    username: 'classic@ctp.local',
    password: 'classic-pass-1',
  },
  {
    key: 'reader',
    objectId: '11111111-0000-0000-0000-000000000005',
    displayName: 'Rita Reader',
    username: 'reader@ctp.local',
    password: 'reader-pass-1',
  },
];

export function identity(key: FixtureIdentity['key']): FixtureIdentity {
  const found = IDENTITIES.find((i) => i.key === key);
  if (!found) throw new Error(`no fixture identity ${key}`);
  return found;
}

export const ADMIN_PASSWORD = 'ctpdemo-admin-password';

export class FixtureControlPlane implements ControlPlanePort {
  readonly registries: RegistryRecord[];
  readonly assignments: Array<{ objectId: string; role: keyof typeof ROLE_DEFINITIONS; scope: string }>;
  private readonly listeners: Array<(change: RegistryChange) => void | Promise<void>> = [];

  constructor(portBase: number) {
    this.registries = [
      {
        resourceId: registryId('ctpdemo'),
        name: 'ctpdemo',
        sku: 'Premium',
        loginServer: `localhost:${portBase + 10}`,
        slot: 0,
        trustPolicy: 'enabled',
        adminUserEnabled: true,
        adminPasswords: [ADMIN_PASSWORD],
      },
      {
        resourceId: registryId('ctpbasic'),
        name: 'ctpbasic',
        sku: 'Basic',
        loginServer: `localhost:${portBase + 11}`,
        slot: 1,
        trustPolicy: 'disabled',
        adminUserEnabled: false,
        adminPasswords: [],
      },
    ];
    const demo = registryId('ctpdemo');
    this.assignments = [
      { objectId: identity('signer').objectId, role: 'AcrPush', scope: RESOURCE_GROUP },
      { objectId: identity('signer').objectId, role: 'AcrImageSigner', scope: demo },
      { objectId: identity('pusher').objectId, role: 'AcrPush', scope: demo },
      { objectId: identity('puller').objectId, role: 'AcrPull', scope: demo },
      { objectId: identity('classic-admin').objectId, role: 'Owner', scope: SUBSCRIPTION },
      // ARM refuses this assignment for a classic administrator; it is here to prove the data plane
      // refuses trusted push even if such an assignment exists.
      { objectId: identity('classic-admin').objectId, role: 'AcrImageSigner', scope: demo },
      { objectId: identity('reader').objectId, role: 'Reader', scope: RESOURCE_GROUP },
    ];
  }

  /** No fault switch here: ARM's is tested with the real control plane. */
  takeTrustServerFault() {
    return undefined;
  }

  seededPrincipals() {
    return IDENTITIES.map((i) => ({
      kind: 'principal' as const,
      objectId: i.objectId,
      displayName: i.displayName,
      principalType: 'User' as const,
    }));
  }

  listRegistries(): RegistryRecord[] {
    return this.registries.map((r) => ({ ...r }));
  }

  findRegistryByLoginServer(loginServer: string): RegistryRecord | undefined {
    const found = this.registries.find((r) => r.loginServer === loginServer);
    return found ? { ...found } : undefined;
  }

  authenticateBasic(
    registry: RegistryRecord,
    username: string,
    password: string,
  ): DataPlaneCaller | undefined {
    if (username === registry.name) {
      return registry.adminUserEnabled && registry.adminPasswords.includes(password)
        ? { kind: 'registry-admin', registry: registry.name }
        : undefined;
    }
    const found = IDENTITIES.find((i) => i.username === username && i.password === password);
    return found
      ? { kind: 'principal', objectId: found.objectId, displayName: found.displayName, principalType: 'User' }
      : undefined;
  }

  async verifyEntraAccessToken(accessToken: string): Promise<DataPlaneCaller | undefined> {
    const objectId = /^fixture-entra:(.+)$/.exec(accessToken)?.[1];
    const found = IDENTITIES.find((i) => i.objectId === objectId);
    return found
      ? { kind: 'principal', objectId: found.objectId, displayName: found.displayName, principalType: 'User' }
      : undefined;
  }

  permissionsAt(principalObjectId: string, scope: string): { actions: string[]; dataActions: string[] } {
    const actions: string[] = [];
    const dataActions: string[] = [];
    for (const a of this.assignments) {
      if (a.objectId !== principalObjectId) continue;
      const lower = scope.toLowerCase();
      const at = a.scope.toLowerCase();
      if (lower !== at && !lower.startsWith(`${at}/`)) continue;
      const role = ROLE_DEFINITIONS[a.role];
      if (!role) continue;
      actions.push(...role.actions);
      dataActions.push(...role.dataActions);
    }
    return { actions, dataActions };
  }

  isClassicAdministrator(principalObjectId: string): boolean {
    return principalObjectId === identity('classic-admin').objectId;
  }

  onRegistryChange(listener: (change: RegistryChange) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  /**
   * A Premium registry record as ARM's create would add it, on its own slot (the harness' port range
   * holds slots 0–2). The data plane is not told: call provisionRegistry as ARM does.
   */
  addRegistry(name: string, slot: number): RegistryRecord {
    const portBase = Number(this.registries[0]!.loginServer.split(':')[1]) - 10;
    const record: RegistryRecord = {
      resourceId: registryId(name),
      name,
      sku: 'Premium',
      loginServer: `localhost:${portBase + 10 + slot}`,
      slot,
      trustPolicy: 'enabled',
      adminUserEnabled: false,
      adminPasswords: [],
    };
    this.registries.push(record);
    return { ...record };
  }

  /** Drops a record added by addRegistry (ARM's delete, once the data plane has deprovisioned it). */
  removeRegistry(name: string): void {
    const index = this.registries.findIndex((r) => r.name === name);
    if (index >= 0) this.registries.splice(index, 1);
  }

  /** What ARM's PATCH of trustPolicy does in the real control plane (disabling then deletes trust data). */
  async setTrustPolicy(name: string, status: 'enabled' | 'disabled'): Promise<RegistryRecord> {
    const registry = this.registries.find((r) => r.name === name);
    if (!registry) throw new Error(`no registry ${name}`);
    registry.trustPolicy = status;
    for (const listener of this.listeners) await listener({ type: 'updated', registry: { ...registry } });
    return { ...registry };
  }
}
