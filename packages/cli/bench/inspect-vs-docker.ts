// Benchmark (not a test): `content-trust inspect` over N repositories × T signed tags in one invocation
// vs `docker trust inspect` over the same N, against a real notary-server with trust data made by the
// real notary CLI. Both run as processes, as a user runs them; the built CLI (dist/) is used.
// Run: pnpm --filter @ctp/cli bench [N=120] [ROUNDS=3] [--profile DIR] (node --cpu-prof of our runs)
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNotaryServer } from '../../notary/test/support/notary-server.ts';
import { notaryCli } from '../../notary/test/support/notary-cli.ts';
import { digestOf } from '../../notary/test/support/repositories.ts';
import { mapPool } from '@ctp/registry';
import { dockerConfig } from '../test/docker.ts';
import { fetchWithCa } from '../src/tls-fetch.ts';

const positional = process.argv
  .slice(2)
  .filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--profile');
const N = Number(positional[0] ?? 120);
const ROUNDS = Number(positional[1] ?? 3);
const TAGS = ['v1', 'v2', 'v3', 'v4', 'v5'];
const profileAt = process.argv.indexOf('--profile');
const profileDir = profileAt > 0 ? process.argv[profileAt + 1] : undefined;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) =>
    execFile(cmd, args, { env, maxBuffer: 256 << 20 }, (err, stdout) =>
      resolve({ code: err ? 1 : 0, stdout }),
    ),
  );
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const server = await startNotaryServer();
try {
  const guns = Array.from({ length: N }, (_, i) => `${server.hostPort}/bench/repo${i}`);
  console.log(`creating ${N} repositories × ${TAGS.length} signed tags with the notary CLI…`);
  await Promise.all(
    [0, 1].map(async (w) => {
      for (let i = w; i < N; i += 2) {
        const cli = await notaryCli(server, join(server.dir, 'trust', `repo${i}`));
        await cli.run('init', guns[i]!);
        for (const tag of TAGS)
          await cli.run('addhash', guns[i]!, tag, '100', '--sha256', digestOf(`${i}:${tag}`));
        await cli.run('publish', guns[i]!);
      }
    }),
  );
  const bin = fileURLToPath(new URL('../bin/content-trust.js', import.meta.url));
  const nodeFlags = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const ours = () =>
    run(
      process.execPath,
      [...nodeFlags, bin, 'inspect', '--server', server.url, '--ca', server.pki.caCert, ...guns],
      {
        PATH: process.env.PATH,
      },
    );
  await ours(); // builds dist/ if it is stale, outside the measurement
  // The floor of any client: node starting, plus only fetching the four files each GUN needs (root,
  // timestamp, snapshot, targets) with the CLI's fetch and concurrency, new connections, no verification.
  const floor = async () => {
    const fetch = fetchWithCa([server.pki.caCert], 16);
    await mapPool(guns, 16, async (gun) => {
      for (const role of ['root', 'timestamp', 'snapshot', 'targets'])
        await (await fetch(`${server.url}/v2/${gun}/_trust/tuf/${role}.json`)).arrayBuffer();
    });
  };
  const nodeStart = () => run(process.execPath, ['-e', '0'], { PATH: process.env.PATH });
  const times = { docker: [] as number[], ours: [] as number[], floor: [] as number[] };
  let same = true;
  for (let r = 0; r < ROUNDS; r++) {
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DOCKER_CONFIG: dockerConfig(server.hostPort, server.pki.caCert),
      DOCKER_CONTENT_TRUST_SERVER: server.url,
    };
    // Alternated in one run, each with a fresh DOCKER_CONFIG (no trust cache) and a fresh process.
    const [td, d] = await time(() => run('docker', ['trust', 'inspect', ...guns], env));
    const [to, o] = await time(ours);
    rmSync(env.DOCKER_CONFIG, { recursive: true, force: true });
    same &&= d.code === 0 && o.code === 0 && d.stdout === o.stdout;
    times.docker.push(td);
    times.ours.push(to);
    times.floor.push((await time(nodeStart))[0] + (await time(floor))[0]);
  }
  const [docker, mine, fetchFloor] = [median(times.docker), median(times.ours), median(times.floor)];
  console.log(`N=${N} repositories × ${TAGS.length} tags, ${ROUNDS} rounds, medians:`);
  console.log(`  docker trust inspect            ${docker.toFixed(0)} ms`);
  console.log(`  content-trust inspect (built)   ${mine.toFixed(0)} ms`);
  console.log(`  floor: node start + fetch only  ${fetchFloor.toFixed(0)} ms`);
  console.log(`  content-trust is ${(docker / mine).toFixed(2)}× faster (target ≥ 5×)`);
  console.log(
    `  the floor is ${(docker / fetchFloor).toFixed(2)}× faster than docker; content-trust is ${(mine / fetchFloor).toFixed(2)}× the floor`,
  );
  console.log(`  outputs identical: ${same}`);
  if (!same) process.exitCode = 1;
} finally {
  await server.stop();
}
