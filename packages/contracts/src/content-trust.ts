import * as z from 'zod';
import { problemSchema } from './problem.ts';
import { skuNameSchema } from './registries.ts';

/**
 * Docker Content Trust's retirement in Azure Container Registry — the one place these dates live
 * (aka.ms/acr/dctdeprecation). The BFF sends them in every status; the SPA shows them from there.
 */
export const CONTENT_TRUST_DEPRECATION = {
  /** Deprecation announced. */
  announcedOn: '2025-03-31',
  /** From this day ARM refuses to enable content trust on registries that never had it. */
  noNewEnablementFrom: '2026-05-31',
  /** Content trust is removed from ACR. */
  removedOn: '2028-03-31',
  infoUrl: 'https://aka.ms/acr/dctdeprecation',
  /** The successor: Notary Project signatures with Notation. */
  successor: 'Notary Project (Notation)',
  successorUrl:
    'https://learn.microsoft.com/azure/container-registry/container-registry-tutorial-sign-build-push',
} as const;

export const contentTrustDeprecationSchema = z.object({
  announcedOn: z.string(),
  noNewEnablementFrom: z.string(),
  removedOn: z.string(),
  infoUrl: z.string(),
  successor: z.string(),
  successorUrl: z.string(),
});

/** Problem codes of the content-trust routes (besides ARM's own, kept as ARM sent them). */
export const contentTrustProblemCodes = {
  /** Content trust needs the Premium SKU. */
  premiumRequired: 'ContentTrustRequiresPremium',
  /** ARM refused enablement: Azure's DCT deprecation (kept as ARM's code). */
  unsupported: 'ContentTrustUnsupported',
  /** A disable without, or with a wrong, typed registry name. */
  confirmationRequired: 'ConfirmationRequired',
  /** A disable without If-Match. */
  preconditionRequired: 'PreconditionRequired',
  /** If-Match no longer matches the registry (someone changed it since the page loaded). */
  preconditionFailed: 'PreconditionFailed',
} as const;

export const trustPolicyStatusSchema = z.enum(['enabled', 'disabled']);
export type TrustPolicyStatus = z.infer<typeof trustPolicyStatusSchema>;

/**
 * GET …/registries/{name}/content-trust — the blade's state. `etag` (also the ETag header) is
 * derived from the registry's state; send it back as If-Match to change the policy.
 */
export const contentTrustStatusSchema = z.object({
  registryId: z.string(),
  registryName: z.string(),
  loginServer: z.string(),
  sku: skuNameSchema,
  trustPolicy: z.object({ type: z.literal('Notary'), status: trustPolicyStatusSchema }),
  /** ARM's provisioningState; `Updating` while a disable's trust-data deletion runs. */
  provisioningState: z.string(),
  etag: z.string(),
  /** Whether the SKU allows content trust at all (Premium only), with what to do otherwise. */
  skuSupport: z.object({
    supported: z.boolean(),
    reason: z.string().optional(),
    action: z.string().optional(),
  }),
  /** What the caller may do, from ARM's effective permissions at the registry (the BFF refuses anyway). */
  capabilities: z.object({
    canChangeTrustPolicy: z.boolean(),
    /** Why not, when they may not (the missing action). */
    reason: z.string().optional(),
    canReadActivityLog: z.boolean(),
  }),
  deprecation: contentTrustDeprecationSchema,
});
export type ContentTrustStatus = z.infer<typeof contentTrustStatusSchema>;

/** PUT …/content-trust (with If-Match). Disabling needs the registry name typed exactly. */
export const contentTrustUpdateSchema = z.object({
  status: trustPolicyStatusSchema,
  /** Required when `status` is `disabled`: the registry's name, exactly (case-sensitive, untrimmed). */
  confirmRegistryName: z.string().max(100).optional(),
});
export type ContentTrustUpdate = z.infer<typeof contentTrustUpdateSchema>;

export const operationStatusSchema = z.enum(['InProgress', 'Succeeded', 'Failed', 'Canceled']);

/**
 * A content-trust change that ARM runs as a long-running operation (a disable deletes every
 * repository's trust data). Poll GET …/content-trust/operations/{id} until `status` is terminal.
 */
