// Registry scans: per-repository tag statuses from verified trust data and registry digests.
export { memoryScanCache, scanCacheKeys, type ScanCache, type MemoryScanCacheOptions } from './scan-cache.ts';
export {
  tagRows,
  countStatuses,
  emptyCounts,
  TAG_STATUSES,
  type TagRow,
  type StatusCounts,
  type ClientPull,
} from './tag-rows.ts';
export {
  scanRepository,
  registryDigests,
  keysOf,
  trustStateOf,
  DEFAULT_DIGEST_TTL_MS,
  type RepositorySummary,
  type RepositoryKeys,
  type RepositoryScanContext,
  type TrustState,
} from './repository-scan.ts';
export { scanRegistry, listRepositories, type ScanEvent, type RegistryScanOptions } from './registry-scan.ts';
export {
  trustDetails,
  type TrustDetails,
  type RoleDetails,
  type RoleKey,
  type KeyHolder,
} from './trust-details.ts';
export { registryKeys, type RegistryKey, type KeyRole } from './registry-keys.ts';
export { snapshotKeyHolder } from './key-holder.ts';
