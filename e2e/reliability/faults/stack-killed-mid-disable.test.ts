// The whole stack killed in the middle of a disable (issue 17), on a stack of this file's own (its own
// data folder and ports, so the shared test stack is never touched): content trust of its seeded
// registry is disabled through the BFF; once the deletion has deleted the first GUN's trust data it waits
// on the second (a row lock on that GUN in notary-server's own PostgreSQL store, so the moment is
// certain, not raced); then every process of the stack — the azure-local process and all it runs:
// registries, notary-server and notary-signer, PostgreSQL, the portal's BFF — is frozen and killed at
// once. Started again on the same data folder, the emulator resumes the operation and it ends
// Succeeded; meanwhile and afterwards no trust data of the half-deleted registry is served (the BFF
// reports none verified, no tag signed), and once content trust is enabled again the store holds none
// (the deletion really finished); every image is still served with its digest.
import path from 'node:path';
import { loadStackConfig, repoRoot } from '@ctp/azure-local/config';
import { openTrustStoreFaults } from '@ctp/azure-local/tools/trust-store-faults';
import { startStackProcess, type StackProcess } from '@ctp/devkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustFileServed } from '../../stack/support/content-trust.ts';
import { catalog, headManifest, tags } from '../../stack/support/registry-http.ts';
import { basicCredentials, stack, type Stack } from '../../stack/support/stack.ts';
import { contentTrustBlade, type Operation } from '../support/content-trust-blade.ts';
import { killTree } from '../support/process-tree.ts';
import { summaryOf } from '../support/repositories.ts';
import { portalTokens } from '../support/run-secrets.ts';

/** Ports of this file's own stack (never the shared test stack's); CTP_RELIABILITY_STACK_PORT_BASE moves them. */
const PORT_BASE = process.env.CTP_RELIABILITY_STACK_PORT_BASE ?? '12200';
const DATA_DIR = path.join(repoRoot, '.data', 'reliability-killed-stack');
const env: NodeJS.ProcessEnv = { ...process.env, CTP_DATA_DIR: DATA_DIR, CTP_PORT_BASE: PORT_BASE };

let running: StackProcess | undefined;
let s: Stack;
let images: Array<{ repository: string; tag: string; digest: string | null }> = [];

/**
 * Starts the stack of this file on its data folder (`--reset` the first time) and waits until it is up.
 * Its endpoints, people and secrets stay the same across starts (its state is kept).
 */
async function start(args: string[]): Promise<void> {
  running = await startStackProcess({
    env,
    dataDir: DATA_DIR,
    caFile: process.env.NODE_EXTRA_CA_CERTS!,
    args,
    output: 'ignore',
  });
}

/** Every tag of every repository with the digest the registry serves for it. */
async function servedImages() {
  const puller = basicCredentials(s, 'ci-signer');
  const loginServer = s.premium.loginServer;
  const found = [];
  for (const repository of await catalog(loginServer, puller))
    for (const tag of await tags(loginServer, puller, repository))
      found.push({
        repository,
        tag,
        digest: (await headManifest(loginServer, puller, repository, tag)).digest,
      });
  return found;
}

/** What the BFF says of each signed repository: never verified, no tag signed. */
async function nothingVerified(token: string, repositories: string[]) {
  for (const repository of repositories) {
    const answer = await summaryOf(s, token, repository);
    expect(answer.status, repository).toBe(200);
    expect(answer.body.trust, repository).not.toBe('verified');
    expect(answer.body.counts.signed ?? 0, repository).toBe(0);
    expect(answer.body.counts['signed-digest-mismatch'] ?? 0, repository).toBe(0);
  }
}

beforeAll(async () => {
  await start(['--reset']);
  s = await stack(env);
  images = await servedImages();
  expect(images.length).toBeGreaterThan(0);
});

afterAll(async () => {
  await running?.stop();
});

describe('the whole stack killed while a disable deletes trust data', () => {
  it('resumes the deletion when started again: it completes, nothing half-deleted is served, no image is lost', async () => {
    const tokens = portalTokens(s);
    const owner = await tokens('owner');
    const blade = contentTrustBlade(s, s.premium.name, tokens);
    const signer = basicCredentials(s, 'ci-signer');
    const loginServer = s.premium.loginServer;
    const signed: string[] = [];
    for (const { repository } of images)
      if (!signed.includes(repository) && (await summaryOf(s, owner, repository)).body.trust === 'verified')
        signed.push(repository);
    expect(signed.length).toBeGreaterThanOrEqual(2);
    const repositories = [...new Set(images.map((i) => i.repository))].sort();
    // The deletion goes through the GUNs in order: it waits on the second signed one, the first is done.
    const held = [...signed].sort()[1]!;
    const heldGun = `${loginServer}/${held}`;

    const store = await openTrustStoreFaults(loadStackConfig(env));
    let op: Operation;
    try {
      await store.lockGun(heldGun);
      const { etag } = await blade.status();
      const answer = await blade.put('owner', blade.disable, etag);
      expect(answer.status, answer.text).toBe(202);
      op = (answer.json() as { operation: Operation }).operation;
      await expect
        .poll(async () => (await blade.operation(op.id)).progress, { timeout: 30_000, interval: 200 })
        .toMatchObject({
          phase: 'deleting-trust-data',
          done: repositories.indexOf(held),
          total: repositories.length,
        });
      // Midway: the deletion journal is pending, so the login server serves no trust data of the registry.
      await nothingVerified(owner, signed);

      const killed = await killTree(running!.child.pid!);
      expect(killed.length).toBeGreaterThan(5);
    } finally {
      await store.close().catch(() => undefined); // its PostgreSQL went with the stack
    }

    await start([]);
    const tokensAfter = portalTokens(s); // the same people; the restarted BFF checks them afresh
    const token = await tokensAfter('owner');
    const restarted = contentTrustBlade(s, s.premium.name, tokensAfter);
    const ended = await restarted.ended(op.id);
    expect(ended.status).toBe('Succeeded');
    expect((await restarted.status()).body.trustPolicy.status).toBe('disabled');
    await nothingVerified(token, signed);
    expect(await servedImages()).toEqual(images);

    // Enabled again, the trust server serves what its store holds: nothing, the deletion finished.
    const { etag } = await restarted.status();
    expect((await restarted.put('owner', { status: 'enabled' }, etag)).status).toBe(200);
    for (const repository of repositories)
      expect(await trustFileServed(loginServer, signer, repository, 'timestamp'), repository).toBe(false);
    await nothingVerified(token, signed);
  });
});
