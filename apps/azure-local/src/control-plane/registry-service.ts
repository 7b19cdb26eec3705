import { randomUUID } from 'node:crypto';
import type { DataPlanePort, RegistryChange, RegistryRecord, RegistrySku } from '../ports.ts';
import { ArmError } from './arm/errors.ts';
import type { ActivityLogStore } from './state/activity-log.ts';
import type { DirectoryStore } from './state/directory.ts';
import type { OperationStore } from './state/operations.ts';
import {
  defaultPolicies,
  newAdminPassword,
  registryResourceId,
  type OtherPolicies,
  type RegistryState,
  type RegistryStore,
} from './state/registries.ts';
import type { RoleAssignmentStore } from './state/role-assignments.ts';
import { addRegistryAdminPrincipal } from './state/seed.ts';

export interface RegistryServiceDeps {
  registries: RegistryStore;
  operations: OperationStore;
  assignments: RoleAssignmentStore;
  directory: DirectoryStore;
  activity: ActivityLogStore;
  dataPlane: () => DataPlanePort;
  loginServerFor: (slot: number) => string;
  /** Registries created from now on refuse new content-trust enablement (Azure's DCT deprecation). */
  newRegistriesRefuseContentTrust: () => boolean;
}

export interface RegistryChangeRequest {
  sku?: RegistrySku;
  adminUserEnabled?: boolean;
  trustPolicy?: 'enabled' | 'disabled';
  policies?: Partial<{ [K in keyof OtherPolicies]: Partial<OtherPolicies[K]> }>;
  tags?: Record<string, string>;
}

export interface Actor {
  caller: string;
  objectId: string | null;
  correlationId: string;
}

/** What an ARM write answered: done now, or a long-running operation to poll. */
export type WriteOutcome = { registry: RegistryState; operationId?: string };

export const CONTENT_TRUST_SKU_ERROR = (sku: string) =>
  // The real ARM error for this case is not documented (Azure CLI refuses client-side with the second
  // sentence); the code is emulator-chosen in ACR's "<Feature>NotSupported" style.
  new ArmError(
    400,
    'ContentTrustNotSupportedForSku',
    `Content trust is not supported for the SKU ${sku}. Policies are only supported for managed registries in Premium SKU. For more information, please visit https://aka.ms/acr/tiers.`,
    'properties.policies.trustPolicy.status',
  );

export const PREMIUM_UPGRADE_WITH_CONTENT_TRUST_ERROR = (name: string, sku: string) =>
  // ARM refuses a SKU upgrade and a Premium-only property in one call (terraform-provider-azurerm
  // works around it with two requests); the exact ARM code is not documented, this one is emulator-chosen.
  new ArmError(
    400,
    'PremiumPropertiesRequirePremiumSku',
    `Registry '${name}' cannot be upgraded from SKU ${sku} to Premium and have content trust (the Premium-only property 'properties.policies.trustPolicy') enabled in the same request. Send two requests: first update the SKU alone ({"sku":{"name":"Premium"}}), then, once that has succeeded, enable content trust ({"properties":{"policies":{"trustPolicy":{"type":"Notary","status":"enabled"}}}}).`,
    'properties.policies.trustPolicy.status',
  );

export const CONTENT_TRUST_UNSUPPORTED_ERROR = () =>
  // Azure's answer since 2026-05-31 for registries that never had content trust.
  new ArmError(
    400,
    'ContentTrustUnsupported',
    "The value 'enabled' for property 'status' in 'trustPolicy' is not supported. Content Trust is being deprecated and will be completely removed on March 31, 2028. Refer to https://aka.ms/acr/dctdeprecation",
    'properties.policies.trustPolicy.status',
  );

/**
 * Owns registry resources: ARM's create / update / delete with their long-running parts (provisioning,
 * trust-data deletion on disable, deprovisioning), change notifications for the data plane, and
 * resumption of work interrupted by a restart.
 */
