// Caches of the trust client. Checksum-addressed files are immutable, so their bytes are kept by
// checksum; the last verified view per GUN is reused while its timestamp is unchanged; the seen
// state (versions, trusted root) is the rollback reference and is pluggable (e.g. a database).
import type { SeenState } from './verify/chain.ts';
import type { TrustView } from './verify/types.ts';
import { SignatureMemo } from './signatures.ts';

export interface SeenStore {
  get(gun: string): Promise<SeenState | undefined> | SeenState | undefined;
  set(gun: string, state: SeenState): Promise<void> | void;
}

export function memorySeenStore(): SeenStore & { entries(): [string, SeenState][] } {
  const map = new Map<string, SeenState>();
  return { get: (g) => map.get(g), set: (g, s) => void map.set(g, s), entries: () => [...map] };
}

/** Byte-bounded LRU of checksum-addressed files. */
export class ChecksumCache {
  private readonly map = new Map<string, Uint8Array>();
  private size = 0;
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}
  get(key: string): Uint8Array | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, bytes: Uint8Array): void {
    if (bytes.length > this.maxBytes) return;
    const old = this.map.get(key);
    if (old) this.size -= old.length;
    this.map.set(key, bytes);
    this.size += bytes.length;
    while (this.size > this.maxBytes) {
      const [k, v] = this.map.entries().next().value!;
      this.map.delete(k);
      this.size -= v.length;
    }
  }
}

export interface TrustCache {
  files: ChecksumCache;
  views: Map<string, { view: TrustView; seen: SeenState }>;
  memo: SignatureMemo;
  seen: SeenStore;
}

export function createTrustCache(opts: { seen?: SeenStore; maxFileBytes?: number } = {}): TrustCache {
  return {
    files: new ChecksumCache(opts.maxFileBytes),
    views: new Map(),
    memo: new SignatureMemo(),
    seen: opts.seen ?? memorySeenStore(),
  };
}
