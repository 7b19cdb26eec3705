// `npm start` from a checkout inside a folder only its owner may enter (mode 700, as /root is on
// Debian): the stack comes up without opening any folder to other users, stops, and after a restart
// still serves the same trust data from its PostgreSQL cluster (the real notary CLI lists it).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStackState } from '@ctp/azure-local';
import { postgresLocation, runningAsRoot } from '@ctp/azure-local/postgres-location';
import type { StackDescription } from '@ctp/azure-local/stack-file';
import { freePortBase } from '../../../apps/azure-local/test/support/free-port-base.ts';
import { npmStart, type StartedStack } from './support/npm-start.ts';
import { makePrivateCheckout, type PrivateCheckout } from './support/private-checkout.ts';

const execFileAsync = promisify(execFile);

let checkout: PrivateCheckout;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let running: StartedStack | undefined;

beforeAll(async () => {
  checkout = makePrivateCheckout();
  dataDir = path.join(checkout.dir, '.data');
  // A newcomer's shell: none of the settings `npm test` gives its own stack, a free port range.
  env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('CTP_') && key !== 'NODE_EXTRA_CA_CERTS'),
  );
  env.CTP_PORT_BASE = String(await freePortBase(50));
});
afterAll(async () => {
  await running?.stop();
  if (dataDir) await removeStackState(dataDir);
  if (checkout) await rm(checkout.privateDir, { recursive: true, force: true });
});

/** `notary list` of ctpdemo's hello-world as the seeded AcrPull user, with a fresh local trust cache. */
async function listTrust(stack: StackDescription, cacheName: string) {
  const registry = stack.registries.find((r) => r.name === 'ctpdemo');
  const puller = stack.identities.find((i) => i.key === 'puller');
  if (!registry || !puller?.userPrincipalName || !puller.password)
    throw new Error('the stack has no seeded ctpdemo registry or puller');
  const trustDir = path.join(checkout.privateDir, cacheName);
  const gun = `${registry.loginServer}/hello-world`;
  const { stdout } = await execFileAsync(
    'notary',
    [
      '-s',
      `https://${registry.loginServer}`,
      '--tlscacert',
      stack.caCertificate,
      '-d',
      trustDir,
      'list',
      gun,
    ],
    {
      env: {
        ...process.env,
        NOTARY_AUTH: Buffer.from(`${puller.userPrincipalName}:${puller.password}`).toString('base64'),
      },
    },
  );
  return {
    list: stdout,
    root: readFileSync(path.join(trustDir, 'tuf', gun, 'metadata', 'root.json'), 'utf8'),
  };
}

const modes = () => ({
  privateDir: statSync(checkout.privateDir).mode & 0o777,
  checkout: statSync(checkout.dir).mode & 0o777,
  dataDir: statSync(dataDir).mode & 0o777,
});

describe('npm start from a checkout in a mode-700 folder', () => {
  it('comes up, stops, and after a restart finds its registries and trust data', async () => {
    running = await npmStart(checkout.dir, env);
    const first = running.description;
    const firstModes = modes();
    expect(firstModes.privateDir).toBe(0o700);
    const before = await listTrust(first, 'trust-before');
    expect(before.list).toMatch(/^\S+\s+[0-9a-f]{64}\s+\d+\s+targets/m);

    // The banner's data line says where the PostgreSQL cluster lives; nothing alarming is printed.
    const location = postgresLocation(dataDir);
    expect(running.output()).toContain(runningAsRoot() ? `PostgreSQL cluster in ${location.root}` : dataDir);
    expect(running.output()).not.toContain('Unsupported runtime');
    await running.stop();
    running = undefined;
    // PostgreSQL shut down cleanly (it removes postmaster.pid last).
    expect(existsSync(path.join(location.cluster, 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(location.cluster, 'postmaster.pid'))).toBe(false);

    running = await npmStart(checkout.dir, env);
    const second = running.description;
    expect(second.registries).toEqual(first.registries);
    const after = await listTrust(second, 'trust-after');
    expect(after.list).toBe(before.list);
    // The same root of trust: the trust data was kept, not seeded again with new keys.
    expect(after.root).toBe(before.root);
    expect(modes()).toEqual(firstModes);
  });
});
