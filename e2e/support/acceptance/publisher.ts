// A publisher at work, as the lifecycle documents it: pushes an image through the login server (no
// Docker engine here, so the image is pushed over the registry API), then signs its tag with the real
// notary CLI, exactly what `docker push` with DOCKER_CONTENT_TRUST=1 does under the hood: on the first
// signature of a repository new root and repository keys are created, their passphrases given through
// NOTARY_ROOT_PASSPHRASE / NOTARY_TARGETS_PASSPHRASE instead of a prompt.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { publishImage, type PublishResult } from '@ctp/azure-local/tools/publish-image';
import { notary, type CliResult, type Credentials } from '../../stack/support/cli.ts';

export interface Publisher {
  /** Who is publishing (for messages). */
  name: string;
  credentials: Credentials;
  /** The publisher's notary trust folder (~/.docker/trust for Docker): private keys and cached metadata. */
  trustDir: string;
  passphrase: string;
}

export interface Target {
  loginServer: string;
  caFile: string;
}

const ok = (what: string, result: CliResult): CliResult => {
  if (result.code !== 0)
    throw new Error(`${what} failed (exit ${result.code}): ${result.stderr}${result.stdout}`);
  return result;
};

/** Pushes a generated image (unique content per label) under repository:tag; nothing is signed. */
export function pushImage(
  target: Target,
  publisher: Publisher,
  repository: string,
  tag: string,
  label: string,
): Promise<PublishResult> {
  return publishImage({
    loginServer: target.loginServer,
    caFile: target.caFile,
    repository,
    tag,
    credentials: publisher.credentials,
    label,
  });
}

/** Runs the notary CLI as the publisher (their trust folder, their passphrases, their credentials). */
export async function notaryAs(target: Target, publisher: Publisher, args: string[]): Promise<CliResult> {
  await mkdir(publisher.trustDir, { recursive: true, mode: 0o700 });
  return notary(
    {
      loginServer: target.loginServer,
      caFile: target.caFile,
      trustDir: publisher.trustDir,
      credentials: publisher.credentials,
      passphrase: publisher.passphrase,
    },
    args,
  );
}

/**
 * Signs repository:tag → image.digest the way `docker push` with content trust does: `notary init` when
 * the publisher has no keys for the repository yet (new root and repository keys), then `addhash` and
 * `publish`. Throws with the CLI's output when a step fails.
 */
export async function signTag(target: Target, publisher: Publisher, image: PublishResult): Promise<void> {
  const gun = `${target.loginServer}/${image.repository}`;
  if (!existsSync(path.join(publisher.trustDir, 'tuf', gun, 'metadata', 'root.json')))
    ok(`notary init ${gun} as ${publisher.name}`, await notaryAs(target, publisher, ['init', gun]));
  const hex = image.digest.replace(/^sha256:/, '');
  ok(
    `notary addhash ${gun} ${image.tag}`,
    await notaryAs(target, publisher, ['addhash', gun, image.tag, String(image.size), '--sha256', hex]),
  );
  ok(`notary publish ${gun} as ${publisher.name}`, await notaryAs(target, publisher, ['publish', gun]));
}

/** The key IDs in the publisher's trust folder (`notary key list`: ROLE GUN KEY-ID LOCATION). */
export async function localKeys(
  target: Target,
  publisher: Publisher,
): Promise<Array<{ role: string; gun: string; id: string }>> {
  const listed = ok('notary key list', await notaryAs(target, publisher, ['key', 'list']));
  return listed.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.some((c) => /^[0-9a-f]{64}$/.test(c)))
    .map((cols) => {
      const id = cols.find((c) => /^[0-9a-f]{64}$/.test(c))!;
      const role = cols[0]!;
      const gun = cols.length >= 4 && cols[1] !== id ? cols[1]! : '';
      return { role, gun, id };
    });
}

/** "The root key is lost": the publisher's whole trust folder is gone. */
export async function loseKeys(publisher: Publisher): Promise<void> {
  await rm(publisher.trustDir, { recursive: true, force: true });
}
