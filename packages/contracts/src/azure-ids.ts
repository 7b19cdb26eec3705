import * as z from 'zod';

/**
 * Names as Azure allows them; the BFF validates every path segment with these before it builds an
 * upstream URL, so no request can smuggle another path or host into ARM (no open proxy).
 */
export const subscriptionIdSchema = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    'a subscription id is a GUID',
  );
/** Resource group names: 1–90 letters, digits, `_-.()`, not ending in a period (ARM's rule). */
export const resourceGroupNameSchema = z
  .string()
  .regex(
    /^[-\w.()]{0,89}[-\w()]$/,
    'a resource group name has 1–90 letters, digits, underscores, hyphens, periods or parentheses and does not end with a period',
  );
/** Registry names: 5–50 alphanumerics (ACR's rule). */
export const registryNameSchema = z
  .string()
  .regex(/^[a-zA-Z0-9]{5,50}$/, 'a registry name has 5–50 letters and digits');

export const registryRefSchema = z.object({
  subscriptionId: subscriptionIdSchema,
  resourceGroup: resourceGroupNameSchema,
  registryName: registryNameSchema,
});
/** A registry, by the three parts of its ARM resource id. */
export type RegistryRef = z.infer<typeof registryRefSchema>;

/** `/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.ContainerRegistry/registries/<name>` */
export function registryResourceId(ref: RegistryRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${ref.registryName}`;
}

/** The BFF's path for a registry (and the prefix of every blade's routes below it). */
export function registryApiPath(ref: RegistryRef): string {
  return `/api/subscriptions/${encodeURIComponent(ref.subscriptionId)}/resourceGroups/${encodeURIComponent(ref.resourceGroup)}/registries/${encodeURIComponent(ref.registryName)}`;
}

/** Parses an ARM registry resource id (case-insensitive segment names, as ARM returns them). */
export function parseRegistryResourceId(id: string): RegistryRef | undefined {
  const match =
    /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/]+)$/i.exec(
      id,
    );
  if (!match) return undefined;
  const parsed = registryRefSchema.safeParse({
    subscriptionId: match[1],
    resourceGroup: match[2],
    registryName: match[3],
  });
  return parsed.success ? parsed.data : undefined;
}
