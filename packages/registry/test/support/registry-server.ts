// A real docker-registry (distribution 2.8) on 127.0.0.1, optionally with token auth served by a
// jose-based token service (ES256, x5c header with a self-signed signing cert in rootcertbundle).
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSelfSigned } from '@ctp/local-pki';
import { SignJWT } from 'jose';
import { freePort, spawnDaemon, waitFor } from './processes.ts';

export interface TokenService {
  realm: string;
  service: string;
  /** Every token request seen: method, scopes, who. */
  requests: { method: string; scopes: string[]; account?: string; grant?: string }[];
  /** Repository names never granted (left out of the token's access claim, as ACR leaves out what RBAC denies). */
  deny: Set<string>;
  close(): Promise<void>;
}

export const USER = { username: 'pusher', password: 's3cret' };
export const REFRESH_TOKEN = 'refresh-token-for-pusher';

export async function startTokenService(
  dir: string,
  service: string,
): Promise<TokenService & { bundle: string }> {
  const signer = await createSelfSigned({ dir, name: 'jwt', commonName: 'ctp token signer', days: 2 });
  const key = createPrivateKey(await readFile(signer.key));
  const certDer = new X509Certificate(await readFile(signer.cert)).raw.toString('base64');
  const requests: TokenService['requests'] = [];
  const deny = new Set<string>();
  const issue = async (scopes: string[], subject: string) => {
    const access = scopes.flatMap((s) => {
      const first = s.indexOf(':');
      const last = s.lastIndexOf(':');
      const name = s.slice(first + 1, last);
      return deny.has(name) ? [] : [{ type: s.slice(0, first), name, actions: s.slice(last + 1).split(',') }];
    });
    return new SignJWT({ access })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', x5c: [certDer] })
      .setIssuer('ctp-test-issuer')
      .setAudience(service)
      .setSubject(subject)
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime('5m')
      .setJti(createHash('sha256').update(String(Math.random())).digest('hex'))
      .sign(key);
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      let body = '';
      for await (const chunk of req) body += chunk;
      if (req.method === 'POST') {
        const form = new URLSearchParams(body);
        const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
        requests.push({ method: 'POST', scopes, grant: form.get('grant_type') ?? '' });
        if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== REFRESH_TOKEN)
          return res.writeHead(401).end('{"error":"invalid_grant"}');
        return res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ access_token: await issue(scopes, USER.username), expires_in: 300 }));
      }
      const scopes = url.searchParams
        .getAll('scope')
        .flatMap((s) => s.split(' '))
        .filter(Boolean);
      const auth = req.headers.authorization;
      const account = url.searchParams.get('account') ?? undefined;
      requests.push({ method: 'GET', scopes, ...(account ? { account } : {}) });
      if (!auth)
        return res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ token: await issue([], ''), expires_in: 300 }));
      const [user, pass] = Buffer.from(auth.replace(/^Basic /, ''), 'base64')
        .toString()
        .split(':');
      if (user !== USER.username || pass !== USER.password)
        return res.writeHead(401).end('{"details":"bad credentials"}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          token: await issue(scopes, user),
          expires_in: 300,
          issued_at: new Date().toISOString(),
        }),
      );
    })();
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    requests,
    deny,
    bundle: signer.cert,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

export interface RegistryServer {
  url: string;
  tokens?: TokenService;
  stop(): Promise<void>;
}

export async function startRegistry(opts: { tokenAuth?: boolean } = {}): Promise<RegistryServer> {
  const dir = await mkdtemp(join(tmpdir(), 'ctp-registry-'));
  const port = await freePort();
  const service = `127.0.0.1:${port}`;
  const tokens = opts.tokenAuth ? await startTokenService(dir, service) : undefined;
  const auth = tokens
    ? `auth:\n  token:\n    realm: ${tokens.realm}\n    service: ${service}\n    issuer: ctp-test-issuer\n    rootcertbundle: ${tokens.bundle}\n`
    : '';
  await writeFile(
    join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`,
  );
  const proc = spawnDaemon('docker-registry', ['serve', join(dir, 'config.yml')]);
  const stop = async () => {
    await proc.stop();
    await tokens?.close();
    await rm(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    const up = async () => [200, 401].includes((await fetch(`${url}/v2/`)).status);
    await waitFor('docker-registry', up, proc);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, ...(tokens ? { tokens } : {}), stop };
}
