export {
  createRegistryClient,
  nextLink,
  RegistryError,
  type RegistryClient,
  type RegistryClientOptions,
  type ManifestDigest,
  type TagDigest,
  type RegistryErrorKind,
} from './client.ts';
export {
  createAuthorizedFetch,
  memoryTokenCache,
  TokenAuthError,
  type AuthorizedFetch,
  type Credentials,
  type FetchLike,
  type FetchBody,
  type FetchResponse,
  headerRecord,
  type TokenCache,
  type RequestOptions,
} from './auth/token-auth.ts';
export {
  parseWwwAuthenticate,
  bearerChallenge,
  parseScope,
  formatScope,
  type Challenge,
  type BearerChallenge,
  type Scope,
} from './auth/challenge.ts';
export { MEDIA_TYPES, MANIFEST_ACCEPT } from './media-types.ts';
export { mapPool } from './pool.ts';
