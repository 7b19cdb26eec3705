import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { RegistryRecord } from '../../src/ports.ts';
import { collectResponse, type UpstreamResponse } from '../../src/data-plane/upstream.ts';
import type { Harness } from './harness.ts';

export type TufFiles = Partial<Record<'root' | 'targets' | 'snapshot', Buffer>>;

/**
 * A registry's notary-server asked directly on its loopback port, not through the login server (which
 * answers not-found for every trust path while the policy is off or a deletion is pending), with
 * tokens minted by the data plane's own issuer. What it answers is what the trust server holds.
 */
export function trustServer(h: Harness, registry: RegistryRecord) {
  const request = async (
    method: string,
    path: string,
    gun: string,
    actions: string[],
    body?: { contentType: string; bytes: Buffer },
  ): Promise<UpstreamResponse> => {
    const { token } = await h.dataPlane.issuer.mintAccessToken(registry.loginServer, 'trust-server-test', [
      { type: 'repository', name: gun, actions },
    ]);
    const headers: http.OutgoingHttpHeaders = {
      host: registry.loginServer,
      authorization: `Bearer ${token}`,
    };
    if (body)
      Object.assign(headers, { 'content-type': body.contentType, 'content-length': body.bytes.length });
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: h.dataPlane.layout.notaryServerPort(registry.slot),
          method,
          path,
          headers,
        },
        (res) => collectResponse(res).then(resolve, reject),
      );
      req.on('error', reject);
      req.end(body?.bytes);
    });
  };
  return {
    /** notary-server's status for the GUN's current root.json (200 while it holds trust data). */
    async rootStatus(gun: string): Promise<number> {
      return (await request('GET', `/v2/${gun}/_trust/tuf/root.json`, gun, ['pull'])).status;
    },
    /** notary-server's delete of all the GUN's TUF data (what the data plane's deletion sends). */
    async delete(gun: string): Promise<number> {
      return (await request('DELETE', `/v2/${gun}/_trust/tuf/`, gun, ['*'])).status;
    },
    /** The GUN's current root, targets and snapshot as notary-server serves them. */
    async files(gun: string): Promise<TufFiles> {
      const files: TufFiles = {};
      for (const role of ['root', 'targets', 'snapshot'] as const) {
        const answer = await request('GET', `/v2/${gun}/_trust/tuf/${role}.json`, gun, ['pull']);
        if (answer.status !== 200) throw new Error(`${gun} ${role}.json: ${answer.status}`);
        files[role] = answer.body;
      }
      return files;
    },
    /** Uploads TUF files as the notary client does (multipart, one `files` part per role). */
    async publish(gun: string, files: TufFiles): Promise<UpstreamResponse> {
      const boundary = `ctp-${randomUUID()}`;
      const parts = Object.entries(files).map(([role, bytes]) =>
        Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${role}"\r\n` +
              'Content-Type: application/octet-stream\r\n\r\n',
          ),
          bytes,
          Buffer.from('\r\n'),
        ]),
      );
      const bytes = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
      return request('POST', `/v2/${gun}/_trust/tuf/`, gun, ['pull', 'push'], {
        contentType: `multipart/form-data; boundary=${boundary}`,
        bytes,
      });
    },
  };
}
