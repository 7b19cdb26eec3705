// A MetadataSource that records every file it serves, and one that replays such a record: a GUN's
// trust data exported once (e.g. before content trust is disabled) verifies again, offline, exactly
// as it verified against the trust server.
import { bytesToHex } from '../encoding.ts';
import type { FetchResult, MetadataSource } from './source.ts';

/** One TUF file as the trust server served it, and how the verifier asked for it. */
export interface RecordedFile {
  role: string;
  /** `signed.version` read from the file (0 when it cannot be read: the file is kept as served). */
  version: number;
  sha256: string;
  length: number;
  /** Served as the role's current file (`<role>.json`); otherwise only by checksum or version. */
  current: boolean;
  bytes: Uint8Array;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource)));
}

function versionOf(bytes: Uint8Array): number {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { signed?: { version?: unknown } };
    const v = parsed.signed?.version;
    return typeof v === 'number' && Number.isInteger(v) ? v : 0;
  } catch {
    return 0;
  }
}

/** Wraps a source; `files()` returns each distinct (role, sha256) served, in the order first served. */
export function recordingSource(inner: MetadataSource): MetadataSource & { files(): RecordedFile[] } {
  const recorded = new Map<string, RecordedFile>();
  const record = async (role: string, result: FetchResult, current: boolean) => {
    if (result.kind !== 'ok') return result;
    const hex = await sha256(result.bytes);
    const key = `${role}\n${hex}`;
    const known = recorded.get(key);
    if (known) known.current ||= current;
    else
      recorded.set(key, {
        role,
        version: versionOf(result.bytes),
        sha256: hex,
        length: result.bytes.length,
        current,
        bytes: result.bytes,
      });
    return result;
  };
  return {
    current: async (role, max) => record(role, await inner.current(role, max), true),
    byChecksum: async (role, hex, max) => record(role, await inner.byChecksum(role, hex, max), false),
    byVersion: async (role, version, max) => record(role, await inner.byVersion(role, version, max), false),
    files: () => [...recorded.values()],
  };
}

/** Serves recorded files as the trust server served them; anything not recorded is not found. */
export function replaySource(files: readonly RecordedFile[]): MetadataSource {
  const capped = (file: RecordedFile | undefined, max: number): FetchResult => {
    if (!file) return { kind: 'not-found' };
    if (file.bytes.length > max) return { kind: 'too-large', limit: max };
    return { kind: 'ok', bytes: file.bytes };
  };
  return {
    current: async (role, max) =>
      capped(
        files.find((f) => f.role === role && f.current),
        max,
      ),
    byChecksum: async (role, hex, max) =>
      capped(
        files.find((f) => f.role === role && f.sha256 === hex.toLowerCase()),
        max,
      ),
    byVersion: async (role, version, max) =>
      capped(
        files.find((f) => f.role === role && f.version === version),
        max,
      ),
  };
}
