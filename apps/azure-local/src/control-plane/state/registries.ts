import { randomBytes } from 'node:crypto';
import type { RegistrySku } from '../../ports.ts';
import type { Db } from './db.ts';

export type ProvisioningState = 'Creating' | 'Updating' | 'Deleting' | 'Succeeded' | 'Failed' | 'Canceled';

/** Policies other than the trust policy, stored as ARM returns them. */
export interface OtherPolicies {
  quarantinePolicy: { status: 'enabled' | 'disabled' };
  retentionPolicy: { days: number; lastUpdatedTime: string; status: 'enabled' | 'disabled' };
  exportPolicy: { status: 'enabled' | 'disabled' };
  azureADAuthenticationAsArmPolicy: { status: 'enabled' | 'disabled' };
}

export interface RegistryState {
  resourceId: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  sku: RegistrySku;
  slot: number;
  trustPolicy: 'enabled' | 'disabled';
  /** Azure refuses new enablement only on registries that never had content trust (DCT deprecation). */
  trustEverEnabled: boolean;
  /** A disable was accepted but its trust-data deletion has not finished (resumed after a restart). */
  trustDeletionPending: boolean;
  /** Emulates Azure's refusal of new DCT enablement (ContentTrustUnsupported) for this registry. */
  contentTrustUnsupported: boolean;
  adminUserEnabled: boolean;
  adminPasswords: [string, string];
  provisioningState: ProvisioningState;
  policies: OtherPolicies;
  tags: Record<string, string>;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
}

interface Row {
  id: string;
  subscription_id: string;
  resource_group: string;
  name: string;
  location: string;
  sku: RegistrySku;
  slot: number;
  trust_policy: 'enabled' | 'disabled';
  trust_ever_enabled: number;
  trust_deletion_pending: number;
  content_trust_unsupported: number;
  admin_user_enabled: number;
  admin_passwords: string;
  provisioning_state: ProvisioningState;
  policies: string;
  tags: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

function fromRow(row: Row): RegistryState {
  return {
    resourceId: row.id,
    subscriptionId: row.subscription_id,
    resourceGroup: row.resource_group,
    name: row.name,
    location: row.location,
    sku: row.sku,
    slot: row.slot,
    trustPolicy: row.trust_policy,
    trustEverEnabled: row.trust_ever_enabled === 1,
    trustDeletionPending: row.trust_deletion_pending === 1,
    contentTrustUnsupported: row.content_trust_unsupported === 1,
    adminUserEnabled: row.admin_user_enabled === 1,
    adminPasswords: JSON.parse(row.admin_passwords) as [string, string],
    provisioningState: row.provisioning_state,
    policies: JSON.parse(row.policies) as OtherPolicies,
    tags: JSON.parse(row.tags) as Record<string, string>,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

function toParams(r: RegistryState) {
  return {
    id: r.resourceId,
    subscription_id: r.subscriptionId,
    resource_group: r.resourceGroup,
    name: r.name,
    location: r.location,
    sku: r.sku,
    slot: r.slot,
    trust_policy: r.trustPolicy,
    trust_ever_enabled: r.trustEverEnabled ? 1 : 0,
    trust_deletion_pending: r.trustDeletionPending ? 1 : 0,
    content_trust_unsupported: r.contentTrustUnsupported ? 1 : 0,
    admin_user_enabled: r.adminUserEnabled ? 1 : 0,
    admin_passwords: JSON.stringify(r.adminPasswords),
    provisioning_state: r.provisioningState,
    policies: JSON.stringify(r.policies),
    tags: JSON.stringify(r.tags),
    created_at: r.createdAt,
    created_by: r.createdBy,
    updated_at: r.updatedAt,
  };
}

export function registryResourceId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${name}`;
}

/** An admin password like ACR's: 52 characters of base64 without symbols that need quoting. */
export function newAdminPassword(): string {
  return randomBytes(39).toString('base64').replace(/[+/=]/g, 'A');
}

export function defaultPolicies(now: string): OtherPolicies {
  return {
    quarantinePolicy: { status: 'disabled' },
    retentionPolicy: { days: 7, lastUpdatedTime: now, status: 'disabled' },
    exportPolicy: { status: 'enabled' },
    azureADAuthenticationAsArmPolicy: { status: 'enabled' },
  };
}

export class RegistryStore {
  constructor(private readonly db: Db) {}

  list(): RegistryState[] {
    return (this.db.prepare('SELECT * FROM registries ORDER BY slot').all() as Row[]).map(fromRow);
  }

  get(resourceId: string): RegistryState | undefined {
    const row = this.db.prepare('SELECT * FROM registries WHERE id = ?').get(resourceId) as Row | undefined;
    return row && fromRow(row);
  }

  byName(name: string): RegistryState | undefined {
    const row = this.db.prepare('SELECT * FROM registries WHERE name = ?').get(name) as Row | undefined;
    return row && fromRow(row);
  }

  bySlot(slot: number): RegistryState | undefined {
    const row = this.db.prepare('SELECT * FROM registries WHERE slot = ?').get(slot) as Row | undefined;
    return row && fromRow(row);
  }

  /** Smallest slot not in use (slots of deleted registries are reused). */
  nextFreeSlot(): number {
    const used = new Set(
      (this.db.prepare('SELECT slot FROM registries').all() as Array<{ slot: number }>).map((r) => r.slot),
    );
    let slot = 0;
    while (used.has(slot)) slot++;
    return slot;
  }

  insert(registry: RegistryState): void {
    this.db
      .prepare(
        `INSERT INTO registries (id, subscription_id, resource_group, name, location, sku, slot, trust_policy, trust_ever_enabled,
           trust_deletion_pending, content_trust_unsupported, admin_user_enabled, admin_passwords, provisioning_state, policies, tags,
           created_at, created_by, updated_at)
         VALUES (@id, @subscription_id, @resource_group, @name, @location, @sku, @slot, @trust_policy, @trust_ever_enabled,
           @trust_deletion_pending, @content_trust_unsupported, @admin_user_enabled, @admin_passwords, @provisioning_state, @policies, @tags,
           @created_at, @created_by, @updated_at)`,
      )
      .run(toParams(registry));
  }

  save(registry: RegistryState): void {
    this.db
      .prepare(
        `UPDATE registries SET sku = @sku, trust_policy = @trust_policy, trust_ever_enabled = @trust_ever_enabled,
           trust_deletion_pending = @trust_deletion_pending, content_trust_unsupported = @content_trust_unsupported,
           admin_user_enabled = @admin_user_enabled, admin_passwords = @admin_passwords, provisioning_state = @provisioning_state,
           policies = @policies, tags = @tags, updated_at = @updated_at
         WHERE id = @id`,
      )
      .run(toParams({ ...registry, updatedAt: new Date().toISOString() }));
  }

  remove(resourceId: string): void {
    this.db.prepare('DELETE FROM registries WHERE id = ?').run(resourceId);
  }
}
