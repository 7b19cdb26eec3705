import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginServerClient } from '../../src/data-plane/client/login-server-client.ts';
import { dockerRegistryConfigFile } from '../../src/data-plane/processes/docker-registry.ts';
import { notaryServerConfigFile } from '../../src/data-plane/processes/notary-server.ts';
import { RegistryLifecycle } from '../../src/data-plane/registry-lifecycle.ts';
import type { RegistryRecord } from '../../src/ports.ts';
import { startHarness, type Harness } from './harness.ts';

/** Slot 2 is the last one inside the harness' probed port range; each test frees it again. */
const SLOT = 2;

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: false });
}, 120_000);
afterAll(async () => {
  await h?.dispose();
});

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

function ports(record: RegistryRecord): number[] {
  return [
    Number(record.loginServer.split(':')[1]),
    h.dataPlane.layout.registryPort(record.slot),
    h.dataPlane.layout.notaryServerPort(record.slot),
  ];
}

async function portsInUse(record: RegistryRecord): Promise<boolean[]> {
  return Promise.all(ports(record).map(portInUse));
}

const logsDir = () => path.join(h.dataDir, 'logs');
const processNames = (name: string) => [`registry-${name}`, `notary-server-${name}`];
const configFiles = (name: string) => [
  dockerRegistryConfigFile(h.dataPlane.layout.configDir, name),
  notaryServerConfigFile(h.dataPlane.layout.configDir, name),
];
const pidFiles = (name: string) => processNames(name).map((p) => path.join(logsDir(), `${p}.pid`));

/** How many times the supervisor started each process of the registry (one header line per start). */
function startsLogged(name: string): number[] {
  return processNames(name).map((p) => {
    const log = path.join(logsDir(), `${p}.log`);
    return existsSync(log) ? (readFileSync(log, 'utf8').match(/^--- \S+ starting /gm) ?? []).length : 0;
  });
}

/** Processes on this machine whose command line names one of the registry's config files. */
function runningWithConfigOf(name: string): number[] {
  const wanted = configFiles(name);
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.some((arg) => wanted.includes(arg))) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

async function expectServing(record: RegistryRecord): Promise<void> {
  expect(await portsInUse(record)).toEqual([true, true, true]);
  const answer = await new LoginServerClient(record.loginServer, h.caFile).request('GET', '/v2/');
  expect(answer.status).toBe(401); // the registry behind the login server challenges for a token
  expect(runningWithConfigOf(record.name)).toHaveLength(2);
}

async function expectGone(record: RegistryRecord): Promise<void> {
  expect(await portsInUse(record)).toEqual([false, false, false]);
  expect(runningWithConfigOf(record.name)).toEqual([]);
  for (const file of [...configFiles(record.name), ...pidFiles(record.name)]) {
    expect(existsSync(file), file).toBe(false);
  }
  expect(existsSync(h.dataPlane.layout.registryStorage(record.name))).toBe(false);
}

describe('provision and deprovision of a registry', () => {
  it('removes the deleted registry’s config and pid files, keeps its logs, and frees its ports', async () => {
    const record = h.controlPlane.addRegistry('ctpextra', SLOT);
    await h.dataPlane.provisionRegistry(record);
    await expectServing(record);
    for (const file of [...configFiles(record.name), ...pidFiles(record.name)]) {
      expect(existsSync(file), file).toBe(true);
    }

    await h.dataPlane.deprovisionRegistry(record);
    h.controlPlane.removeRegistry(record.name);
    await expectGone(record);
    for (const p of processNames(record.name))
      expect(existsSync(path.join(logsDir(), `${p}.log`))).toBe(true);
    expect(startsLogged(record.name)).toEqual([1, 1]);
  }, 60_000);

  it('runs one set of processes for concurrent provisions, and a deprovision meanwhile stops it', async () => {
    const record = h.controlPlane.addRegistry('ctprace', SLOT);
    const calls = [
      h.dataPlane.provisionRegistry(record),
      h.dataPlane.provisionRegistry(record),
      h.dataPlane.deprovisionRegistry(record),
      h.dataPlane.deprovisionRegistry(record),
    ];
    expect(await Promise.allSettled(calls)).toEqual(
      calls.map(() => ({ status: 'fulfilled', value: undefined })),
    );
    h.controlPlane.removeRegistry(record.name);
    expect(startsLogged(record.name)).toEqual([1, 1]);
    await expectGone(record);
  }, 60_000);

  it('a provision requested during a deprovision starts the registry again once the old one is gone', async () => {
    const record = h.controlPlane.addRegistry('ctpagain', SLOT);
    await h.dataPlane.provisionRegistry(record);
    const deleting = h.dataPlane.deprovisionRegistry(record);
    const recreating = h.dataPlane.provisionRegistry(record);
    await Promise.all([deleting, recreating]);
    expect(startsLogged(record.name)).toEqual([2, 2]);
    await expectServing(record);

    await h.dataPlane.deprovisionRegistry(record);
    h.controlPlane.removeRegistry(record.name);
    await expectGone(record);
  }, 60_000);
});

describe('RegistryLifecycle ordering', () => {
  /** A step that records when it starts and ends and finishes when the test says so. */
  function step(log: string[], label: string) {
    let finish!: (error?: Error) => void;
    const finished = new Promise<void>((resolve, reject) => {
      finish = (error) => (error ? reject(error) : resolve());
    });
    return {
      work: async () => {
        log.push(`${label} start`);
        await finished;
        log.push(`${label} end`);
      },
      finish,
    };
  }
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('joins a repeated step, queues the other one behind it, and keeps registries independent', async () => {
    const lifecycle = new RegistryLifecycle();
    const log: string[] = [];
    const provision = step(log, 'a provision');
    const deprovision = step(log, 'a deprovision');
    const other = step(log, 'b provision');
    const first = lifecycle.run('a', 'provision', provision.work);
    const joined = lifecycle.run('a', 'provision', () => Promise.reject(new Error('must not run')));
    const removal = lifecycle.run('a', 'deprovision', deprovision.work);
    const elsewhere = lifecycle.run('b', 'provision', other.work);
    await tick();
    expect(joined).toBe(first);
    expect(log).toEqual(['a provision start', 'b provision start']);
    provision.finish();
    await tick();
    expect(log).toEqual(['a provision start', 'b provision start', 'a provision end', 'a deprovision start']);
    deprovision.finish();
    other.finish();
    await Promise.all([first, removal, elsewhere, lifecycle.settled()]);
  });

  it('runs the next step after a failed one, and the failure reaches only its own caller', async () => {
    const lifecycle = new RegistryLifecycle();
    const failing = lifecycle.run('a', 'provision', () => Promise.reject(new Error('port in use')));
    const next = lifecycle.run('a', 'deprovision', async () => undefined);
    await expect(failing).rejects.toThrow('port in use');
    await expect(next).resolves.toBeUndefined();
    await lifecycle.settled();
  });
});
