import * as z from 'zod';
import { problemSchema } from './problem.ts';

/**
 * DESIGN.md "What signed means": a tag's status from verified trust data against the digest the
 * registry serves now.
 */
export const tagStatusSchema = z.enum([
  'signed',
  'signed-digest-mismatch',
  'unsigned',
  'signed-tag-missing',
  'invalid',
  'unknown',
]);
export type TagStatus = z.infer<typeof tagStatusSchema>;
export const tagStatuses = tagStatusSchema.options;

/** How many tags have each status. */
export const statusCountsSchema = z.object({
  signed: z.number().int(),
  'signed-digest-mismatch': z.number().int(),
  unsigned: z.number().int(),
  'signed-tag-missing': z.number().int(),
  invalid: z.number().int(),
  unknown: z.number().int(),
});
export type StatusCounts = z.infer<typeof statusCountsSchema>;

/** The state of a repository's trust data: `unknown` when the trust server (or registry) failed. */
export const trustStateSchema = z.enum(['verified', 'no-trust-data', 'invalid', 'unknown']);
export type TrustState = z.infer<typeof trustStateSchema>;

/** Canonical key IDs that sign a repository (as `docker trust inspect` prints them). */
export const repositoryKeysSchema = z.object({
  root: z.array(z.string()),
  targets: z.array(z.string()),
  signers: z.array(z.object({ name: z.string(), keyIds: z.array(z.string()) })),
});

/** One repository of a registry scan. */
export const repositorySummarySchema = z.object({
  repository: z.string(),
  /** `<login server>/<repository>`: the trust data's name. */
  gun: z.string(),
  trust: trustStateSchema,
  /** Why trust is `invalid` or `unknown`. */
  reason: z.string().optional(),
  counts: statusCountsSchema,
  /** Tags in the registry. */
  tags: z.number().int(),
  timestampSha256: z.string().optional(),
  /** When this trust data was verified cryptographically (unchanged while the trust data is). */
  verifiedAt: z.string().optional(),
  earliestExpiry: z.string().optional(),
  keys: repositoryKeysSchema.optional(),
});
export type RepositorySummary = z.infer<typeof repositorySummarySchema>;

/**
 * GET …/repositories/scan — one line of the NDJSON stream (`application/x-ndjson`): `start`, then a
 * `repository` per repository as it completes (with done / total), then `done` with the totals. A
 * failing repository is a `repository` line with trust `unknown`; `error` ends a scan that could not
 * list the registry at all.
 */
export const scanEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), total: z.number().int(), loginServer: z.string() }),
  z.object({
    type: z.literal('repository'),
    done: z.number().int(),
    total: z.number().int(),
    repository: repositorySummarySchema,
  }),
  z.object({
    type: z.literal('done'),
    done: z.number().int(),
    total: z.number().int(),
    totals: statusCountsSchema,
    failed: z.number().int(),
  }),
  z.object({ type: z.literal('error'), problem: problemSchema }),
]);
export type ScanEvent = z.infer<typeof scanEventSchema>;

/** What `DOCKER_CONTENT_TRUST=1 docker pull R:T` does: pin a digest, or refuse with Docker's message. */
export const clientPullSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('signed'), digest: z.string(), role: z.string() }),
  z.object({ kind: z.literal('refused'), message: z.string() }),
]);
export type ClientPull = z.infer<typeof clientPullSchema>;

/** One tag of a repository. */
export const tagRowSchema = z.object({
  tag: z.string(),
  status: tagStatusSchema,
  /** The digest the registry serves now (absent for signed-tag-missing). */
  digest: z.string().optional(),
  /** The digest the trust data signs (targets/releases, then targets). */
  signedDigest: z.string().optional(),
  /** Signers as `docker trust inspect` names them (`Repo Admin` for targets / targets/releases). */
  signers: z.array(z.string()),
  /** The role a content-trust client takes the target from. */
  role: z.string().optional(),
  /** When the tag last moved (ACR's `/acr/v1` listing; absent on plain registries). */
  lastPushed: z.string().optional(),
  pull: clientPullSchema,
  reason: z.string().optional(),
});
export type TagRow = z.infer<typeof tagRowSchema>;

