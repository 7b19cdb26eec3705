// Property-based: malformed and hostile documents in place of each role of real, re-signed trust data.
// The verifier must return a typed result (never throw), and never report anything verified/signed.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_METADATA_BYTES,
  MAX_TIMESTAMP_BYTES,
  SignatureMemo,
  verifyChain,
  type MetadataSource,
  type VerifyResult,
} from '../src/index.ts';
import { providedFixture } from './support/fixture.ts';
import { readPkcs8 } from './support/repositories.ts';
import type { Envelope } from './support/signing.ts';
import { ROLES, TamperKit, type Role } from './support/tamper-kit.ts';

const fx = providedFixture();
const gun = fx.gun.releases;
let good: Map<string, Uint8Array>;
let originals: Record<Role, Envelope>;

const CHECKS = [
  'size',
  'parse',
  'schema',
  'signature',
  'key-id',
  'certificate',
  'root-rotation',
  'hash',
  'length',
  'expired',
  'rollback',
  'missing',
];

beforeAll(async () => {
  originals = {} as Record<Role, Envelope>;
  for (const r of ROLES)
    originals[r] = (await (await fx.fetch(`${fx.url}/v2/${gun}/_trust/tuf/${r}.json`)).json()) as Envelope;
  const cli = await fx.cli('releases');
  const kit = await TamperKit.create(originals, {
    root: await cli.privateKey(gun, 'root'),
    targets: await cli.privateKey(gun, 'targets'),
    snapshot: await cli.privateKey(gun, 'snapshot'),
    'targets/releases': await readPkcs8(fx.keys.releaser!),
  });
  good = kit.build();
});

/** An in-memory source: the good files, with one role's bytes replaced wherever it is served. */
function sourceWith(role: Role, bytes: Uint8Array): MetadataSource {
  const pick = (file: string) => {
    const isRole =
      file === `${role}.json` ||
      (file.startsWith(`${role}.`) && /^[0-9a-f]{64}\.json$/.test(file.slice(role.length + 1)));
    const b = isRole ? bytes : good.get(file);
    return b;
  };
  const serve = (file: string, max: number) => {
    const b = pick(file);
    if (!b) return Promise.resolve({ kind: 'not-found' as const });
    if (b.length > max) return Promise.resolve({ kind: 'too-large' as const, limit: max });
    return Promise.resolve({ kind: 'ok' as const, bytes: b });
  };
  return {
    current: (r, max) => serve(`${r}.json`, max),
    byChecksum: (r, hex, max) => serve(`${r}.${hex}.json`, max),
    byVersion: () => Promise.resolve({ kind: 'not-found' as const }),
  };
}

async function check(role: Role, bytes: Uint8Array): Promise<VerifyResult> {
  let result: VerifyResult;
  try {
    result = (await verifyChain(gun, sourceWith(role, bytes), { now: new Date(), memo: new SignatureMemo() }))
      .result;
  } catch (e) {
    throw new Error(`verifier threw for ${role}: ${String(e)}`, { cause: e });
  }
  expect(['invalid', 'unreachable', 'no-trust-data']).toContain(result.kind);
  if (result.kind === 'invalid') {
    expect(CHECKS).toContain(result.check);
    expect(typeof result.message).toBe('string');
  }
  return result;
}

const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

const hostileValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(1e308, -1, 0, 2 ** 53 + 1, 1.5, -0, '', 'x'.repeat(5000), null, true, [], {}),
  fc.string(),
  fc.array(fc.integer()),
);

/** A real document with one field (at a random path) replaced by a hostile value. */
function mutated(doc: Envelope): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const walk = (v: unknown, path: string[], depth: number) => {
    paths.push(path);
    if (depth > 4 || v === null || typeof v !== 'object') return;
    for (const [k, child] of Object.entries(v as Record<string, unknown>))
      walk(child, [...path, k], depth + 1);
  };
  walk(doc, [], 0);
  return fc
    .tuple(fc.constantFrom(...paths.filter((p) => p.length > 0)), hostileValue)
    .map(([path, value]) => {
      const copy = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
      let at: Record<string, unknown> = copy;
      for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
      at[path[path.length - 1]!] = value;
      return copy;
    });
}

const roleArb = fc.constantFrom<Role>(...ROLES);

describe('hostile documents never verify and never throw', () => {
  it('control: the untouched files verify', async () => {
    const r = (
      await verifyChain(gun, sourceWith('root', good.get('root.json')!), {
        now: new Date(),
        memo: new SignatureMemo(),
      })
    ).result;
    expect(r.kind).toBe('verified');
  });

  it('arbitrary JSON in place of any role', async () => {
    await fc.assert(
      fc.asyncProperty(roleArb, fc.jsonValue(), async (role, value) => void (await check(role, enc(value)))),
      { numRuns: 150 },
    );
  });

  it('real documents with one field replaced by a wrong type or huge number', async () => {
    await fc.assert(
      fc.asyncProperty(
        roleArb.chain((role) => mutated(originals[role]).map((doc) => [role, doc] as const)),
        async ([role, doc]) => void (await check(role, enc(doc))),
      ),
      { numRuns: 200 },
    );
  });

  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        roleArb,
        fc.uint8Array({ maxLength: 512 }),
        async (role, bytes) => void (await check(role, bytes)),
      ),
      { numRuns: 100 },
    );
  });

  it('deep nesting is refused before parsing', async () => {
    await fc.assert(
      fc.asyncProperty(roleArb, fc.integer({ min: 65, max: 200_000 }), async (role, depth) => {
        const r = await check(role, enc('['.repeat(depth) + ']'.repeat(depth)));
        if (role === 'timestamp' || role === 'root')
          expect(r).toMatchObject({ kind: 'invalid', check: 'parse' });
      }),
      { numRuns: 30 },
    );
  });

  it(`oversized files beyond the documented limits (timestamp ${MAX_TIMESTAMP_BYTES} B, others ${MAX_METADATA_BYTES} B)`, async () => {
    const big = new Uint8Array(MAX_TIMESTAMP_BYTES + 1).fill(0x20);
    expect(await check('timestamp', big)).toMatchObject({
      kind: 'invalid',
      role: 'timestamp',
      check: 'size',
    });
    const huge = new Uint8Array(MAX_METADATA_BYTES + 1).fill(0x20);
    expect(await check('root', huge)).toMatchObject({ kind: 'invalid', role: 'root', check: 'size' });
    // A bound file longer than its parent's length is cut at the cap: it can never verify.
    expect(await check('targets', new Uint8Array(100_000).fill(0x20))).toMatchObject({
      kind: 'invalid',
      role: 'targets',
    });
  });
});
