// Disable is safe (issue 17), through the BFF on this run's own Premium registry (created through ARM,
// deleted at the end): a disable interrupted midway (its trust server paused, then killed while the
// deletion waits on it) leaves a state the retry completes, and the login server serves no half-deleted
// trust data meanwhile; no image or manifest is ever deleted; two admins saving conflicting changes get
// 412 (the first one's change stays); a replayed disable (the same body and ETag) is refused. The
// emulator's own restart mid-deletion is apps/azure-local/test/control-plane/operations.test.ts;
// missing/wrong confirmation and If-Match are e2e/stack/content-trust-disable.test.ts.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishImage, type PublishResult } from '@ctp/azure-local/tools/publish-image';
import {
  armClients,
  createSigningRegistry,
  uniqueRegistryName,
  type ArmClients,
} from '../../stack/support/arm.ts';
import { trustFileServed } from '../../stack/support/content-trust.ts';
import { eventually, headManifest } from '../../stack/support/registry-http.ts';
import { basicCredentials, REGISTRIES_RG, stack, type Stack } from '../../stack/support/stack.ts';
import { contentTrustBlade, type Operation } from '../support/content-trust-blade.ts';
import { portalTokens } from '../support/run-secrets.ts';
import { supervised, waitRunningAgain } from '../support/supervised.ts';

const PASSPHRASE = 'reliability-disable-passphrase';
const SIGNED = ['team/a', 'team/b', 'team/c'];

let s: Stack;
let arm: ArmClients;
let token: (key: string) => Promise<string>;
const name = uniqueRegistryName('ctprel');
let loginServer = '';
let created = false;
let keys = '';
const published: PublishResult[] = [];

let blade: ReturnType<typeof contentTrustBlade>;

async function imagesAllThere() {
  const puller = basicCredentials(s, 'ci-signer');
  for (const image of published)
    expect(await headManifest(loginServer, puller, image.repository, image.tag), image.repository).toEqual({
      status: 200,
      digest: image.digest,
    });
}
async function trustServed(): Promise<boolean[]> {
  const reader = basicCredentials(s, 'ci-signer');
  return Promise.all(SIGNED.map((r) => trustFileServed(loginServer, reader, r, 'timestamp')));
}

beforeAll(async () => {
  s = await stack();
  arm = armClients(s, 'owner');
  token = portalTokens(s);
  blade = contentTrustBlade(s, name, token);
  const registry = await createSigningRegistry(s, arm, name);
  created = true;
  loginServer = registry.loginServer!;
  keys = await mkdtemp(path.join(os.tmpdir(), 'ctp-reliability-keys-'));
  const signer = basicCredentials(s, 'ci-signer');
  for (const repository of [...SIGNED, 'team/unsigned'])
    published.push(
      await publishImage({
        loginServer,
        caFile: s.caCertificate,
        repository,
        tag: 'v1',
        credentials: signer,
        label: `${name} ${repository} ${randomUUID()}`,
        ...(repository === 'team/unsigned' ? {} : { sign: { trustDir: keys, passphrase: PASSPHRASE } }),
      }),
    );
  expect(await trustServed()).toEqual([true, true, true]);
});

afterAll(async () => {
  // The trust server of this registry is continued whatever happened (a stopped process would stay stopped).
  const server = await supervised(s, `notary-server-${name}`).catch(() => undefined);
  if (server) process.kill(server.pid, 'SIGCONT');
  if (created)
    await arm.registries.registries
      .delete(REGISTRIES_RG, name, { updateIntervalInMs: 100 })
      .catch(() => undefined);
  if (keys) await rm(keys, { recursive: true, force: true });
});

describe('disable is safe', () => {
  it('interrupted midway: no half-deleted trust data is served, images stay, the retry completes', async () => {
    const server = `notary-server-${name}`;
    const before = await supervised(s, server);
    process.kill(before.pid, 'SIGSTOP'); // the deletion's first GUN now waits on it
    let first: Operation;
    try {
      const { etag } = await blade.status();
      const answer = await blade.put('owner', blade.disable, etag);
      expect(answer.status, answer.text).toBe(202);
      first = (answer.json() as { operation: Operation }).operation;
      await eventually('the deletion to start', async () =>
        (await blade.operation(first.id)).progress?.phase === 'deleting-trust-data' ? true : undefined,
      );
      process.kill(before.pid, 'SIGKILL'); // killed mid-deletion; the supervisor starts a new one
    } catch (error) {
      process.kill(before.pid, 'SIGCONT');
      throw error;
    }
    await waitRunningAgain(s, server, before.pid);
    const interrupted = await blade.ended(first.id);
    expect(interrupted.status).toBe('Failed');
    // Pending deletion: the login server serves no trust data of the registry, though the store still holds it.
    expect(await trustServed()).toEqual([false, false, false]);
    await imagesAllThere();

    // The retry: a fresh ETag and the typed name again; it finishes the job.
    const { etag } = await blade.status();
    const retry = await blade.put('owner', blade.disable, etag);
    expect(retry.status, retry.text).toBe(202);
    const done = await blade.ended((retry.json() as { operation: Operation }).operation.id);
    expect(done.status).toBe('Succeeded');
    expect(done.progress).toMatchObject({ phase: 'done', total: SIGNED.length + 1 });
    expect((await blade.status()).body.trustPolicy.status).toBe('disabled');
    expect(await trustServed()).toEqual([false, false, false]);
    await imagesAllThere();
  });

  it('two admins saving conflicting changes: the second gets 412 and the first change stays', async () => {
    // Both open the blade on the same state.
    const seenByOwner = await blade.status('owner');
    const seenByContributor = await blade.status('contributor');
    expect(seenByContributor.etag).toBe(seenByOwner.etag);
    // Contributor enables; Owner, not having seen that, would disable again.
    const enable = await blade.put('contributor', { status: 'enabled' }, seenByContributor.etag);
    expect(enable.status, enable.text).toBe(200);
    const conflicting = await blade.put('owner', blade.disable, seenByOwner.etag);
    expect(conflicting.status, conflicting.text).toBe(412);
    expect(conflicting.headers.get('content-type')).toBe('application/problem+json');
    expect((await blade.status()).body.trustPolicy.status).toBe('enabled'); // not lost
  });

  it('refuses a replayed disable: the same body and ETag, or no ETag, or no confirmation', async () => {
    const { etag } = await blade.status();
    const accepted = await blade.put('owner', blade.disable, etag);
    expect(accepted.status, accepted.text).toBe(202);
    await blade.ended((accepted.json() as { operation: Operation }).operation.id);
    // Re-enabled by someone, then the captured disable request is sent again as it was.
    const fresh = await blade.status();
    expect((await blade.put('owner', { status: 'enabled' }, fresh.etag)).status).toBe(200);
    const replayed = await blade.put('owner', blade.disable, etag);
    expect(replayed.status).toBe(412);
    expect((await blade.put('owner', blade.disable)).status).toBe(428);
    const current = await blade.status();
    const unconfirmed = await blade.put('owner', { status: 'disabled' }, current.etag);
    expect(unconfirmed.status).toBe(400);
    expect((await blade.status()).body.trustPolicy.status).toBe('enabled');
    await imagesAllThere();
  });
});
