import type { Registry as ArmRegistry } from '@azure/arm-containerregistry';
import { isRestError } from '@azure/core-rest-pipeline';
import {
  parseRegistryResourceId,
  skuNameSchema,
  type Registry,
  type RegistryDetail,
  type RegistryList,
  type RegistryRef,
  type Subscription,
} from '@ctp/contracts';
import type { ArmClients } from '../azure/arm.ts';
import { registryCapabilities, type PermissionSet } from '../azure/permissions.ts';
import { NotFound, UpstreamError } from '../errors.ts';
import { problemFromError } from './problem-of.ts';

/** Registries and subscriptions as the caller may see them, reshaped from ARM into the contracts. */
export class RegistryService {
  constructor(private readonly arm: ArmClients) {}

  async subscriptions(): Promise<Subscription[]> {
    const found: Subscription[] = [];
    for await (const s of this.arm.subscriptions().subscriptions.list()) {
      if (!s.subscriptionId) continue;
      found.push({
        subscriptionId: s.subscriptionId,
        displayName: s.displayName ?? s.subscriptionId,
        state: s.state ?? 'Unknown',
        ...(s.tenantId ? { tenantId: s.tenantId } : {}),
      });
    }
    return found.sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /** Every registry in every visible subscription; one failing subscription does not hide the others. */
  async list(onlySubscriptionId?: string): Promise<RegistryList> {
    const subscriptions = (await this.subscriptions()).filter(
      (s) => !onlySubscriptionId || s.subscriptionId.toLowerCase() === onlySubscriptionId.toLowerCase(),
    );
    // A subscription the caller cannot see: ask ARM anyway, so its refusal (SubscriptionNotFound,
    // AuthorizationFailed…) reaches the person instead of an unexplained empty list.
    if (onlySubscriptionId && subscriptions.length === 0) {
      return { value: await this.registriesIn(onlySubscriptionId), subscriptions, failures: [] };
    }
    const failures: RegistryList['failures'] = [];
    const perSubscription = await Promise.all(
      subscriptions.map(async (s) => {
        try {
          return await this.registriesIn(s.subscriptionId);
        } catch (error) {
          failures.push({ subscriptionId: s.subscriptionId, problem: problemFromError(error) });
          return [];
        }
      }),
    );
    const value = perSubscription.flat().sort((a, b) => a.name.localeCompare(b.name));
    return { value, subscriptions, failures };
  }

  private async registriesIn(subscriptionId: string): Promise<Registry[]> {
    const registries: Registry[] = [];
    try {
      for await (const r of this.arm.registries(subscriptionId).registries.list()) {
        const shaped = toRegistry(r);
        if (shaped) registries.push(shaped);
      }
    } catch (error) {
      // The SDK's pager keeps ARM's code but replaces its message ("Pagination failed with unexpected
      // statusCode 404"): say which listing ARM refused, so the person can act on it.
      if (isRestError(error) && error.statusCode && /^Pagination failed/.test(error.message)) {
        throw new UpstreamError(
          'ARM',
          error.statusCode,
          error.code,
          `ARM answered ${error.code ?? `HTTP ${error.statusCode}`} when listing the registries of subscription ${subscriptionId}.`,
        );
      }
      throw error;
    }
    return registries.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** One registry with what the caller may do on it (ARM's effective permissions at its scope). */
  async get(ref: RegistryRef): Promise<RegistryDetail> {
    const [armRegistry, permissions, subscriptionName] = await Promise.all([
      this.arm.registries(ref.subscriptionId).registries.get(ref.resourceGroup, ref.registryName),
      this.permissions(ref),
      this.subscriptionName(ref.subscriptionId),
    ]);
    const registry = toRegistry(armRegistry);
    if (!registry)
      throw new NotFound(`ARM returned no usable registry for ${ref.registryName}.`, 'ResourceNotFound');
    return {
      ...registry,
      ...(subscriptionName ? { subscriptionDisplayName: subscriptionName } : {}),
      capabilities: registryCapabilities(permissions),
    };
  }

  /** The caller's effective permissions at the registry's scope (`Microsoft.Authorization/permissions`). */
  async permissions(ref: RegistryRef): Promise<PermissionSet[]> {
    const found: PermissionSet[] = [];
    const pages = this.arm
      .authorization(ref.subscriptionId)
      .permissions.listForResource(
        ref.resourceGroup,
        'Microsoft.ContainerRegistry',
        '',
        'registries',
        ref.registryName,
      );
    for await (const p of pages) found.push(p);
    return found;
  }

  private async subscriptionName(subscriptionId: string): Promise<string | undefined> {
    try {
      const s = await this.arm.subscriptions().subscriptions.get(subscriptionId);
      return s.displayName;
    } catch {
      return undefined; // the name is decoration; the registry itself decides success
    }
  }
}

/** ARM's registry resource → the portal's Registry (undefined for a resource without a usable id). */
export function toRegistry(r: ArmRegistry): Registry | undefined {
  const ref = r.id ? parseRegistryResourceId(r.id) : undefined;
  if (!ref || !r.name) return undefined;
  const sku = skuNameSchema.safeParse(r.sku?.name);
  return {
    id: r.id!,
    name: r.name,
    subscriptionId: ref.subscriptionId,
    resourceGroup: ref.resourceGroup,
    location: r.location ?? '',
    sku: sku.success ? sku.data : 'Basic',
    loginServer: r.loginServer ?? '',
    contentTrust: r.policies?.trustPolicy?.status === 'enabled' ? 'enabled' : 'disabled',
    adminUserEnabled: r.adminUserEnabled ?? false,
    provisioningState: r.provisioningState ?? 'Succeeded',
    ...(r.creationDate ? { createdAt: new Date(r.creationDate).toISOString() } : {}),
  };
}
