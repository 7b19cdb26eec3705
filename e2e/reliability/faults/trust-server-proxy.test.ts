// Trust-server faults the real notary-server cannot produce, made with the emulator's fault-injecting
// proxy (its login server's trust-server switch, PUT <ARM>/_azure-local/faults/trust-server), on a Premium
// registry of this file's own (created through ARM, deleted at the end):
// - a body cut short (notary-server always sends the stored bytes with their right Content-Length) and a
//   body stalled mid-way past the BFF's upstream deadline: the summary and tag routes answer 200,
//   `unknown` with the reason, within the deadline, no tag counted signed; verified again by itself;
// - hostile snapshot, targets and targets/releases documents (the verifier's corpus): notary-server
//   checks a stored snapshot against the timestamp it serves (a hostile one comes out as a 500 on
//   timestamp.json, never as a snapshot under a valid timestamp), and it keeps checksum-addressed files
//   in memory once read, unchecked and for good (server/storage/tuf_store.go), so a document garbled in
//   its store is served until it restarts — the last case shows that on the real path. Each is refused
//   with its reason, and the repository is verified again once the fault ends: the BFF keeps no hostile
//   bytes under the genuine checksum (before the fix it did, and stayed invalid).
// The repositories faulted here are verified by the BFF for the first time during the fault: it keeps the
// last verified view per GUN by the timestamp's checksum, so a repository it has seen would not fetch its
// snapshot or targets again.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadStackConfig } from '@ctp/azure-local/config';
import { publishImage } from '@ctp/azure-local/tools/publish-image';
import { openTrustStoreFaults } from '@ctp/azure-local/tools/trust-store-faults';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureSignerKey,
  initAndSign,
  signTargets,
  type NotaryCliOptions,
  type SignerKey,
} from '../../../apps/azure-local/src/data-plane/client/notary-cli.ts';
import {
  armClients,
  createSigningRegistry,
  uniqueRegistryName,
  type ArmClients,
} from '../../stack/support/arm.ts';
import { trustFile } from '../../stack/support/content-trust.ts';
import { basicCredentials, REGISTRIES_RG, stack, type Stack } from '../../stack/support/stack.ts';
import {
  trustServerFaultState,
  withTrustServerFault,
  type TrustServerFault,
} from '../support/arm-switches.ts';
import { hostileDocuments } from '../support/hostile-documents.ts';
import {
  expectNotVerified,
  summaryOf,
  tagsOf,
  UPSTREAM_TIMEOUT_MS,
  type Summary,
} from '../support/repositories.ts';
import { portalTokens } from '../support/run-secrets.ts';
import { crashAndWaitForRestart } from '../support/supervised.ts';

const PASSPHRASE = 'reliability-proxy-passphrase';
/** Verified first, then cut short and stalled (the timestamp is fetched on every look). */
const CUT = 'cut/app';
/** Signed twice (so each role has a previous version), faulted before the BFF ever verified it. */
const HOSTILE = 'hostile/app';
/** Signed once, garbled in notary-server's own store. */
const STORED = 'hostile/store';

let s: Stack;
let arm: ArmClients;
let owner: string;
const name = uniqueRegistryName('ctprelp');
let loginServer = '';
let created = false;
let trustDir = '';
let releaser: SignerKey;

const signer = () => basicCredentials(s, 'ci-signer');
const summary = (repository: string) => summaryOf(s, owner, repository, name);
const fault = (repository: string, rest: Omit<TrustServerFault, 'registry' | 'repository'>) => ({
  registry: name,
  repository,
  ...rest,
});

/** Pushes `tag` and signs it in targets/releases and targets (a first signing creates the GUN's keys). */
async function publishSigned(repository: string, tag: string, first: boolean): Promise<void> {
  const image = await publishImage({
    loginServer,
    caFile: s.caCertificate,
    repository,
    tag,
    credentials: signer(),
    label: `${name} ${repository} ${tag}`,
  });
  const options: NotaryCliOptions = {
    loginServer,
    caFile: s.caCertificate,
    trustDir,
    credentials: signer(),
    passphrase: PASSPHRASE,
  };
  const gun = `${loginServer}/${repository}`;
  const target = { tag, digest: image.digest, size: image.size };
  const targets = [{ ...target, role: 'targets/releases' }, target];
  if (first)
    await initAndSign(options, {
      gun,
      delegations: [{ role: 'targets/releases', signers: [releaser] }],
      targets,
    });
  else await signTargets(options, gun, targets);
}

const versionOf = (document: Uint8Array) =>
  (JSON.parse(Buffer.from(document).toString('utf8')) as { signed: { version: number } }).signed.version;

/** The summary while a fault is on: an ordinary 200 within the deadline, nothing verified. */
async function refusedWhile(repository: string, label: string): Promise<Summary> {
  const answer = await summary(repository);
  expect(answer.status, label).toBe(200);
  expectNotVerified(answer.body, label);
  expect(answer.ms, label).toBeLessThan(UPSTREAM_TIMEOUT_MS);
  return answer.body;
}

async function verifiedAgain(repository: string): Promise<Summary> {
  await expect
    .poll(async () => (await summary(repository)).body.trust, { timeout: 30_000, interval: 500 })
    .toBe('verified');
  return (await summary(repository)).body;
}

beforeAll(async () => {
  s = await stack();
  arm = armClients(s, 'owner');
  owner = await portalTokens(s)('owner');
  trustDir = await mkdtemp(path.join(os.tmpdir(), 'ctp-reliability-proxy-'));
  releaser = await ensureSignerKey(trustDir, 'releaser');
  loginServer = (await createSigningRegistry(s, arm, name)).loginServer!;
  created = true;
  await publishSigned(CUT, 'v1', true);
  await publishSigned(HOSTILE, 'v1', true);
  await publishSigned(HOSTILE, 'v2', false);
  await publishSigned(STORED, 'v1', true);
});

