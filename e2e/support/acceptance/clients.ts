// The command-line clients a content-trust consumer runs, side by side with the portal: the Docker CLI
// (no engine: `docker trust inspect`, and `DOCKER_CONTENT_TRUST=1 docker pull` up to the point where it
// has resolved the tag), the notary CLI, and `content-trust` (packages/cli's bin).
import path from 'node:path';
import {
  contentTrustInspect,
  dockerTrustInspect,
  notary,
  repoRoot,
  run,
  withTempDir,
  type CliResult,
  type Credentials,
} from '../../stack/support/cli.ts';
import { dockerTrustedPull, type PullOutcome } from '../../stack/support/docker-pull.ts';

export interface Consumer {
  loginServer: string;
  caFile: string;
  credentials: Credentials;
}

/** What `docker trust inspect` prints for one signed repository (the fields the suite compares). */
export interface DockerTrustView {
  Name: string;
  SignedTags: Array<{ SignedTag: string; Digest: string; Signers: string[] }>;
  Signers: Array<{ Name: string; Keys: Array<{ ID: string }> }>;
  AdministrativeKeys: Array<{ Name: string; Keys: Array<{ ID: string }> }>;
}

export async function dockerInspect(c: Consumer, repository: string): Promise<CliResult> {
  return dockerTrustInspect(c.loginServer, c.caFile, c.credentials, [`${c.loginServer}/${repository}`]);
}

/** `docker trust inspect` of a repository that must have trust data: its one JSON object. */
export async function dockerInspectView(c: Consumer, repository: string): Promise<DockerTrustView> {
  const result = await dockerInspect(c, repository);
  if (result.code !== 0)
    throw new Error(`docker trust inspect ${repository} failed: ${result.stderr}${result.stdout}`);
  const [view] = JSON.parse(result.stdout) as DockerTrustView[];
  return view!;
}

export function dockerPull(c: Consumer, repository: string, tag: string): Promise<PullOutcome> {
  return dockerTrustedPull(c.loginServer, c.caFile, c.credentials, `${c.loginServer}/${repository}:${tag}`);
}

/** `notary list GUN` with a throwaway trust folder, as any puller would run it. */
export function notaryList(c: Consumer, repository: string): Promise<CliResult> {
  return notary({ loginServer: c.loginServer, caFile: c.caFile, credentials: c.credentials }, [
    'list',
    `${c.loginServer}/${repository}`,
  ]);
}

export function inspect(c: Consumer, args: string[]): Promise<CliResult> {
  return contentTrustInspect(c.caFile, c.credentials, args);
}

/** `content-trust resolve IMAGE:TAG…`: NAME:TAG@sha256:… per line, as a trusted pull resolves it. */
export function resolve(c: Consumer, images: string[]): Promise<CliResult> {
  return withTempDir('content-trust-resolve', (home) =>
    run(
      process.execPath,
      [
        path.join(repoRoot, 'packages/cli/bin/content-trust.js'),
        'resolve',
        '--ca',
        c.caFile,
        '-u',
        c.credentials.username,
        '-p',
        c.credentials.password,
        ...images,
      ],
      { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', DOCKER_CONFIG: path.join(home, '.docker') },
    ),
  );
}
