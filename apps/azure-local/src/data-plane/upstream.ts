import http from 'node:http';

export interface UpstreamResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A small request to a loopback upstream (registry or notary-server) made by the data plane itself. */
export function upstreamRequest(
  port: number,
  method: string,
  path: string,
  headers: http.OutgoingHttpHeaders = {},
): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method, path, headers, timeout: 30_000 },
      (response) => collectResponse(response).then(resolve, reject),
    );
    request.on('timeout', () =>
      request.destroy(new Error(`${method} ${path} on 127.0.0.1:${port} timed out`)),
    );
    request.on('error', reject);
    request.end();
  });
}

/** Reads a whole (small) response: status, headers and body bytes. */
export function collectResponse(response: http.IncomingMessage): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () =>
      resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
    );
    response.on('error', reject);
  });
}

export const MANIFEST_ACCEPT = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');
