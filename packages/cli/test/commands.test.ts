// The CLI as a user runs it (bin/content-trust.js → the bundle in dist/): help, version, exit statuses.
import { spawn } from 'node:child_process';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentTrustProcess } from './docker.ts';

const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('content-trust commands, help and exit statuses', () => {
  it('--version and -v print the package version', async () => {
    for (const flag of ['--version', '-v']) {
      const run = await contentTrustProcess([flag]);
      expect(run).toEqual({ code: 0, stdout: `content-trust version ${version}\n`, stderr: '' });
    }
  });

  it('help, --help and help COMMAND print the matching usage on stdout', async () => {
    const main = await contentTrustProcess(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/^Usage: content-trust COMMAND/);
    expect(main.stdout).toContain('resolve');
    expect((await contentTrustProcess(['help'])).stdout).toBe(main.stdout);
    for (const command of ['inspect', 'resolve']) {
      const help = await contentTrustProcess(['help', command]);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: content-trust ${command} \\[OPTIONS\\] IMAGE`));
      expect((await contentTrustProcess([command, '--help'])).stdout).toBe(help.stdout);
    }
  });

  it.each([
    [[], /^Usage: content-trust COMMAND/],
    [['nope'], /^unknown command "nope"\nSee 'content-trust --help'\.\n$/],
    [['help', 'nope'], /^unknown help topic "nope"/],
    [
      ['inspect'],
      /^"content-trust inspect" requires at least 1 argument\.\nSee 'content-trust inspect --help'\.\n$/,
    ],
    [['resolve'], /^"content-trust resolve" requires at least 1 argument\./],
    [['resolve', '--output', 'yaml', 'x'], /^--output must be "text" or "json", not "yaml"/],
    [['inspect', '--bogus', 'x'], /Unknown option '--bogus'/],
    [['inspect', '--concurrency', '0', 'x'], /^--concurrency must be a positive integer/],
  ])('usage error %j: exit status 2 and the reason on stderr', async (args, message) => {
    const run = await contentTrustProcess(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('a reader that went away (| head) ends the run quietly with status 141, as docker ends', async () => {
    const bin = fileURLToPath(new URL('../bin/content-trust.js', import.meta.url));
    const child = spawn(process.execPath, [bin, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // no reader left before the process starts writing: its write meets EPIPE
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 141, stderr: '' });
  });

  it('the bin rebuilds dist/ when a source is newer than the bundle, then runs it', async () => {
    const entry = fileURLToPath(new URL('../dist/content-trust.js', import.meta.url));
    const { isStale } = (await import('../build.mjs')) as { isStale: () => boolean };
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(entry, old, old); // the bundle now predates every source
    expect(isStale()).toBe(true);
    const run = await contentTrustProcess(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`content-trust version ${version}\n`);
    expect(statSync(entry).mtimeMs).toBeGreaterThan(old.getTime() + 60_000);
    expect(isStale()).toBe(false);
  });
});
