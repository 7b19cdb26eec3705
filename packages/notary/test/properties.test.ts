// Property-based: malformed and hostile documents in place of each role of real, re-signed trust data.
// Raw garbage must give a typed result (never a throw) and never verify. Hostile content inside a real
// document is re-signed with the role's own key and re-bound by every parent (the test holds the keys),
// so it passes the hash and signature checks and reaches the parser and the semantic checks behind them.
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
import type { Envelope } from './support/signing.ts';
import { releasesTamperKit } from './support/releases-kit.ts';
import { ROLES, type TamperKit, type Role } from './support/tamper-kit.ts';

const fx = providedFixture();
const gun = fx.gun.releases;
let good: Map<string, Uint8Array>;
let originals: Record<Role, Envelope>;
let kit: TamperKit;

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
  ({ originals, kit } = await releasesTamperKit(fx));
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

/** Every path inside a document's `signed` part (to depth 4), as key lists. */
function signedPaths(doc: Envelope): string[][] {
  const paths: string[][] = [];
  const walk = (v: unknown, path: string[], depth: number) => {
    if (path.length > 0) paths.push(path);
    if (depth > 4 || v === null || typeof v !== 'object') return;
    for (const [k, child] of Object.entries(v as Record<string, unknown>))
      walk(child, [...path, k], depth + 1);
  };
  walk(doc.signed, [], 0);
  return paths;
}

/** Sets `value` at `path` inside `signed` (the kit then signs the result and binds it in every parent). */
const setAt = (path: string[], value: unknown) => (doc: Envelope) => {
  let at = doc.signed as Record<string, unknown>;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
  if (value === undefined) delete at[path[path.length - 1]!];
  else at[path[path.length - 1]!] = value;
};

/** An in-memory trust server serving exactly `files`. */
function sourceOf(files: Map<string, Uint8Array>): MetadataSource {
  const serve = (file: string, max: number) => {
    const b = files.get(file);
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

async function verifySigned(role: Role, mutate: (doc: Envelope) => void): Promise<VerifyResult | undefined> {
  let files: Map<string, Uint8Array>;
  try {
    files = kit.build({ beforeSign: { [role]: mutate } });
  } catch {
    return undefined; // not signable (e.g. canonical JSON has no form for it): nothing to serve
  }
  try {
    return (await verifyChain(gun, sourceOf(files), { now: new Date(), memo: new SignatureMemo() })).result;
  } catch (e) {
    throw new Error(`verifier threw for a re-signed ${role}: ${String(e)}`, { cause: e });
  }
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

  it('re-signed, re-bound documents with one signed field replaced: typed results past the hash and signature checks', async () => {
    const fired = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        roleArb.chain((role) =>
          fc.tuple(fc.constant(role), fc.constantFrom(...signedPaths(originals[role])), hostileValue),
        ),
        async ([role, path, value]) => {
          const r = await verifySigned(role, setAt(path, value));
          if (!r) return;
          expect(['verified', 'invalid']).toContain(r.kind);
          if (r.kind !== 'invalid') return;
          expect(CHECKS).toContain(r.check);
          fired.set(`${r.role}/${r.check}`, (fired.get(`${r.role}/${r.check}`) ?? 0) + 1);
          // Re-bound: the mutated file always matches what its parent signed for it.
          if (r.role === role) expect(['hash', 'length']).not.toContain(r.check);
          // Re-signed: a non-root role's own signature always holds (root's keys are its content).
          if (r.role === role && role !== 'root') expect(r.check).not.toBe('signature');
        },
      ),
      { numRuns: 300 },
    );
    // The hostile content reached the parser's schema checks of the mutated roles, not only the hashes.
    const schemaRoles = [...fired.keys()]
      .filter((k) => k.endsWith('/schema'))
      .map((k) => k.split('/schema')[0]);
    expect(schemaRoles.length, JSON.stringify([...fired])).toBeGreaterThanOrEqual(3);
  });

  const targetsKeyId = () =>
    (originals.root.signed as { roles: Record<string, { keyids: string[] }> }).roles.targets!.keyids[0]!;
  it.each<[string, Role, string[], unknown, { role: string; check: string; message?: RegExp }]>([
    ['a negative version', 'targets', ['version'], -1, { role: 'targets', check: 'schema' }],
    ['a version above 2^53', 'snapshot', ['version'], 2 ** 53 + 1, { role: 'snapshot', check: 'schema' }],
    ['expires that is not a date', 'timestamp', ['expires'], 'soon', { role: 'timestamp', check: 'schema' }],
    [
      'a past expiry',
      'timestamp',
      ['expires'],
      '2001-01-01T00:00:00Z',
      { role: 'timestamp', check: 'expired' },
    ],
    [
      'a past expiry',
      'snapshot',
      ['expires'],
      '2001-01-01T00:00:00Z',
      { role: 'snapshot', check: 'expired' },
    ],
    ['a past expiry', 'root', ['expires'], '2001-01-01T00:00:00Z', { role: 'root', check: 'expired' }],
    [
      'no snapshot entry for targets',
      'snapshot',
      ['meta', 'targets'],
      undefined,
      { role: 'snapshot', check: 'schema', message: /no sha256 entry for targets/ },
    ],
    [
      'a role listing a key root does not define',
      'root',
      ['roles', 'targets', 'keyids'],
      ['0'.repeat(64)],
      { role: 'root', check: 'schema', message: /does not define/ },
    ],
    [
      'a declared delegation outside its parent',
      'targets',
      ['delegations', 'roles', '0', 'name'],
      'targets/releases/../../evil',
      { role: 'targets', check: 'schema', message: /invalid delegation role/ },
    ],
    [
      'a timestamp binding the snapshot at a shorter length (the download is cut there)',
      'timestamp',
      ['meta', 'snapshot', 'length'],
      1,
      { role: 'snapshot', check: 'size' },
    ],
    [
      'a timestamp binding the snapshot at a longer length',
      'timestamp',
      ['meta', 'snapshot', 'length'],
      10_000_000,
      { role: 'snapshot', check: 'length' },
    ],
  ])(
    '%s in %s, validly signed → the check behind the signature fires',
    async (_what, role, path, value, want) => {
      const r = await verifySigned(role, setAt(path, value));
      expect(r).toMatchObject({
        kind: 'invalid',
        ...want,
        ...(want.message ? { message: expect.stringMatching(want.message) } : {}),
      });
    },
  );

  it('a key whose content no longer hashes to its ID, in a validly signed root → targets / key-id', async () => {
    const r = await verifySigned(
      'root',
      setAt(['keys', targetsKeyId(), 'keyval', 'public'], Buffer.alloc(91, 1).toString('base64')),
    );
    expect(r).toMatchObject({ kind: 'invalid', role: 'targets', check: 'key-id' });
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
