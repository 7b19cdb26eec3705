import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export type ManifestFormat = 'docker' | 'oci';

export interface Blob {
  digest: string;
  mediaType: string;
  bytes: Buffer;
}

export interface TinyImage {
  config: Blob;
  layers: Blob[];
  manifest: Blob;
}

export function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

const MEDIA = {
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
} as const;

/**
 * A small but valid image: one gzipped tar layer holding `/seed.txt` with `label` (plus `padding`
 * bytes), its config and a manifest. The same label always gives the same digests, so seeding and
 * re-pushing are idempotent.
 */
export function buildTinyImage(label: string, format: ManifestFormat = 'docker', padding = 0): TinyImage {
  const tar = tarOneFile('seed.txt', Buffer.concat([Buffer.from(`${label}\n`), Buffer.alloc(padding, 0x2e)]));
  const layerBytes = gzipSync(tar, { level: 9 });
  const media = MEDIA[format];
  const layer: Blob = { digest: sha256Digest(layerBytes), mediaType: media.layer, bytes: layerBytes };
  const configBytes = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2024-01-01T00:00:00Z',
      config: { Cmd: ['/bin/true'], Labels: { 'org.contenttrustportal.seed': label } },
      rootfs: { type: 'layers', diff_ids: [sha256Digest(tar)] },
      history: [{ created: '2024-01-01T00:00:00Z', created_by: `content-trust-portal seed ${label}` }],
    }),
  );
  const config: Blob = { digest: sha256Digest(configBytes), mediaType: media.config, bytes: configBytes };
  const manifestBytes = Buffer.from(
    JSON.stringify(
      {
        schemaVersion: 2,
        mediaType: media.manifest,
        config: { mediaType: config.mediaType, size: config.bytes.length, digest: config.digest },
        layers: [{ mediaType: layer.mediaType, size: layer.bytes.length, digest: layer.digest }],
      },
      null,
      3,
    ),
  );
  return {
    config,
    layers: [layer],
    manifest: { digest: sha256Digest(manifestBytes), mediaType: media.manifest, bytes: manifestBytes },
  };
}

/**
 * A one-file ustar archive. Written by hand (about 20 lines) rather than with a tar library because a
 * fixed, dependency-free byte layout is exactly what deterministic seed digests need.
 */
function tarOneFile(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512, 0);
  const field = (offset: number, length: number, value: string) =>
    header.write(value, offset, length, 'ascii');
  field(0, 100, name);
  field(100, 8, '0000644\0');
  field(108, 8, '0000000\0');
  field(116, 8, '0000000\0');
  field(124, 12, `${content.length.toString(8).padStart(11, '0')}\0`);
  field(136, 12, '00000000000\0');
  field(148, 8, '        ');
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  let checksum = 0;
  for (const byte of header) checksum += byte;
  field(148, 8, `${checksum.toString(8).padStart(6, '0')}\0 `);
  const padded = Buffer.alloc(Math.ceil(content.length / 512) * 512, 0);
  content.copy(padded);
  return Buffer.concat([header, padded, Buffer.alloc(1024, 0)]);
}
