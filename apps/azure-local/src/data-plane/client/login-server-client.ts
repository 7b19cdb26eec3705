import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { collectResponse, type UpstreamResponse } from '../upstream.ts';
import type { Blob, TinyImage } from './images.ts';

export type HttpAnswer = UpstreamResponse;

export interface Credentials {
  username: string;
  password: string;
}

/**
 * A minimal Docker-token-auth client for a login server (`localhost:<port>`), trusting the local CA
 * explicitly. Used by the seed, the publish tool and the tests to push images the way Docker does.
 */
export class LoginServerClient {
  private readonly ca: Buffer;

  constructor(
    readonly loginServer: string,
    caFile: string,
  ) {
    this.ca = readFileSync(caFile);
  }

  request(
    method: string,
    pathOrUrl: string,
    headers: Record<string, string> = {},
    body?: Buffer | Readable,
  ): Promise<HttpAnswer> {
    const url = new URL(pathOrUrl, `https://${this.loginServer}`);
    if (url.host !== this.loginServer)
      throw new Error(`refusing to follow ${url.href}: not ${this.loginServer}`);
    // A path is sent as given (WHATWG URL parsing would resolve `..` and `%2e%2e` before sending).
    const path = pathOrUrl.startsWith('/') ? pathOrUrl : `${url.pathname}${url.search}`;
    return new Promise((resolve, reject) => {
      const request = https.request(
        { host: url.hostname, port: url.port, path, method, headers, ca: this.ca },
        (response) => collectResponse(response).then(resolve, reject),
      );
      request.on('error', reject);
      if (body === undefined) request.end();
      else if (Buffer.isBuffer(body)) request.end(body);
      else body.pipe(request);
    });
  }

  async token(credentials: Credentials | undefined, scopes: string[]): Promise<string> {
    const query = new URLSearchParams({ service: this.loginServer });
    for (const scope of scopes) query.append('scope', scope);
    const headers: Record<string, string> = credentials ? { authorization: basic(credentials) } : {};
    const answer = await this.request('GET', `/oauth2/token?${query}`, headers);
    if (answer.status !== 200)
      throw new Error(`token service answered ${answer.status}: ${answer.body.toString('utf8')}`);
    return (JSON.parse(answer.body.toString('utf8')) as { token: string }).token;
  }

  /** Pushes blobs (skipping those present) and the manifest under `tag`; returns the manifest digest. */
  async pushImage(
    credentials: Credentials,
    repository: string,
    tag: string,
    image: TinyImage,
  ): Promise<string> {
    const auth = {
      authorization: `Bearer ${await this.token(credentials, [`repository:${repository}:pull,push`])}`,
    };
    for (const blob of [...image.layers, image.config]) await this.pushBlob(auth, repository, blob);
    const put = await this.request(
      'PUT',
      `/v2/${repository}/manifests/${tag}`,
      { ...auth, 'content-type': image.manifest.mediaType },
      image.manifest.bytes,
    );
    if (put.status !== 201)
      throw new Error(
        `manifest push of ${repository}:${tag} answered ${put.status}: ${put.body.toString('utf8')}`,
      );
    return String(put.headers['docker-content-digest']);
  }

  private async pushBlob(auth: Record<string, string>, repository: string, blob: Blob): Promise<void> {
    const head = await this.request('HEAD', `/v2/${repository}/blobs/${blob.digest}`, auth);
    if (head.status === 200) return;
    const start = await this.request('POST', `/v2/${repository}/blobs/uploads/`, {
      ...auth,
      'content-length': '0',
    });
    const location = start.headers.location;
    if (start.status !== 202 || typeof location !== 'string') {
      throw new Error(
        `blob upload to ${repository} answered ${start.status}: ${start.body.toString('utf8')}`,
      );
    }
    const target = new URL(location, `https://${this.loginServer}`);
    target.searchParams.set('digest', blob.digest);
    const put = await this.request(
      'PUT',
      target.href,
      { ...auth, 'content-type': 'application/octet-stream', 'content-length': String(blob.bytes.length) },
      blob.bytes,
    );
    if (put.status !== 201)
      throw new Error(`blob ${blob.digest} upload answered ${put.status}: ${put.body.toString('utf8')}`);
  }
}

export function basic(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}