export const contentTrustOperationSchema = z.object({
  id: z.string(),
  status: operationStatusSchema,
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  /** Progress when ARM reports it (repositories whose trust data is deleted so far). */
  progress: z
    .object({
      phase: z.string().optional(),
      done: z.number().int().optional(),
      total: z.number().int().nullable().optional(),
    })
    .optional(),
  /** Why it failed, when it did. */
  error: problemSchema.optional(),
});
export type ContentTrustOperation = z.infer<typeof contentTrustOperationSchema>;

/** PUT answer: 200 with the new status when ARM finished at once, else 202 with the operation. */
export const contentTrustUpdateResultSchema = z.object({
  status: contentTrustStatusSchema,
  operation: contentTrustOperationSchema.optional(),
});
export type ContentTrustUpdateResult = z.infer<typeof contentTrustUpdateResultSchema>;

/** What a repository loses when content trust is disabled. */
export const repositoryTrustImpactSchema = z.object({
  repository: z.string(),
  gun: z.string(),
  /** `present`: verified trust data; `invalid`: trust data that fails verification (deleted too). */
  trustData: z.enum(['present', 'none', 'invalid', 'unknown']),
  /** Tags a content-trust client can pull by signature (Docker's `targets/releases` then `targets`). */
  signedTags: z.number().int(),
  /** Tags the registry serves (they all stay). */
  tags: z.number().int(),
  /** TUF roles holding trust data (root, targets, snapshot, timestamp and delegations). */
  roles: z.array(z.string()),
  /** Why the numbers are unknown, when they are. */
  problem: problemSchema.optional(),
});
export type RepositoryTrustImpact = z.infer<typeof repositoryTrustImpactSchema>;

/**
 * GET …/content-trust/impact — "N signed tags in M repositories will lose their signatures; K images
 * stay", counted from the trust server (and the registry) as the caller, before anything happens.
 */
export const contentTrustImpactSchema = z.object({
  registryName: z.string(),
  computedAt: z.string(),
  /** Where the counts come from. */
  source: z.enum(['trust-server']),
  totals: z.object({
    signedTags: z.number().int(),
    repositoriesWithTrustData: z.number().int(),
    repositories: z.number().int(),
    /** Tags in the registry: images stay whatever happens to trust data. */
    imagesKept: z.number().int(),
    /** Repositories whose trust data could not be read (counts above are then lower bounds). */
    unknown: z.number().int(),
  }),
  repositories: z.array(repositoryTrustImpactSchema),
});
export type ContentTrustImpact = z.infer<typeof contentTrustImpactSchema>;

/** One entry of the trust-data export's manifest (`manifest.json` in the archive). */
export const trustExportFileSchema = z.object({
  gun: z.string(),
  role: z.string(),
  version: z.number().int(),
  sha256: z.string(),
  length: z.number().int(),
  /** Served as the role's current file (`<role>.json`), not only by checksum or version. */
  current: z.boolean(),
  /** Where the file is in the archive. */
  path: z.string(),
});
export type TrustExportFile = z.infer<typeof trustExportFileSchema>;

export const trustExportManifestSchema = z.object({
  format: z.literal('ctp-trust-export/1'),
  registryId: z.string(),
  loginServer: z.string(),
  exportedAt: z.string(),
  /** Every GUN holding trust data, with its verification result at export time. */
  guns: z.array(
    z.object({
      gun: z.string(),
      result: z.enum(['verified', 'no-trust-data', 'invalid', 'unreachable']),
      message: z.string().optional(),
    }),
  ),
  files: z.array(trustExportFileSchema),
});
export type TrustExportManifest = z.infer<typeof trustExportManifestSchema>;

/** One change of the trust policy, from the ARM activity log. */
export const contentTrustChangeSchema = z.object({
  at: z.string(),
  /** Who (UPN for people, appId for service principals). */
  caller: z.string(),
  /** What was asked, when the log says (`unknown` for a registry write without a trust policy body). */
  change: z.enum(['enabled', 'disabled', 'unknown']),
  result: z.enum(['Succeeded', 'Failed', 'Accepted', 'InProgress']),
  correlationId: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type ContentTrustChange = z.infer<typeof contentTrustChangeSchema>;

/** GET …/content-trust/changes — the last 90 days of trust-policy changes, newest first. */
export const contentTrustChangesSchema = z.object({
  value: z.array(contentTrustChangeSchema),
  from: z.string(),
});
export type ContentTrustChanges = z.infer<typeof contentTrustChangesSchema>;
