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
// transit (fewer bytes than Content-Length) cannot be made with these parts and is not tried here.
import { randomBytes } from 'node:crypto';
import { loadStackConfig } from '@ctp/azure-local/config';
import { openTrustStoreFaults, type TrustStoreFaults } from '@ctp/azure-local/tools/trust-store-faults';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stack, type Stack } from '../../stack/support/stack.ts';
import { summaryOf, UPSTREAM_TIMEOUT_MS, type Summary } from '../support/repositories.ts';
import { portalTokens } from '../support/run-secrets.ts';

const REPOSITORY = 'payments/api';
const MAX_TIMESTAMP_BYTES = 1024 * 1024; // packages/notary/src/metadata/parse.ts

let s: Stack;
let owner: string;
let store: TrustStoreFaults;
let gun: string;
let original: Buffer;
let healthy: Summary;

beforeAll(async () => {
  s = await stack();
  owner = await portalTokens(s)('owner');
  store = await openTrustStoreFaults({ ...loadStackConfig(process.env), dataDir: s.dataDir });
  gun = `${s.premium.loginServer}/${REPOSITORY}`;
  original = await store.current(gun, 'timestamp');
  healthy = (await summaryOf(s, owner, REPOSITORY)).body;
  expect(healthy.trust).toBe('verified');
});
afterAll(() => store?.close());

function notVerified(summary: Summary, label: string) {
  expect(summary.trust, label).not.toBe('verified');
  expect(['invalid', 'unknown'], label).toContain(summary.trust);
  expect(summary.reason, label).toBeTruthy();
  expect(summary.counts.signed ?? 0, label).toBe(0);
  expect(summary.counts['signed-digest-mismatch'] ?? 0, label).toBe(0);
}

function corpus(): Array<[string, Uint8Array]> {
  const json = JSON.parse(original.toString('utf8')) as {
    signed: { expires: string; version: number };
    signatures: Array<{ sig: string }>;
  };
  const flipped = structuredClone(json);
  const sig = Buffer.from(flipped.signatures[0]!.sig, 'base64');
  sig[0] = sig[0]! ^ 0xff;
  flipped.signatures[0]!.sig = sig.toString('base64');
  const extended = structuredClone(json);
  extended.signed.expires = '2099-01-01T00:00:00Z'; // a longer life, not re-signed
  const rolledBack = structuredClone(json);
  rolledBack.signed.version = 0;
  const text = (t: string) => new TextEncoder().encode(t);
  return [
    ['a truncated body (half of the genuine file)', original.subarray(0, Math.floor(original.length / 2))],
    ['an empty body', new Uint8Array()],
    ['random bytes', randomBytes(4096)],
    ['JSON null', text('null')],
    ['a JSON array', text('[]')],
    ['an empty object', text('{}')],
    ['an envelope without signatures', text('{"signed":{"_type":"Timestamp"},"signatures":[]}')],
    ['a flipped signature byte', text(JSON.stringify(flipped))],
    ['a later expiry, not re-signed', text(JSON.stringify(extended))],
    ['a lower version, not re-signed', text(JSON.stringify(rolledBack))],
    ['JSON nested 100 000 levels', text('['.repeat(100_000) + ']'.repeat(100_000))],
    ['one byte over the timestamp size limit', text(`{"signed":${' '.repeat(MAX_TIMESTAMP_BYTES)}}`)],
  ];
}

describe('the trust server serving broken and hostile timestamps', () => {
  it('never reports them verified, answers each within the deadline, and verifies again afterwards', async () => {
    for (const [label, bytes] of corpus()) {
      const undo = await store.replaceCurrent(gun, 'timestamp', bytes);
      try {
        const answer = await summaryOf(s, owner, REPOSITORY);
        expect(answer.status, label).toBe(200);
        notVerified(answer.body, label);
        expect(answer.ms, label).toBeLessThan(UPSTREAM_TIMEOUT_MS);
      } finally {
        await undo();
      }
    }
    const after = await summaryOf(s, owner, REPOSITORY);
    expect(after.body.trust).toBe('verified');
    expect(after.body.counts).toEqual(healthy.counts);
  });

  it('answering 500 (its store unreadable): unknown with the reason, verified again once it answers', async () => {
    const undo = await store.hideFiles();
    try {
      const answer = await summaryOf(s, owner, REPOSITORY);
      expect(answer.status).toBe(200);
      notVerified(answer.body, '500');
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
