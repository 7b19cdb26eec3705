// @ctp/notary public API. The core (everything here) uses only web-standard APIs.
export {
  createTrustClient,
  type TrustClient,
  type TrustClientOptions,
  type VerifyOptions,
} from './trust-client.ts';
export {
  createTrustCache,
  memorySeenStore,
  forgetTrustUnder,
  ChecksumCache,
  type TrustCache,
  type ViewStore,
  type SeenStore,
} from './cache.ts';
export { createNotaryApi, readCapped, type NotaryApi, type NotaryApiOptions } from './client/server-api.ts';
export { gunScopeBatches, scanScopeBatches, SCOPE_BATCH } from './client/scope-batches.ts';
export { verifyChain, type SeenState, type ChainOptions, type ChainOutcome } from './verify/chain.ts';
export type { MetadataSource, FetchResult } from './verify/source.ts';
export type {
  VerifyResult,
  TrustView,
  TargetsRoleView,
  BaseRoleView,
  KeyInfo,
  TargetInfo,
  DeclaredDelegation,
  Check,
  TargetsRoleStatus,
} from './verify/types.ts';
export { canonicalize, canonicalBytes, CanonicalJsonError } from './canonical-json.ts';
export { tufKeyId, canonicalKeyId } from './keys/key-id.ts';
export { SignatureMemo, verifyThreshold } from './signatures.ts';
export { MAX_METADATA_BYTES, MAX_TIMESTAMP_BYTES, MAX_JSON_DEPTH } from './metadata/parse.ts';
export {
  dockerInspect,
  signedTagRows,
  delegationSigners,
  REPO_ADMIN,
  type DockerTrustInspect,
  type TrustTagRow,
  type TrustSigner,
} from './docker/inspect.ts';
export { dockerSignedTarget, dockerSignedTagNames, RELEASES_ROLE } from './docker/signed-tags.ts';
export {
  resolveTrustedTag,
  trustFailureMessage,
  releasedTarget,
  type TrustedTagResolution,
} from './docker/resolve.ts';
export { naturalLess, naturalCompare, byteCompare } from './docker/natural-order.ts';
export { getTargetByName, allTargetsByName, walkTargets } from './docker/walk.ts';
export { classifyTags, type TagStatus, type TagClassification, type RegistryTag } from './docker/classify.ts';
export type { Credentials, FetchLike } from '@ctp/registry';
export { recordingSource, replaySource, type RecordedFile } from './verify/recorded-source.ts';
export * from './scan/index.ts';
