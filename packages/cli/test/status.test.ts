// --status: per-tag status against a real docker-registry, for trust data signed with the real notary
// CLI over the registry's real manifest digests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providedFixture } from '../../notary/test/support/fixture.ts';
import { pushImage } from '../../registry/test/support/push.ts';
import { startRegistry, type RegistryServer } from '../../registry/test/support/registry-server.ts';
import { resolveCredentials } from '../src/credentials.ts';
import { contentTrust } from './docker.ts';

const fx = providedFixture();
const gun = `${fx.hostPort}/ctp/app`;
let reg: RegistryServer;

beforeAll(async () => {
  reg = await startRegistry();
  const v1 = await pushImage(reg.url, 'ctp/app', 'v1');
  const v2 = await pushImage(reg.url, 'ctp/app', 'v2');
  await pushImage(reg.url, 'ctp/app', 'v3');
  const cli = await fx.cli('status-app');
  await cli.run('init', gun, '-p');
  await cli.run('addhash', gun, 'v1', String(v1.size), '--sha256', v1.digest.slice(7));
  await cli.run('addhash', gun, 'v2', String(v2.size), '--sha256', v2.digest.slice(7));
  await cli.run('addhash', gun, 'gone', String(v1.size), '--sha256', v1.digest.slice(7));
  await cli.run('publish', gun);
  await pushImage(reg.url, 'ctp/app', 'v2', 'oci'); // the tag moves after signing
});
afterAll(() => reg?.stop());

const inspectStatus = (repository: string) =>
  contentTrust([
    'inspect',
    '--status',
    '--server',
    fx.url,
    '--ca',
    fx.caCert,
    '--registry',
    reg.url,
    repository,
  ]);

describe('content-trust inspect --status', () => {
  it('classifies every tag: signed, signed-digest-mismatch, unsigned, signed-tag-missing', async () => {
    const run = await inspectStatus(gun);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [out] = JSON.parse(run.stdout) as [
      {
        Verification: { result: string; roles: { name: string }[] };
        Tags: { tag: string; status: string; signers?: string[] }[];
      },
    ];
    expect(out.Verification.result).toBe('verified');
    expect(out.Verification.roles.map((r) => r.name)).toEqual(['root', 'timestamp', 'snapshot', 'targets']);
    expect(out.Tags.map((t) => [t.tag, t.status])).toEqual([
      ['v1', 'signed'],
      ['v2', 'signed-digest-mismatch'],
      ['v3', 'unsigned'],
      ['gone', 'signed-tag-missing'],
    ]);
    expect(out.Tags[0]!.signers).toEqual(['Repo Admin']);
  });

  it('a repository without trust data: every tag unsigned, exit status 1 like docker', async () => {
    await pushImage(reg.url, 'ctp/plain', 'latest');
    const run = await inspectStatus(`${fx.hostPort}/ctp/plain`);
    expect(run.code).toBe(1);
    const [out] = JSON.parse(run.stdout) as [
      { Verification: { result: string }; Tags: { tag: string; status: string }[] },
    ];
    expect(out.Verification.result).toBe('no-trust-data');
    expect(out.Tags).toEqual([expect.objectContaining({ tag: 'latest', status: 'unsigned' })]);
  });
});

describe('credentials', () => {
  it('flags, then environment, then the Docker config.json auths entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctp-dockercfg-'));
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        auths: {
          'r.example:5000': { auth: Buffer.from('u1:p:1').toString('base64') },
          'https://acr.example': { identitytoken: 'rt' },
        },
      }),
    );
    const env = { DOCKER_CONFIG: dir };
    expect(resolveCredentials('r.example:5000', {}, env)).toEqual({
      kind: 'basic',
      username: 'u1',
      password: 'p:1',
    });
    expect(resolveCredentials('acr.example', {}, env)).toEqual({
      kind: 'refresh-token',
      refreshToken: 'rt',
      clientId: 'docker',
    });
    expect(
      resolveCredentials(
        'r.example:5000',
        {},
        { ...env, CONTENT_TRUST_USERNAME: 'e', CONTENT_TRUST_PASSWORD: 'f' },
      ),
    ).toEqual({ kind: 'basic', username: 'e', password: 'f' });
    expect(resolveCredentials('r.example:5000', { username: 'a', password: 'b' }, env)).toEqual({
      kind: 'basic',
      username: 'a',
      password: 'b',
    });
    expect(resolveCredentials('other', {}, env)).toEqual({ kind: 'anonymous' });
    rmSync(dir, { recursive: true, force: true });
  });
});
