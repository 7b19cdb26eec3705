// The trust server answering 500s, truncated bodies and hostile documents, made with the real
// notary-server by changing what its own PostgreSQL store holds (apps/azure-local's test-only
// tools/trust-store-faults.ts), so the bytes travel the real path: notary-server → login server → BFF.
// The documents are the categories of the verifier's fuzz corpus (packages/notary/test/properties.test.ts:
// arbitrary JSON in place of a role, random bytes, deep nesting, oversized files; tamper.test.ts: a
// flipped signature byte, a changed field not re-signed), served as the timestamp of a signed repository
// — the file the BFF fetches on every look, so none is answered from a cached result. What was seen:
// notary-server parses a stored timestamp before serving it, so the unparseable ones (truncated, empty,
// random, nested, oversized, JSON without the timestamp's shape) come out of the real trust server as
// 500s ("trust server answered 500 for timestamp.json"); those that parse (flipped signature byte,
// changes not re-signed, a lowered version) reach the BFF's verifier and are refused by it with its
// reason. Each answer is an ordinary one: never verified, no tag counted signed, with the reason; after
// the store is put back (finally), the repository is verified again by itself. A body cut short in
// transit (fewer bytes than Content-Length) cannot be made with these parts: trust-server-proxy.test.ts
// makes it with the emulator's fault-injecting proxy.
import { loadStackConfig } from '@ctp/azure-local/config';
import { openTrustStoreFaults, type TrustStoreFaults } from '@ctp/azure-local/tools/trust-store-faults';
import { MAX_TIMESTAMP_BYTES } from '@ctp/notary';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stack, type Stack } from '../../stack/support/stack.ts';
import { hostileDocuments } from '../support/hostile-documents.ts';
import { expectNotVerified, summaryOf, UPSTREAM_TIMEOUT_MS, type Summary } from '../support/repositories.ts';
import { portalTokens } from '../support/run-secrets.ts';

const REPOSITORY = 'payments/api';

let s: Stack;
let owner: string;
let store: TrustStoreFaults;
let gun: string;
let original: Buffer;
let another: Buffer;
let healthy: Summary;

beforeAll(async () => {
  s = await stack();
  owner = await portalTokens(s)('owner');
  store = await openTrustStoreFaults({ ...loadStackConfig(process.env), dataDir: s.dataDir });
  gun = `${s.premium.loginServer}/${REPOSITORY}`;
  original = await store.current(gun, 'timestamp');
  another = await store.current(`${s.premium.loginServer}/hello-world`, 'timestamp');
  healthy = (await summaryOf(s, owner, REPOSITORY)).body;
  expect(healthy.trust).toBe('verified');
});
afterAll(() => store?.close());

describe('the trust server serving broken and hostile timestamps', () => {
  it('never reports them verified, answers each within the deadline, and verifies again afterwards', async () => {
    for (const [label, bytes] of hostileDocuments(original, { capBytes: MAX_TIMESTAMP_BYTES })) {
      const undo = await store.replaceCurrent(gun, 'timestamp', bytes);
      try {
        const answer = await summaryOf(s, owner, REPOSITORY);
        expect(answer.status, label).toBe(200);
        expectNotVerified(answer.body, label);
        expect(answer.ms, label).toBeLessThan(UPSTREAM_TIMEOUT_MS);
      } finally {
        await undo();
      }
    }
    const after = await summaryOf(s, owner, REPOSITORY);
    expect(after.body.trust).toBe('verified');
    expect(after.body.counts).toEqual(healthy.counts);
  });

  it('another repository’s timestamp in its store: never verified, nothing signed, whole again afterwards', async () => {
    // notary-server walks from the stored timestamp to its snapshot by checksum. Not found under this
    // GUN: 404 for timestamp.json and root.json alike, the GUN looks empty (no-trust-data). Found in its
    // memory, which is keyed by checksum alone: the other repository's snapshot is served under this GUN
    // and the verifier refuses the pair (invalid). Which one depends on what notary-server has read.
    const undo = await store.replaceCurrent(gun, 'timestamp', another);
    try {
      const answer = await summaryOf(s, owner, REPOSITORY);
      expect(answer.status).toBe(200);
      expect(['invalid', 'no-trust-data']).toContain(answer.body.trust);
      expect(answer.body.counts.signed ?? 0).toBe(0);
      expect(answer.body.counts['signed-digest-mismatch'] ?? 0).toBe(0);
    } finally {
      await undo();
    }
    expect((await summaryOf(s, owner, REPOSITORY)).body.counts).toEqual(healthy.counts);
  });

  it('answering 500 (its store unreadable): unknown with the reason, verified again once it answers', async () => {
    const undo = await store.hideFiles();
    try {
      const answer = await summaryOf(s, owner, REPOSITORY);
      expect(answer.status).toBe(200);
      expectNotVerified(answer.body, '500');
      expect(answer.body.trust).toBe('unknown');
    } finally {
      await undo();
    }
    await expect
      .poll(async () => (await summaryOf(s, owner, REPOSITORY)).body.trust, {
        timeout: 30_000,
        interval: 500,
      })
      .toBe('verified');
  });
});
