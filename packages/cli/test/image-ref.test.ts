// Image reference parsing against the Docker CLI: for each reference, whether `docker trust inspect`
// accepts it, and for those it accepts, the GUN it asks the trust server for (recorded by a local
// HTTPS trust server that holds nothing) must be the GUN parseImageRef derives.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseImageRef } from '../src/image-ref.ts';
import { providedFixture } from '../../notary/test/support/fixture.ts';
import { contentTrust, dockerConfig as dockerConfigFor, dockerTrustInspect } from './docker.ts';

const fx = providedFixture();
const dockerConfig = mkdtempSync(join(tmpdir(), 'ctp-docker-ref-'));
let server: Server;
let trustServer = '';
const requested: string[] = [];

beforeAll(async () => {
  // The fixture's certificate for 127.0.0.1, from the CA Docker is told to trust below.
  server = createServer(
    {
      cert: readFileSync(join(fx.dir, 'tls', 'server.crt')),
      key: readFileSync(join(fx.dir, 'tls', 'server.key')),
    },
    (req, res) => {
      const gun = /^\/v2\/(.+)\/_trust\/tuf\/root\.json$/.exec(req.url ?? '')?.[1];
      if (gun) requested.push(decodeURIComponent(gun));
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"errors":[{"code":"METADATA_NOT_FOUND"}]}');
    },
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const hostPort = `127.0.0.1:${(server.address() as { port: number }).port}`;
  trustServer = `https://${hostPort}`;
  mkdirSync(join(dockerConfig, 'tls', hostPort), { recursive: true });
  copyFileSync(fx.caCert, join(dockerConfig, 'tls', hostPort, 'ca.crt'));
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dockerConfig, { recursive: true, force: true });
});

/** What docker makes of a reference: refused, or the GUN it looked up. */
function docker(ref: string): Promise<{ refused: string } | { gun: string | undefined }> {
  requested.length = 0;
  return new Promise((resolve) =>
    execFile(
      'docker',
      ['trust', 'inspect', ref],
      {
        env: {
          PATH: process.env.PATH,
          HOME: dockerConfig,
          DOCKER_CONFIG: dockerConfig,
          DOCKER_CONTENT_TRUST_SERVER: trustServer,
        },
      },
      (_err, _stdout, stderr) =>
        resolve(
          // Refused before any lookup: Docker printed its reason and asked the trust server nothing.
          requested.length === 0 && !stderr.includes('no signatures or cannot access')
            ? { refused: stderr.trim() }
            : { gun: requested[0] },
        ),
    ),
  );
}

const SHA256 = `sha256:${'a'.repeat(64)}`;

const accepted: Array<[string, string, string | undefined]> = [
  ['alpine', 'docker.io/library/alpine', undefined],
  ['alpine:3.20', 'docker.io/library/alpine', '3.20'],
  ['library/alpine', 'docker.io/library/alpine', undefined],
  ['docker.io/alpine', 'docker.io/library/alpine', undefined],
  ['docker.io/library/alpine:latest', 'docker.io/library/alpine', 'latest'],
  ['index.docker.io/library/alpine:3', 'docker.io/library/alpine', '3'],
  ['someone/app', 'docker.io/someone/app', undefined],
  ['localhost/app', 'localhost/app', undefined],
  ['localhost:5000/team/app:v1', 'localhost:5000/team/app', 'v1'],
  ['127.0.0.1:5000/x', '127.0.0.1:5000/x', undefined],
  ['registry.example.com/a/b/c/d:1.0', 'registry.example.com/a/b/c/d', '1.0'],
  ['LocalHost/app', 'LocalHost/app', undefined],
  ['Example.com/team/app', 'Example.com/team/app', undefined],
  ['a__b/c.d-e', 'docker.io/a__b/c.d-e', undefined],
  [`app:${'t'.repeat(128)}`, 'docker.io/library/app', 't'.repeat(128)],
  ['a_b.com/x', 'a_b.com/x', undefined],
  ['[::1]:5000/x', '[::1]:5000/x', undefined],
  ['registry.example.com:65536/x', 'registry.example.com:65536/x', undefined],
  [`a/${'b'.repeat(253)}`, `docker.io/a/${'b'.repeat(253)}`, undefined],
  // Digest references are looked up by name alone: the digest is validated, a tag beside it ignored.
  [`alpine@${SHA256}`, 'docker.io/library/alpine', undefined],
  [`alpine:v1@${SHA256}`, 'docker.io/library/alpine', undefined],
  [`localhost:5000/a@sha512:${'b'.repeat(128)}`, 'localhost:5000/a', undefined],
  [`alpine@sha384:${'c'.repeat(96)}`, 'docker.io/library/alpine', undefined],
];

const refused = [
  'Alpine',
  'team/App',
  'app:-x',
  'a___b',
  'app:',
  ':tag',
  'a//b',
  'host:port/app',
  `app:${'t'.repeat(129)}`,
  '',
  `a/${'b'.repeat(254)}`,
  'a.com:/x',
  'alpine@',
  `@${SHA256}`,
  `alpine:@${SHA256}`,
  `alpine@md5:${'d'.repeat(32)}`,
  `alpine@sha256:${'A'.repeat(64)}`,
  `alpine@sha256:${'a'.repeat(65)}`,
  'alpine@sha256:abc',
];

describe('parseImageRef agrees with the Docker CLI', () => {
  it.each(accepted)('%s → %s', async (ref, gun, tag) => {
    expect(await docker(ref)).toEqual({ gun });
    const ours = parseImageRef(ref);
    expect(ours).toMatchObject({ gun, input: ref });
    expect('tag' in ours ? ours.tag : undefined).toBe(tag);
    expect('digest' in ours ? ours.digest : undefined).toBe(
      ref.includes('@') ? ref.split('@')[1] : undefined,
    );
  });

  it.each(refused)('refuses %j as docker does', async (ref) => {
    const theirs = await docker(ref);
    expect(theirs).toHaveProperty('refused');
    const ours = parseImageRef(ref);
    expect(ours).toHaveProperty('error');
    // The same reason, in Docker's words (it prints the reason alone; ours names the reference too).
    const reason = (theirs as { refused: string }).refused.replace(/ \(.*\)/, '').replace(/^Error: /, '');
    expect((ours as { error: string }).error.split(':')[0]).toBe(reason.split(':')[0]);
  });

  it('a digest reference to signed trust data prints what docker trust inspect prints', async () => {
    const config = dockerConfigFor(fx.hostPort, fx.caCert);
    try {
      for (const ref of [`${fx.gun.releases}@${SHA256}`, `${fx.gun.releases}:v1@${SHA256}`]) {
        const ours = await contentTrust(['inspect', '--server', fx.url, '--ca', fx.caCert, ref]);
        const theirs = await dockerTrustInspect([ref], { DOCKER_CONFIG: config, server: fx.url });
        expect(theirs.stdout).toContain('"SignedTag"');
        expect(ours).toEqual(theirs);
      }
    } finally {
      rmSync(config, { recursive: true, force: true });
    }
  });
});
