// The built CLI loads its commands through V8's code cache (src/command-loader.ts): written after the
// first run, used by the next ones, refused by V8 (and written anew) when it does not fit, and never
// in the way of the run itself. On a copy of dist/, so the runs of other tests keep their own cache.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTrustProcess } from './docker.ts';

let dist: string;

beforeAll(async () => {
  await contentTrustProcess(['--version']); // builds dist/ when it is stale
  dist = join(mkdtempSync(join(tmpdir(), 'ctp-code-cache-')), 'dist');
  cpSync(fileURLToPath(new URL('../dist', import.meta.url)), dist, {
    recursive: true,
    filter: (source) => !source.endsWith('.v8cache'),
  });
});
afterAll(() => rmSync(join(dist, '..'), { recursive: true, force: true }));

/** `resolve` against a port nobody listens on: the commands load and the run fails fast, as it should. */
function run(): Promise<{ code: number; stderr: string; cache: string | undefined }> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [join(dist, 'content-trust.js'), 'resolve', '--server', 'https://127.0.0.1:9', 'example.com/app:v1'],
      { env: { PATH: process.env.PATH, CONTENT_TRUST_DEBUG: '1' } },
      (error, _stdout, stderr) =>
        resolve({
          code: error ? ((error as { code?: number }).code ?? 1) : 0,
          stderr: stderr.replace(/^(timing|code cache):.*\n/gm, ''),
          cache: /^code cache: (\w+)$/m.exec(stderr)?.[1],
        }),
    ),
  );
}

describe("the built CLI's code cache", () => {
  const cacheFile = () => join(dist, 'commands.cjs.v8cache');

  it('is written after the first run and used by the next, which answers the same', async () => {
    const first = await run();
    expect(first).toMatchObject({ code: 1, cache: 'written' });
    expect(first.stderr).toMatch(/example\.com\/app/);
    expect(readFileSync(cacheFile()).length).toBeGreaterThan(10_000);
    const second = await run();
    expect(second).toEqual({ ...first, cache: 'used' });
  });

  it('a cache V8 does not accept (garbled, another build) is refused, written anew, and costs the run nothing', async () => {
    const answer = await run();
    writeFileSync(cacheFile(), Buffer.alloc(4096, 7));
    expect(await run()).toEqual({ ...answer, cache: 'refused' });
    expect(await run()).toEqual({ ...answer, cache: 'used' });
  });

  it('a place the cache cannot be written to only means no cache', async () => {
    const answer = await run();
    rmSync(cacheFile());
    mkdirSync(cacheFile()); // a directory in the way: the rename onto it fails
    expect(await run()).toEqual({ ...answer, cache: 'unwritable' });
    expect(await run()).toEqual({ ...answer, cache: 'unwritable' });
  });
});
