import { createHash } from 'node:crypto';
import type { Policies, Registry as ArmRegistry } from '@azure/arm-containerregistry';
import {
  CONTENT_TRUST_DEPRECATION,
  contentTrustProblemCodes,
  registryResourceId,
  type ContentTrustStatus,
  type ContentTrustUpdate,
  type ContentTrustUpdateResult,
  type RegistryRef,
} from '@ctp/contracts';
import { isRestError } from '@azure/core-rest-pipeline';
import type { ArmClients } from '../azure/arm.ts';
import { ACR_ACTIONS, allows, type PermissionSet } from '../azure/permissions.ts';
import { BffError, NotFound } from '../errors.ts';
import { toBffError } from '../middleware/problem.ts';
import { RegistryService, toRegistry } from './registries.ts';
import { operationFromHeader } from './content-trust-operations.ts';

const ACTIVITY_LOG_READ = 'Microsoft.Insights/eventtypes/values/read';

/**
 * The registry's content-trust policy (Policies > Content trust): its state with what the caller may
 * do, and the enable / disable through ARM (read-modify-write of `policies`, as `az acr config
 * content-trust update` does), guarded here: a disable needs the registry's name typed exactly and a
 * fresh If-Match, because it deletes every repository's trust data irreversibly.
 */
export class ContentTrustService {
  constructor(private readonly arm: ArmClients) {}

  private registries(ref: RegistryRef) {
    return this.arm.registries(ref.subscriptionId).registries;
  }

  async status(ref: RegistryRef): Promise<ContentTrustStatus> {
    const [armRegistry, permissions] = await Promise.all([
      this.registries(ref).get(ref.resourceGroup, ref.registryName),
      new RegistryService(this.arm).permissions(ref),
    ]);
    return statusOf(armRegistry, permissions);
  }

  async update(ref: RegistryRef, body: ContentTrustUpdate, ifMatch: string | undefined) {
    const current = await this.registries(ref).get(ref.resourceGroup, ref.registryName);
    const registry = toRegistry(current);
    if (!registry) throw new NotFound(`ARM returned no usable registry for ${ref.registryName}.`);
    const etag = registryEtag(current);

    if (body.status === 'disabled') {
      if (body.confirmRegistryName === undefined)
        throw confirmationProblem(
          `Disabling content trust deletes the trust data (signatures) of every repository in ${registry.name}, irreversibly. Send the registry's name in confirmRegistryName to confirm.`,
        );
      if (body.confirmRegistryName !== registry.name)
        throw confirmationProblem(
          `confirmRegistryName does not match the registry's name exactly (case-sensitive, no spaces trimmed): type "${registry.name}" to confirm. Nothing was changed.`,
        );
      if (!ifMatch)
        throw new BffError(
          428,
          'If-Match required',
          'Disabling content trust needs the If-Match header with the ETag of the status you confirmed (GET …/content-trust), so a change made meanwhile is not overridden blindly.',
          contentTrustProblemCodes.preconditionRequired,
        );
    }
    if (ifMatch && !etagMatches(ifMatch, etag))
      throw new BffError(
        412,
        'The registry changed since the page loaded',
        `${registry.name} changed since you loaded it (content trust is now ${registry.contentTrust}, provisioning ${registry.provisioningState}). Reload the status, review it, and confirm again. Nothing was changed.`,
        contentTrustProblemCodes.preconditionFailed,
      );
    if (registry.sku !== 'Premium' && body.status === 'enabled')
      throw premiumProblem(registry.name, registry.sku);

    // Read-modify-write of the whole policies object; read-only fields stay out of the PATCH.
    const policies: Policies = {
      ...current.policies,
      ...(current.policies?.retentionPolicy
        ? {
            retentionPolicy: {
              ...(current.policies.retentionPolicy.days !== undefined
                ? { days: current.policies.retentionPolicy.days }
                : {}),
              ...(current.policies.retentionPolicy.status
                ? { status: current.policies.retentionPolicy.status }
                : {}),
            },
          }
        : {}),
      trustPolicy: { type: 'Notary', status: body.status },
    };
    let asyncOperation: string | undefined;
    let initialStatus = 0;
    try {
      const poller = this.registries(ref).update(
        ref.resourceGroup,
        ref.registryName,
        { policies },
        {
          onResponse: (response) => {
            initialStatus = response.status;
            asyncOperation = response.headers.get('azure-asyncoperation') ?? undefined;
          },
        },
      );
      // Only the initial request: the SPA polls the operation through the BFF (stateless, any replica).
      await poller.submitted();
    } catch (error) {
      throw trustUpdateProblem(error, registry.name);
    }
    const operation = asyncOperation
      ? operationFromHeader(asyncOperation, registryResourceId(ref))
      : undefined;
    const status = await this.status(ref);
    const result: ContentTrustUpdateResult = {
      status,
      ...(operation ? { operation: { id: operation, status: 'InProgress' as const } } : {}),
    };
    return {
      result,
      accepted: Boolean(operation) || initialStatus === 202,
      registry,
    };
  }
}

