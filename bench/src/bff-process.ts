// A BFF process of the bench's own, configured exactly like the stack's portal (its environment is
// read from the portal process the bench's stack started), on a port of the bench's range. Starting
// a new one gives truly cold caches; its pid gives its resident memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, mkdirSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from '@ctp/azure-local/config';
import type { Stack } from '../../e2e/stack/support/stack.ts';
import { stackProcessPid } from './stack.ts';

/** Where a process's memory goes, from Node's diagnostic report (MiB). */
export interface MemoryReport {
  rss: number;
  /** V8's heap as committed from the system, and what of it objects (live or not yet collected) use. */
  heapCommitted: number;
  heapUsed: number;
  /** Memory V8 knows is held outside its heap (Buffers, ArrayBuffers). */
  external: number;
}

const MiB = 1024 * 1024;

/** The unused offset 9 of the stack's port layout (0–5 the stack's own services, 10+ login servers). */
const BFF_PORT_OFFSET = 9;

async function processEnvironment(pid: number): Promise<NodeJS.ProcessEnv> {
  const raw = await readFile(`/proc/${pid}/environ`, 'utf8');
  return Object.fromEntries(
    raw
      .split('\0')
      .filter((kv) => kv.includes('='))
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
}

export class BenchBff {
  private child?: ChildProcess;
  private constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly url: string,
    private readonly logFile: string,
    private readonly reportDir: string,
  ) {}

  static async like(s: Stack, portBase: number, dataDir: string): Promise<BenchBff> {
    const portal = await processEnvironment(await stackProcessPid(s, 'portal'));
    const port = portBase + BFF_PORT_OFFSET;
    const url = `https://localhost:${port}`;
    const env = { ...portal, BFF_PORT: String(port), BFF_PUBLIC_URL: url };
    const reportDir = path.join(dataDir, 'reports');
    mkdirSync(reportDir, { recursive: true });
    return new BenchBff(env, url, path.join(dataDir, 'logs', 'bench-bff.log'), reportDir);
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error('the bench BFF is not running');
    return this.child.pid;
  }

  /** Starts a fresh process (empty caches) and waits until it answers its health route. */
  async start(): Promise<void> {
    await this.stop();
    const out = openSync(this.logFile, 'a');
    // --report-on-signal: SIGUSR2 makes the process write Node's diagnostic report (memoryReport).
    const node = ['--report-on-signal', `--report-directory=${this.reportDir}`, '--import', 'tsx'];
    const child = spawn(process.execPath, [...node, path.join(repoRoot, 'apps/bff/src/main.ts')], {
      cwd: path.join(repoRoot, 'apps/bff'),
      env: this.env,
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    this.child = child;
    let exited: number | null | undefined;
    child.once('exit', (code) => (exited = code));
    for (;;) {
      if (exited !== undefined) throw new Error(`the bench BFF exited (${exited}); see ${this.logFile}`);
      const ok = await fetch(`${this.url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(100);
    }
  }

  /** The running process's memory, split as its own diagnostic report splits it. */
  async memoryReport(): Promise<MemoryReport> {
    const pid = this.pid;
    const mine = async () => (await readdir(this.reportDir)).filter((f) => f.includes(`.${pid}.`));
    const before = new Set(await mine());
    process.kill(pid, 'SIGUSR2');
    for (;;) {
      const file = (await mine()).find((f) => !before.has(f));
      if (file) {
        const full = path.join(this.reportDir, file);
        try {
          const report = JSON.parse(await readFile(full, 'utf8')) as {
            javascriptHeap: { totalCommittedMemory: number; usedMemory: number; externalMemory: number };
            resourceUsage: { rss: number };
          };
          await rm(full);
          return {
            rss: report.resourceUsage.rss / MiB,
            heapCommitted: report.javascriptHeap.totalCommittedMemory / MiB,
            heapUsed: report.javascriptHeap.usedMemory / MiB,
            external: report.javascriptHeap.externalMemory / MiB,
          };
        } catch {
          // still being written: the process writes it synchronously, so a moment more
        }
      }
      await sleep(50);
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
