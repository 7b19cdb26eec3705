// The registry failing on some repositories, made with the real docker-registry: the tag index of one
// seeded repository (tools/unsigned) is replaced by a file, so docker-registry answers 500 for its tags
// while it serves the others. The scan still completes: the two other repositories verified as before,
// the broken one marked (failed, with the reason), none of it reported signed. The index is put back
// in finally, and scans are whole again by themselves once the few-second digest cache has passed.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stack, type Stack } from '../../stack/support/stack.ts';
import { scanOf, type ScanLine } from '../support/repositories.ts';
import { portalTokens } from '../support/run-secrets.ts';

const BROKEN = 'tools/unsigned';
let s: Stack;
let owner: string;
let healthy: Map<string, string>;

const byRepository = (lines: ScanLine[]) =>
  new Map(
    lines.flatMap((l) => (l.type === 'repository' ? [[l.repository!.repository, l.repository!.trust]] : [])),
  );

beforeAll(async () => {
  s = await stack();
  owner = await portalTokens(s)('owner');
  healthy = byRepository(await scanOf(s, owner));
  expect(healthy.get(BROKEN)).toBeDefined();
});

describe('the registry failing on one repository', () => {
  it('scans the others as before and marks the failing one; whole again once it is repaired', async () => {
    const tags = path.join(
      s.dataDir,
      'registries',
      s.premium.name,
      'docker/registry/v2/repositories',
      BROKEN,
      '_manifests/tags',
    );
    await rename(tags, `${tags}.aside`);
    let broken: ScanLine[] = [];
    try {
      await writeFile(tags, 'not a directory'); // docker-registry: "not a directory" → 500 for this repository
      // Registry digests are cached for a few seconds (packages/notary's scan): scan until the fault shows.
      await expect
        .poll(async () => (broken = await scanOf(s, owner)).at(-1)!.failed, {
          timeout: 30_000,
          interval: 500,
        })
        .toBe(1);
    } finally {
      await rm(tags, { force: true });
      await rename(`${tags}.aside`, tags).catch(async () => mkdir(tags, { recursive: true }));
    }
    const done = broken.at(-1)!;
    expect(done).toMatchObject({ type: 'done', total: healthy.size, failed: 1 });
    const line = broken.find(
      (l) => l.type === 'repository' && l.repository!.repository === BROKEN,
    )!.repository!;
    expect(line.trust).not.toBe('verified');
    expect(line.reason).toBeTruthy();
    // The registry's own error detail names its storage path: that stays in the registry's log.
    expect(line.reason).not.toContain(s.dataDir);
    expect(line.counts.signed ?? 0).toBe(0);
    for (const [repository, trust] of healthy)
      if (repository !== BROKEN) expect(byRepository(broken).get(repository), repository).toBe(trust);

    await expect
      .poll(async () => byRepository(await scanOf(s, owner)), { timeout: 30_000, interval: 500 })
      .toEqual(healthy);
  });
});
