// The `resolve` oracle: the real `DOCKER_CONTENT_TRUST=1 docker pull NAME:TAG` prints
// `Pull (1 of 1): NAME:TAG@sha256:…` once it has resolved the tag through the trust server, or its
// trust error, and then fails for lack of an engine (none runs here; DOCKER_HOST points nowhere).
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { run, withTempDir, type Credentials } from './cli.ts';

export type PullOutcome = { kind: 'signed'; digest: string } | { kind: 'refused'; output: string };

export function dockerTrustedPull(
  loginServer: string,
  caFile: string,
  credentials: Credentials,
  image: string,
): Promise<PullOutcome> {
  return withTempDir('docker-pull', async (home) => {
    const config = path.join(home, '.docker');
    await mkdir(path.join(config, 'tls', loginServer), { recursive: true });
    await copyFile(caFile, path.join(config, 'tls', loginServer, 'ca.crt'));
    const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
    await writeFile(path.join(config, 'config.json'), JSON.stringify({ auths: { [loginServer]: { auth } } }));
    const result = await run('docker', ['pull', image], {
      PATH: process.env.PATH,
      HOME: home,
      LANG: 'C.UTF-8',
      DOCKER_CONFIG: config,
      DOCKER_CONTENT_TRUST: '1',
      DOCKER_CONTENT_TRUST_SERVER: `https://${loginServer}`,
      DOCKER_HOST: `unix://${path.join(home, 'no-engine.sock')}`,
      SSL_CERT_FILE: caFile,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    const pinned = /Pull \(1 of 1\): \S+@(sha256:[0-9a-f]{64})/.exec(output);
    return pinned ? { kind: 'signed', digest: pinned[1]! } : { kind: 'refused', output };
  });
}