export class RegistryService {
  private readonly listeners: Array<(change: RegistryChange) => void | Promise<void>> = [];
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly deps: RegistryServiceDeps) {}

  onChange(listener: (change: RegistryChange) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  toRecord(r: RegistryState): RegistryRecord {
    return {
      resourceId: r.resourceId,
      name: r.name,
      sku: r.sku,
      loginServer: this.deps.loginServerFor(r.slot),
      slot: r.slot,
      trustPolicy: r.trustPolicy,
      adminUserEnabled: r.adminUserEnabled,
      adminPasswords: [...r.adminPasswords],
    };
  }

  list(): RegistryState[] {
    return this.deps.registries.list();
  }

  get(resourceId: string): RegistryState | undefined {
    return this.deps.registries.get(resourceId);
  }

  private emit(type: RegistryChange['type'], registry: RegistryState): void {
    const record = this.toRecord(registry);
    for (const listener of this.listeners) {
      Promise.resolve()
        .then(() => listener({ type, registry: record }))
        .catch((error: unknown) =>
          console.error(`[azure-local] registry change listener failed: ${(error as Error).message}`),
        );
    }
  }

  create(
    subscriptionId: string,
    resourceGroup: string,
    name: string,
    location: string,
    change: RegistryChangeRequest,
    actor: Actor,
  ): WriteOutcome {
    const now = new Date().toISOString();
    const sku = change.sku ?? 'Basic';
    const trustPolicy = change.trustPolicy ?? 'disabled';
    const refuse = this.deps.newRegistriesRefuseContentTrust();
    if (trustPolicy === 'enabled') {
      if (sku !== 'Premium') throw CONTENT_TRUST_SKU_ERROR(sku);
      if (refuse) throw CONTENT_TRUST_UNSUPPORTED_ERROR();
    }
    const policies = mergePolicies(defaultPolicies(now), change.policies);
    const registry: RegistryState = {
      resourceId: registryResourceId(subscriptionId, resourceGroup, name),
      subscriptionId,
      resourceGroup,
      name,
      location,
      sku,
      slot: this.deps.registries.nextFreeSlot(),
      trustPolicy,
      trustEverEnabled: trustPolicy === 'enabled',
      trustDeletionPending: false,
      contentTrustUnsupported: refuse,
      adminUserEnabled: change.adminUserEnabled ?? false,
      adminPasswords: [newAdminPassword(), newAdminPassword()],
      provisioningState: 'Creating',
      policies,
      tags: change.tags ?? {},
      createdAt: now,
      createdBy: actor.caller,
      updatedAt: now,
    };
    this.deps.registries.insert(registry);
    addRegistryAdminPrincipal(this.deps.directory, registry);
    const operationId = randomUUID();
    this.deps.operations.start(operationId, 'registry-create', registry.resourceId);
    this.emit('created', registry);
    this.background(
      operationId,
      'Microsoft.ContainerRegistry/registries/write',
      actor,
      async () => {
        await this.deps.dataPlane().provisionRegistry(this.toRecord(registry));
        const current = this.get(registry.resourceId);
        if (current) this.deps.registries.save({ ...current, provisioningState: 'Succeeded' });
      },
      () => {
        const current = this.get(registry.resourceId);
        if (current) this.deps.registries.save({ ...current, provisioningState: 'Failed' });
      },
    );
    return { registry: this.get(registry.resourceId)!, operationId };
  }

  /**
   * ARM's PATCH (`mode: 'merge'`: what the body omits stays) or PUT on an existing registry (`mode:
   * 'replace'`: what the body omits goes back to its default — admin user off, default policies,
   * content trust disabled, no tags). Both take the same paths, so a replace that turns content trust
   * off deletes the trust data behind the same long-running operation as a PATCH.
   */
  update(
    resourceId: string,
    change: RegistryChangeRequest,
    actor: Actor,
    mode: 'merge' | 'replace' = 'merge',
  ): WriteOutcome {
    const current = this.get(resourceId);
    if (!current) throw new Error(`registry ${resourceId} does not exist`);
    if (current.provisioningState === 'Deleting' || current.provisioningState === 'Creating') {
      throw new ArmError(
        409,
        'OperationNotAllowed',
        `The registry '${current.name}' is ${current.provisioningState.toLowerCase()}; retry when the current operation has finished.`,
      );
    }
    const replace = mode === 'replace';
    const requestedTrust = change.trustPolicy ?? (replace ? 'disabled' : undefined);
    if (
      current.sku !== 'Premium' &&
      change.sku === 'Premium' &&
      requestedTrust === 'enabled' &&
      current.trustPolicy !== 'enabled'
    ) {
      throw PREMIUM_UPGRADE_WITH_CONTENT_TRUST_ERROR(current.name, current.sku);
    }
    const next: RegistryState = {
      ...current,
      sku: change.sku ?? current.sku,
      adminUserEnabled: change.adminUserEnabled ?? (replace ? false : current.adminUserEnabled),
      tags: change.tags ?? (replace ? {} : current.tags),
      policies: mergePolicies(
        // Defaults keep the stored retention lastUpdatedTime; a retention policy in the body renews it.
        replace ? defaultPolicies(current.policies.retentionPolicy.lastUpdatedTime) : current.policies,
        change.policies,
      ),
    };
    let startDeletion = false;
    const wanted = requestedTrust ?? current.trustPolicy;
    if (wanted === 'enabled') {
      if (next.sku !== 'Premium') throw CONTENT_TRUST_SKU_ERROR(next.sku);
      if (current.trustPolicy === 'disabled') {
        if (current.trustDeletionPending) {
          throw new ArmError(
            409,
            'OperationNotAllowed',
            `The trust data of registry '${current.name}' is still being deleted after content trust was disabled; enable it again when that operation has finished (if it failed, disable again to retry the deletion).`,
          );
        }
        if (current.contentTrustUnsupported && !current.trustEverEnabled)
          throw CONTENT_TRUST_UNSUPPORTED_ERROR();
        next.trustPolicy = 'enabled';
        next.trustEverEnabled = true;
      }
    } else if (
      requestedTrust === 'disabled' &&
      (current.trustPolicy === 'enabled' || current.trustDeletionPending)
    ) {
      // The policy is off at once (the data plane checks it per request); the deletion runs behind an LRO.
      next.trustPolicy = 'disabled';
      next.trustDeletionPending = true;
      next.provisioningState = 'Updating';
      startDeletion = !this.deletionRunning(resourceId);
    }
    if (!startDeletion && current.provisioningState !== 'Updating') next.provisioningState = 'Succeeded';
    this.deps.registries.save(next);
    this.emit('updated', next);
    if (!startDeletion) return { registry: this.get(resourceId)! };
    const operationId = randomUUID();
    this.deps.operations.start(operationId, 'trust-data-deletion', resourceId);
    this.runTrustDeletion(operationId, resourceId, actor);
    return { registry: this.get(resourceId)!, operationId };
  }

  private deletionRunning(resourceId: string): boolean {
    return this.deps.operations
      .unfinished()
      .some(
        (op) => op.kind === 'trust-data-deletion' && op.resourceId.toLowerCase() === resourceId.toLowerCase(),
      );
  }

  private runTrustDeletion(operationId: string, resourceId: string, actor: Actor): void {
    this.background(
      operationId,
      'Microsoft.ContainerRegistry/registries/write',
      actor,
      async () => {
        const registry = this.get(resourceId);
        if (!registry) return;
        const startedAt = Date.now();
        // What is about to lose its trust data (shown while the deletion runs).
        const summary = await this.deps
          .dataPlane()
          .trustDataSummary(this.toRecord(registry))
          .catch(() => undefined);
        if (this.stopped) return;
        const before = summary
          ? { repositoriesWithTrustData: summary.repositories, signedTags: summary.signedTags }
          : {};
        this.deps.operations.progress(operationId, {
          phase: 'deleting-trust-data',
          done: 0,
          total: null,
          ...before,
        });
        const result = await this.deps.dataPlane().deleteAllTrustData(this.toRecord(registry), (p) => {
          if (!this.stopped)
            this.deps.operations.progress(operationId, { phase: 'deleting-trust-data', ...before, ...p });
        });
        if (this.stopped) return;
        this.deps.operations.progress(operationId, {
          ...before,
          phase: 'done',
          done: result.gunsDeleted,
          total: result.gunsDeleted,
          gunsDeleted: result.gunsDeleted,
          elapsedMs: Date.now() - startedAt,
        });
        const current = this.get(resourceId);
        if (current)
          this.deps.registries.save({
            ...current,
            trustDeletionPending: false,
            provisioningState: 'Succeeded',
          });
      },
      () => {
        const current = this.get(resourceId);
        if (current) this.deps.registries.save({ ...current, provisioningState: 'Failed' });
      },
    );
  }

  delete(resourceId: string, actor: Actor): WriteOutcome {
    const current = this.get(resourceId);
    if (!current) throw new Error(`registry ${resourceId} does not exist`);
    const deleting: RegistryState = { ...current, provisioningState: 'Deleting' };
    this.deps.registries.save(deleting);
    const operationId = randomUUID();
    this.deps.operations.start(operationId, 'registry-delete', resourceId);
    this.background(
      operationId,
      'Microsoft.ContainerRegistry/registries/delete',
      actor,
      async () => {
        await this.deps.dataPlane().deprovisionRegistry(this.toRecord(deleting));
        this.deps.registries.remove(resourceId);
        this.deps.assignments.removeAtOrBelow(resourceId);
        const admin = this.deps.directory.byRegistryAdminOf(resourceId);
        if (admin) this.deps.directory.remove(admin.id);
        this.emit('deleted', deleting);
      },
      () => {
        const again = this.get(resourceId);
        if (again) this.deps.registries.save({ ...again, provisioningState: 'Failed' });
      },
    );
    return { registry: deleting, operationId };
  }

  regenerateCredential(resourceId: string, which: 'password' | 'password2'): RegistryState {
    const current = this.get(resourceId)!;
    const passwords: [string, string] = [...current.adminPasswords];
    passwords[which === 'password' ? 0 : 1] = newAdminPassword();
    const next = { ...current, adminPasswords: passwords };
    this.deps.registries.save(next);
    this.emit('updated', next);
    return this.get(resourceId)!;
  }

  setContentTrustUnsupported(resourceId: string, value: boolean): void {
    const current = this.get(resourceId);
    if (!current) throw new Error(`registry ${resourceId} does not exist`);
    this.deps.registries.save({
      ...current,
      contentTrustUnsupported: value,
      trustEverEnabled: value ? false : current.trustEverEnabled,
    });
  }

  /** Restarts operations a previous process left unfinished (trust-data deletion is resumable). */
  resumeUnfinished(): void {
    for (const op of this.deps.operations.unfinished()) {
      const actor = { caller: 'azure-local (resumed after restart)', objectId: null, correlationId: op.id };
      if (op.kind === 'trust-data-deletion') {
        this.runTrustDeletion(op.id, op.resourceId, actor);
      } else if (op.kind === 'registry-create') {
        this.background(op.id, 'Microsoft.ContainerRegistry/registries/write', actor, async () => {
          const registry = this.get(op.resourceId);
          if (!registry) return;
          await this.deps.dataPlane().provisionRegistry(this.toRecord(registry));
          this.deps.registries.save({ ...this.get(op.resourceId)!, provisioningState: 'Succeeded' });
        });
      } else if (op.kind === 'registry-delete') {
        const registry = this.get(op.resourceId);
        if (registry) {
          this.deps.operations.finish(op.id, 'Canceled');
          this.delete(op.resourceId, actor);
        } else {
          this.deps.operations.finish(op.id, 'Succeeded');
        }
      }
    }
  }

  /** Resolves when no background operation is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /**
   * Stops recording background work without waiting for it (a slow data plane must not hold up a
   * shutdown). Unfinished operations stay InProgress in SQLite and are resumed at the next start, as
   * after a crash; the data plane's work is idempotent.
   */
  async stop(): Promise<void> {
    this.stopped = true;
  }

  private background(
    operationId: string,
    operationName: string,
    actor: Actor,
    work: () => Promise<void>,
    onFailure?: () => void,
  ): void {
    const task = (async () => {
      try {
        await waitForDataPlane(this.deps.dataPlane, () => this.stopped);
        if (this.stopped) return; // left InProgress: resumed at the next start
        await work();
        if (this.stopped) return;
        this.deps.operations.finish(operationId, 'Succeeded');
        this.log(operationId, operationName, actor, 'Succeeded', 200);
      } catch (error) {
        if (this.stopped) return; // the state is closed; the operation resumes at the next start
        const failure = { code: 'InternalServerError', message: (error as Error).message };
        onFailure?.();
        this.deps.operations.finish(operationId, 'Failed', failure);
        this.log(operationId, operationName, actor, 'Failed', 500, failure);
      }
    })();
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
  }

  private log(
    operationId: string,
    operationName: string,
    actor: Actor,
    status: 'Succeeded' | 'Failed',
    statusCode: number,
    error?: { code: string; message: string },
  ): void {
    const op = this.deps.operations.get(operationId);
    if (!op) return;
    const registry = this.get(op.resourceId);
    this.deps.activity.append({
      eventDataId: randomUUID(),
      eventTimestamp: new Date().toISOString(),
      correlationId: actor.correlationId,
      caller: actor.caller,
      callerObjectId: actor.objectId,
      operationName,
      httpMethod: 'LRO',
      resourceId: op.resourceId,
      subscriptionId: registry?.subscriptionId ?? op.resourceId.split('/')[2] ?? null,
      resourceGroup: registry?.resourceGroup ?? op.resourceId.split('/')[4] ?? null,
      status,
      statusCode,
      error: error ?? null,
    });
  }
}

function mergePolicies(base: OtherPolicies, change: RegistryChangeRequest['policies']): OtherPolicies {
  if (!change) return base;
  const now = new Date().toISOString();
  return {
    quarantinePolicy: { ...base.quarantinePolicy, ...change.quarantinePolicy },
    retentionPolicy: {
      ...base.retentionPolicy,
      ...change.retentionPolicy,
      ...(change.retentionPolicy ? { lastUpdatedTime: now } : {}),
    },
    exportPolicy: { ...base.exportPolicy, ...change.exportPolicy },
    azureADAuthenticationAsArmPolicy: {
      ...base.azureADAuthenticationAsArmPolicy,
      ...change.azureADAuthenticationAsArmPolicy,
    },
  };
}

/** The data plane starts after the control plane; background work waits for it. */
async function waitForDataPlane(dataPlane: () => DataPlanePort, stopped: () => boolean): Promise<void> {
  for (;;) {
    try {
      dataPlane();
      return;
    } catch {
      if (stopped()) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
