// `content-trust inspect --archive FILE`: verify against a trust-data export (the portal's "Export
// trust data" zip) instead of a live trust server, so the archive stays a verifiable record after the
// trust server's data is gone (e.g. once content trust was disabled).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { trustExportManifestSchema, type TrustExportManifest } from '@ctp/contracts';
import { replaySource, SignatureMemo, verifyChain, type RecordedFile, type VerifyResult } from '@ctp/notary';
import type { ImageRef } from './image-ref.ts';
import type { TrustSession } from './session.ts';

export interface TrustArchive {
  manifest: TrustExportManifest;
  /** Verifies one GUN from the archive's files, at the archive's export time. */
  verify(gun: string): Promise<VerifyResult>;
}

/**
 * Opens an export, checking every file against the manifest's sha256 and length (a tampered or
 * truncated archive is refused, naming the file). Verification uses the export time as "now": the
 * record shows what the trust server served then, even once its timestamp has expired.
 */
export async function openTrustArchive(file: string): Promise<TrustArchive> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(await readFile(file)));
  } catch (error) {
    throw new Error(`${file}: not a readable trust-data archive (${(error as Error).message})`, {
      cause: error,
    });
  }
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes) throw new Error(`${file}: no manifest.json in the archive`);
  let manifest: TrustExportManifest;
  try {
    manifest = trustExportManifestSchema.parse(JSON.parse(strFromU8(manifestBytes)));
  } catch (error) {
    throw new Error(`${file}: manifest.json is not a trust-data manifest (${(error as Error).message})`, {
      cause: error,
    });
  }
  const byGun = new Map<string, RecordedFile[]>();
  for (const f of manifest.files) {
    const bytes = entries[f.path];
    if (!bytes) throw new Error(`${file}: ${f.path} is listed in the manifest but missing`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== f.sha256 || bytes.length !== f.length)
      throw new Error(`${file}: ${f.path} does not match the manifest's sha256 and length`);
    const list = byGun.get(f.gun) ?? [];
    list.push({ role: f.role, version: f.version, sha256, length: f.length, current: f.current, bytes });
    byGun.set(f.gun, list);
  }
  const now = new Date(manifest.exportedAt);
  const memo = new SignatureMemo();
  return {
    manifest,
    verify: async (gun) => (await verifyChain(gun, replaySource(byGun.get(gun) ?? []), { now, memo })).result,
  };
}

/** inspect's session over an archive: each distinct GUN verified once; no trust server is contacted. */
export async function archiveSession(file: string, refs: readonly ImageRef[]): Promise<TrustSession> {
  const archive = await openTrustArchive(file);
  const results = new Map<string, Promise<VerifyResult>>();
  for (const ref of refs) if (!results.has(ref.gun)) results.set(ref.gun, archive.verify(ref.gun));
  return {
    fetch: () => Promise.reject(new Error('an archive session makes no requests')),
    serverFor: () => `archive:${file}`,
    resultFor: (ref) => results.get(ref.gun) ?? archive.verify(ref.gun),
  };
}