export function statusOf(armRegistry: ArmRegistry, permissions: PermissionSet[]): ContentTrustStatus {
  const registry = toRegistry(armRegistry);
  if (!registry) throw new NotFound('ARM returned no usable registry.', 'ResourceNotFound');
  const canWrite = allows(permissions, ACR_ACTIONS.write, 'action');
  const premium = registry.sku === 'Premium';
  return {
    registryId: registry.id,
    registryName: registry.name,
    loginServer: registry.loginServer,
    sku: registry.sku,
    trustPolicy: { type: 'Notary', status: registry.contentTrust },
    provisioningState: registry.provisioningState,
    etag: registryEtag(armRegistry),
    skuSupport: premium
      ? { supported: true }
      : {
          supported: false,
          reason: premiumReason(registry.name, registry.sku),
          action: premiumAction(registry.name),
        },
    capabilities: {
      canChangeTrustPolicy: canWrite,
      ...(canWrite
        ? {}
        : {
            reason: `You need the permission ${ACR_ACTIONS.write} on ${registry.name} (for example the Owner or Contributor role) to change content trust. Ask an owner of the registry for it.`,
          }),
      canReadActivityLog: allows(permissions, ACTIVITY_LOG_READ, 'action'),
    },
    deprecation: { ...CONTENT_TRUST_DEPRECATION },
  };
}

/**
 * ARM's registry schema has no etag: one is derived from the state a change depends on (the policy,
 * the SKU, the provisioning state and ARM's last-modified time), quoted as HTTP wants it.
 */
export function registryEtag(
  r: Pick<ArmRegistry, 'id' | 'sku' | 'policies' | 'provisioningState' | 'systemData'>,
): string {
  const lastModified = r.systemData?.lastModifiedAt;
  const state = JSON.stringify([
    r.id?.toLowerCase(),
    r.sku?.name,
    r.policies?.trustPolicy?.status ?? 'disabled',
    r.provisioningState,
    lastModified instanceof Date ? lastModified.toISOString() : (lastModified ?? null),
  ]);
  return `"${createHash('sha256').update(state).digest('base64url').slice(0, 27)}"`;
}

/** If-Match as RFC 9110 reads it: `*`, or a list of entity tags (weak prefixes ignored here). */
export function etagMatches(ifMatch: string, etag: string): boolean {
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return ifMatch.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag));
}

function confirmationProblem(detail: string): BffError {
  return new BffError(400, 'Confirmation required', detail, contentTrustProblemCodes.confirmationRequired, [
    { path: 'confirmRegistryName', message: detail },
  ]);
}

function premiumReason(name: string, sku: string): string {
  return `Content trust is available only in the Premium service tier; ${name} is ${sku}.`;
}

function premiumAction(name: string): string {
  return `Upgrade ${name} to Premium first (Properties > Pricing plan, or az acr update --name ${name} --sku Premium), then enable content trust in a second step. Since ${CONTENT_TRUST_DEPRECATION.noNewEnablementFrom}, Azure may refuse it anyway for registries that never used content trust: sign with the ${CONTENT_TRUST_DEPRECATION.successor} instead.`;
}

function premiumProblem(name: string, sku: string): BffError {
  return new BffError(
    400,
    'Content trust needs the Premium tier',
    `${premiumReason(name, sku)} ${premiumAction(name)}`,
    contentTrustProblemCodes.premiumRequired,
  );
}

/** ARM's refusals of a trust-policy change, with what the person can do about them (ARM's text kept). */
function trustUpdateProblem(error: unknown, name: string): unknown {
  if (!isRestError(error)) return error;
  const known = toBffError(error);
  if (!known) return error;
  if (known.code === 'ContentTrustUnsupported')
    return new BffError(
      400,
      'Azure no longer allows enabling content trust here',
      `${known.detail} Docker Content Trust is deprecated in Azure Container Registry: since ${CONTENT_TRUST_DEPRECATION.noNewEnablementFrom} it cannot be enabled on registries that never used it, and it is removed on ${CONTENT_TRUST_DEPRECATION.removedOn}. Sign images with the ${CONTENT_TRUST_DEPRECATION.successor} instead (${CONTENT_TRUST_DEPRECATION.successorUrl}).`,
      contentTrustProblemCodes.unsupported,
    );
  if (known.code === 'ContentTrustNotSupportedForSku')
    return new BffError(
      400,
      'Content trust needs the Premium tier',
      `${known.detail} ${premiumAction(name)}`,
      contentTrustProblemCodes.premiumRequired,
    );
  return known;
}
