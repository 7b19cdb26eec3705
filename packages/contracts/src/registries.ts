import * as z from 'zod';
import { problemSchema } from './problem.ts';

/** GET /api/subscriptions — the subscriptions the caller can see in ARM. */
export const subscriptionSchema = z.object({
  subscriptionId: z.string(),
  displayName: z.string(),
  state: z.string(),
  tenantId: z.string().optional(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;
export const subscriptionListSchema = z.object({ value: z.array(subscriptionSchema) });
export type SubscriptionList = z.infer<typeof subscriptionListSchema>;

export const skuNameSchema = z.enum(['Classic', 'Basic', 'Standard', 'Premium']);
export type SkuName = z.infer<typeof skuNameSchema>;

/** A container registry as the portal shows it (reshaped from ARM's resource, never raw ARM JSON). */
export const registrySchema = z.object({
  /** The ARM resource id. */
  id: z.string(),
  name: z.string(),
  subscriptionId: z.string(),
  resourceGroup: z.string(),
  location: z.string(),
  sku: skuNameSchema,
  /** Where clients log in and pull (`<name>.azurecr.io`). */
  loginServer: z.string(),
  contentTrust: z.enum(['enabled', 'disabled']),
  adminUserEnabled: z.boolean(),
  provisioningState: z.string(),
  createdAt: z.string().optional(),
});
export type Registry = z.infer<typeof registrySchema>;

/**
 * GET /api/registries — every registry in every subscription the caller can see. A subscription whose
 * listing failed is reported in `failures` and does not hide the others.
 */
export const registryListSchema = z.object({
  value: z.array(registrySchema),
  subscriptions: z.array(subscriptionSchema),
  failures: z.array(z.object({ subscriptionId: z.string(), problem: problemSchema })),
});
export type RegistryList = z.infer<typeof registryListSchema>;

/**
 * What the caller may do on a registry, computed by the BFF from ARM's effective permissions at its
 * scope, so the SPA disables what the BFF would refuse (and the BFF refuses anyway).
 */
export const registryCapabilitiesSchema = z.object({
  /** `Microsoft.ContainerRegistry/registries/write`: change the content-trust policy. */
  canChangeTrustPolicy: z.boolean(),
  /** `Microsoft.Authorization/roleAssignments/read`. */
  canReadRoleAssignments: z.boolean(),
  /** `Microsoft.Authorization/roleAssignments/write`: add role assignments. */
  canAssignRoles: z.boolean(),
  /** `Microsoft.Authorization/roleAssignments/delete`. */
  canRemoveRoleAssignments: z.boolean(),
  /** `…/registries/pull/read`. */
  canPull: z.boolean(),
  /** `…/registries/push/write`. */
  canPush: z.boolean(),
  /** `…/registries/sign/write` (AcrImageSigner): push trust data. */
  canSign: z.boolean(),
});
export type RegistryCapabilities = z.infer<typeof registryCapabilitiesSchema>;

/** GET /api/subscriptions/{sub}/resourceGroups/{rg}/registries/{name} */
export const registryDetailSchema = registrySchema.extend({
  subscriptionDisplayName: z.string().optional(),
  capabilities: registryCapabilitiesSchema,
});
export type RegistryDetail = z.infer<typeof registryDetailSchema>;
