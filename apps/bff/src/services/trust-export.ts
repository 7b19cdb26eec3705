import { strToU8, zipSync, type Zippable } from 'fflate';
import type { TrustExportFile, TrustExportManifest } from '@ctp/contracts';
import type { RepositoryTrustData } from './trust-data.ts';

export const TRUST_EXPORT_MEDIA_TYPE = 'application/zip';

/**
 * One archive of a registry's trust data: `manifest.json` ({GUN, role, version, sha256, length} per
 * file, plus each GUN's verification result at export time) and every TUF file as the trust server
 * served it, under `trust/<repository>/<role>.<sha256>.json`. `content-trust inspect --archive`
 * verifies it again offline.
 */
export function trustExportArchive(
  registry: { id: string; loginServer: string },
  trust: readonly RepositoryTrustData[],
  exportedAt: Date,
): { bytes: Uint8Array; manifest: TrustExportManifest } {
  const entries: Zippable = {};
  const files: TrustExportFile[] = [];
  for (const t of trust) {
    for (const f of t.files) {
      const path = `trust/${t.repository}/${f.role}.${f.sha256}.json`;
      entries[path] = [f.bytes, { mtime: exportedAt }];
      files.push({
        gun: t.gun,
        role: f.role,
        version: f.version,
        sha256: f.sha256,
        length: f.length,
        current: f.current,
        path,
      });
    }
  }
  const manifest: TrustExportManifest = {
    format: 'ctp-trust-export/1',
    registryId: registry.id,
    loginServer: registry.loginServer,
    exportedAt: exportedAt.toISOString(),
    guns: trust.map((t) => ({
      gun: t.gun,
      result: t.result.kind,
      ...(t.result.kind === 'invalid'
        ? { message: `${t.result.role}: ${t.result.check}: ${t.result.message}` }
        : t.result.kind === 'unreachable'
          ? { message: t.result.message }
          : {}),
    })),
    files,
  };
  entries['manifest.json'] = [strToU8(JSON.stringify(manifest, null, 2) + '\n'), { mtime: exportedAt }];
  return { bytes: zipSync(entries, { level: 6 }), manifest };
}

/** `ctpdemo-trust-data-20260101T120000Z.zip` */
export function trustExportFileName(registryName: string, exportedAt: Date): string {
  return `${registryName}-trust-data-${exportedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.zip`;
}
