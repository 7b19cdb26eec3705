// Pushes small generated images with plain fetch (blob upload + manifest PUT), no engine needed.
import { createHash } from 'node:crypto';
import { MEDIA_TYPES } from '../../src/media-types.ts';

const sha = (b: Uint8Array) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export async function pushBlob(
  base: string,
  repo: string,
  bytes: Uint8Array,
  headers: Record<string, string> = {},
): Promise<string> {
  const digest = sha(bytes);
  const start = await fetch(`${base}/v2/${repo}/blobs/uploads/`, { method: 'POST', headers });
  if (start.status !== 202) throw new Error(`upload start ${start.status}`);
  const location = new URL(start.headers.get('location')!, base);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, {
    method: 'PUT',
    body: new Uint8Array(bytes),
    headers: { ...headers, 'content-type': 'application/octet-stream' },
  });
  if (put.status !== 201) throw new Error(`blob put ${put.status} ${await put.text()}`);
  return digest;
}

export interface Pushed {
  digest: string;
  size: number;
  mediaType: string;
}

async function putManifest(
  base: string,
  repo: string,
  ref: string,
  mediaType: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<Pushed> {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  const res = await fetch(`${base}/v2/${repo}/manifests/${ref}`, {
    method: 'PUT',
    body: bytes,
    headers: { ...headers, 'content-type': mediaType },
  });
  if (res.status !== 201) throw new Error(`manifest put ${res.status} ${await res.text()}`);
  return { digest: sha(bytes), size: bytes.length, mediaType };
}

/** An image manifest (Docker v2 or OCI) with one layer, tagged `tag`. */
export async function pushImage(
  base: string,
  repo: string,
  tag: string,
  kind: 'docker' | 'oci' = 'docker',
  headers: Record<string, string> = {},
): Promise<Pushed> {
  const layer = new TextEncoder().encode(`layer of ${repo}:${tag}`);
  const config = new TextEncoder().encode(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [sha(layer)] },
    }),
  );
  const layerDigest = await pushBlob(base, repo, layer, headers);
  const configDigest = await pushBlob(base, repo, config, headers);
  const docker = kind === 'docker';
  const mediaType = docker ? MEDIA_TYPES.dockerManifest : MEDIA_TYPES.ociManifest;
  return putManifest(
    base,
    repo,
    tag,
    mediaType,
    {
      schemaVersion: 2,
      mediaType,
      config: {
        mediaType: docker
          ? 'application/vnd.docker.container.image.v1+json'
          : 'application/vnd.oci.image.config.v1+json',
        size: config.length,
        digest: configDigest,
      },
      layers: [
        {
          mediaType: docker
            ? 'application/vnd.docker.image.rootfs.diff.tar.gzip'
            : 'application/vnd.oci.image.layer.v1.tar+gzip',
          size: layer.length,
          digest: layerDigest,
        },
      ],
    },
    headers,
  );
}

/** An OCI index over already-pushed manifests. */
export async function pushIndex(
  base: string,
  repo: string,
  tag: string,
  manifests: Pushed[],
  headers: Record<string, string> = {},
): Promise<Pushed> {
  return putManifest(
    base,
    repo,
    tag,
    MEDIA_TYPES.ociIndex,
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociIndex,
      manifests: manifests.map((m) => ({
        mediaType: m.mediaType,
        size: m.size,
        digest: m.digest,
        platform: { architecture: 'amd64', os: 'linux' },
      })),
    },
    headers,
  );
}