/**
 * GET …/repositories/tags?repository=R — one line of the NDJSON stream: `trust` first, then `tags`
 * pages as the registry answers, then `done` with the counts.
 */
export const tagEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('trust'),
    repository: z.string(),
    gun: z.string(),
    loginServer: z.string(),
    trust: trustStateSchema,
    reason: z.string().optional(),
  }),
  z.object({ type: z.literal('tags'), tags: z.array(tagRowSchema) }),
  z.object({ type: z.literal('done'), total: z.number().int(), counts: statusCountsSchema }),
  z.object({ type: z.literal('error'), problem: problemSchema }),
]);
export type TagEvent = z.infer<typeof tagEventSchema>;

export const roleKeySchema = z.object({
  id: z.string(),
  keytype: z.string(),
  certificate: z.object({ commonName: z.string(), notAfter: z.string() }).optional(),
});

/** One role of a repository's trust data. */
export const roleDetailsSchema = z.object({
  name: z.string(),
  kind: z.enum(['root', 'targets', 'snapshot', 'timestamp', 'delegation']),
  status: z.enum(['verified', 'invalid', 'not-in-snapshot']),
  failure: z.string().optional(),
  version: z.number().int().optional(),
  expires: z.string().optional(),
  threshold: z.number().int(),
  keys: z.array(roleKeySchema),
  /** Who holds the signing key (the trust server always holds timestamp's). */
  keyHolder: z.enum(['server', 'repository owner', 'unknown']),
  /** The trust server re-signs this role itself before it expires. */
  renewedByServer: z.boolean(),
  paths: z.array(z.string()).optional(),
  targetCount: z.number().int().optional(),
});
export type RoleDetails = z.infer<typeof roleDetailsSchema>;

/** GET …/repositories/trust?repository=R */
export const trustDetailsSchema = z.object({
  repository: z.string(),
  gun: z.string(),
  trust: trustStateSchema,
  reason: z.string().optional(),
  timestampSha256: z.string().optional(),
  verifiedAt: z.string().optional(),
  earliestExpiry: z.string().optional(),
  roles: z.array(roleDetailsSchema),
});
export type TrustDetails = z.infer<typeof trustDetailsSchema>;

/** GET …/repositories/keys — which keys sign which repositories. */
export const registryKeySchema = z.object({
  id: z.string(),
  role: z.enum(['root', 'targets', 'delegation']),
  signers: z.array(z.string()),
  repositories: z.array(z.string()),
});
export const registryKeysSchema = z.object({
  keys: z.array(registryKeySchema),
  /** Repositories whose trust data could not be read (their keys are not among the above). */
  failed: z.array(z.object({ repository: z.string(), reason: z.string() })),
  /** Repositories without trust data. */
  unsigned: z.array(z.string()),
});
export type RegistryKeys = z.infer<typeof registryKeysSchema>;

/** Query of one repository's endpoints (repository names hold slashes, so they travel in the query). */
export const repositoryQuerySchema = z.object({
  repository: z
    .string()
    .min(1)
    .max(256)
    .regex(
      /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/,
      'a repository name: lowercase letters, digits and separators (. _ - /), as the registry names it',
    ),
});

/** GET …/repositories/report — a signed-vs-unsigned report per tag. */
export const reportQuerySchema = z.object({
  format: z.enum(['csv', 'json']).default('csv'),
  repository: repositoryQuerySchema.shape.repository.optional(),
});

/** One line of the JSON report (the CSV has the same columns). */
export const reportRowSchema = z.object({
  repository: z.string(),
  tag: z.string(),
  status: tagStatusSchema,
  digest: z.string().optional(),
  signedDigest: z.string().optional(),
  signers: z.array(z.string()),
  role: z.string().optional(),
  lastPushed: z.string().optional(),
  contentTrustPull: z.string(),
  reason: z.string().optional(),
});
export type ReportRow = z.infer<typeof reportRowSchema>;
export const reportSchema = z.object({
  registry: z.string(),
  loginServer: z.string(),
  generatedAt: z.string(),
  rows: z.array(reportRowSchema),
});
