// Where the verifier gets files from: the trust server (client/) or anything else (tests, caches).

export type FetchResult =
  | { kind: 'ok'; bytes: Uint8Array }
  | { kind: 'not-found' }
  | { kind: 'too-large'; limit: number }
  | { kind: 'error'; message: string; status?: number };

export interface MetadataSource {
  /** The current `<role>.json` (used for timestamp). */
  current(role: string, maxBytes: number): Promise<FetchResult>;
  /** `<role>.<sha256hex>.json`. */
  byChecksum(role: string, sha256Hex: string, maxBytes: number): Promise<FetchResult>;
  /** `<version>.<role>.json` (root rotation walks). */
  byVersion(role: string, version: number, maxBytes: number): Promise<FetchResult>;
}