afterAll(async () => {
  if (created)
    await arm.registries.registries
      .delete(REGISTRIES_RG, name, { updateIntervalInMs: 100 })
      .catch(() => undefined);
  if (trustDir) await rm(trustDir, { recursive: true, force: true });
});

describe('a trust-server answer cut short or stalled in transit', () => {
  let healthy: Summary;
  beforeAll(async () => {
    healthy = (await summary(CUT)).body;
    expect(healthy.trust).toBe('verified');
    expect(healthy.counts.signed).toBe(1);
  });

  it('cut short: unknown with the reason at once, no tag signed on either route; verified again afterwards', async () => {
    await withTrustServerFault(s, fault(CUT, { file: 'timestamp', mode: 'truncate' }), async () => {
      const during = await refusedWhile(CUT, 'truncated timestamp');
      expect(during.trust).toBe('unknown');
      const tags = await tagsOf(s, owner, CUT, name);
      expect(tags.status).toBe(200);
      expect(tags.body.trust).toBe('unknown');
      expect(tags.body.reason).toBeTruthy();
      expect(tags.body.rows.map((r) => r.status)).toEqual(['unknown']);
      expect((await trustServerFaultState(s)).served).toBeGreaterThanOrEqual(2);
    });
    expect((await verifiedAgain(CUT)).counts).toEqual(healthy.counts);
  });

  it('stalled mid-body: both routes end at the deadline with unknown and the reason; verified again afterwards', async () => {
    const [during, tags] = await withTrustServerFault(
      s,
      fault(CUT, { file: 'timestamp', mode: 'stall' }),
      () => Promise.all([summary(CUT), tagsOf(s, owner, CUT, name)]),
    );
    for (const answer of [during, tags]) {
      expect(answer.status).toBe(200);
      // Ended by the BFF's deadline (plus the login server's own hop), not left hanging.
      expect(answer.ms).toBeGreaterThanOrEqual(UPSTREAM_TIMEOUT_MS - 1000);
      expect(answer.ms).toBeLessThan(UPSTREAM_TIMEOUT_MS * 2);
    }
    expect(during.body.trust).toBe('unknown');
    expectNotVerified(during.body, 'stalled timestamp');
    expect(tags.body.trust).toBe('unknown');
    expect(tags.body.rows.map((r) => r.status)).toEqual(['unknown']);
    expect((await verifiedAgain(CUT)).counts).toEqual(healthy.counts);
  });
});

describe('hostile snapshot, targets and delegation documents', () => {
  const cases: Array<[string, Omit<TrustServerFault, 'registry' | 'repository'>]> = [];
  beforeAll(async () => {
    const file = async (repository: string, name: string) => {
      const answer = await trustFile(loginServer, signer(), repository, name);
      expect(answer.status, `${repository} ${name}`).toBe(200);
      return answer.bytes;
    };
    // A checksum-addressed file cut short, on a repository the BFF has not verified yet.
    cases.push(['a truncated snapshot', { file: 'snapshot', mode: 'truncate' }]);
    for (const role of ['snapshot', 'targets', 'targets/releases']) {
      const genuine = await file(HOSTILE, `${role}.json`);
      const documents = hostileDocuments(genuine, {
        capBytes: genuine.length, // a checksum-addressed file may be no longer than its parent binds
        previousVersion: await file(HOSTILE, `${versionOf(genuine) - 1}.${role}.json`),
        ofAnotherRepository: await file(CUT, `${role}.json`),
      });
      for (const [label, body] of documents)
        cases.push([`${role}: ${label}`, { file: role, mode: 'replace', body }]);
    }
  });

  it('are never verified, each with its reason, and the repository is verified again once they stop', async () => {
    for (const [label, rest] of cases) {
      await withTrustServerFault(s, fault(HOSTILE, rest), async () => {
        await refusedWhile(HOSTILE, label);
        // The faulted answer itself reached the BFF: nothing kept from an earlier answer stood in for it.
        expect((await trustServerFaultState(s)).served, label).toBeGreaterThanOrEqual(1);
      });
    }
    const after = await verifiedAgain(HOSTILE);
    expect(after.counts.signed).toBe(2);
  });
});

describe('a delegation garbled in notary-server’s own store (the real path)', () => {
  it('is refused; notary-server serves it from memory until it restarts; then verified again by itself', async () => {
    const store = await openTrustStoreFaults({ ...loadStackConfig(process.env), dataDir: s.dataDir });
    try {
      const gun = `${loginServer}/${STORED}`;
      const genuine = await store.current(gun, 'targets/releases');
      const checksum = createHash('sha256').update(genuine).digest('hex');
      const foreign = await store.current(`${loginServer}/${CUT}`, 'targets/releases');
      const undo = await store.replaceCurrent(gun, 'targets/releases', foreign);
      try {
        const during = await refusedWhile(STORED, 'another repository’s delegation in the store');
        expect(during.trust).toBe('invalid');
      } finally {
        await undo();
      }
      // The row is genuine again; what notary-server serves under its checksum is not (its in-memory copy).
      const served = await trustFile(loginServer, signer(), STORED, `targets/releases.${checksum}.json`);
      expect(served.bytes.equals(foreign)).toBe(true);
      await refusedWhile(STORED, 'after the store was put back');
      await crashAndWaitForRestart(s, `notary-server-${name}`, 'SIGKILL');
      expect((await verifiedAgain(STORED)).counts.signed).toBe(1);
    } finally {
      await store.close();
    }
  });
});
