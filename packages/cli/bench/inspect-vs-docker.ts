// Benchmark (not a test): `content-trust inspect` over N repositories vs `docker trust inspect` over
// the same N, against a real notary-server with trust data made by the real notary CLI.
// Run: pnpm --filter @ctp/cli exec tsx bench/inspect-vs-docker.ts [N=20] [ROUNDS=3]
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startNotaryServer } from '../../notary/test/support/notary-server.ts';
import { notaryCli } from '../../notary/test/support/notary-cli.ts';
import { digestOf } from '../../notary/test/support/repositories.ts';
import { join } from 'node:path';
import { main } from '../src/main.ts';
import { dockerConfig } from '../test/docker.ts';

const N = Number(process.argv[2] ?? 20);
const ROUNDS = Number(process.argv[3] ?? 3);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) =>
    execFile(cmd, args, { env, maxBuffer: 64 << 20 }, (err, stdout) =>
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
  console.log(`creating ${N} signed repositories with the notary CLI…`);
  await Promise.all(
    [0, 1].map(async (w) => {
      for (let i = w; i < N; i += 2) {
        const cli = await notaryCli(server, join(server.dir, 'trust', `repo${i}`));
        await cli.run('init', guns[i]!, '-p');
        for (const tag of ['v1', 'v2', 'v3'])
          await cli.run('addhash', guns[i]!, tag, '100', '--sha256', digestOf(`${i}:${tag}`));
        await cli.run('publish', guns[i]!);
      }
    }),
  );
  const ours = (extra: string[] = []) => {
    let out = '';
    return main(['inspect', '--server', server.url, '--ca', server.pki.caCert, ...extra, ...guns], {
      stdout: (s) => (out += s),
      stderr: () => {},
      env: {},
    }).then((code) => ({ code, stdout: out }));
  };
  const bin = fileURLToPath(new URL('../bin/content-trust.js', import.meta.url));
  const results: Record<string, number[]> = { docker: [], dockerWarm: [], oursInProcess: [], oursBin: [] };
  let same = true;
  for (let r = 0; r < ROUNDS; r++) {
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DOCKER_CONFIG: dockerConfig(server.hostPort, server.pki.caCert),
      DOCKER_CONTENT_TRUST_SERVER: server.url,
    };
    const [td, d] = await time(() => run('docker', ['trust', 'inspect', ...guns], env));
    const [tdw] = await time(() => run('docker', ['trust', 'inspect', ...guns], env)); // with Docker's trust cache
    const [to, o] = await time(() => ours());
    const [tb, b] = await time(() =>
      run(process.execPath, [bin, 'inspect', '--server', server.url, '--ca', server.pki.caCert, ...guns], {}),
    );
    rmSync(env.DOCKER_CONFIG, { recursive: true, force: true });
    same &&= d.stdout === o.stdout && o.stdout === b.stdout && d.code === 0;
    results.docker!.push(td);
    results.dockerWarm!.push(tdw);
    results.oursInProcess!.push(to);
    results.oursBin!.push(tb);
  }
  const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
  console.log(`N=${N} repositories, ${ROUNDS} rounds, medians (ms):`);
  console.log(`  docker trust inspect (fresh DOCKER_CONFIG)    ${m.docker!.toFixed(0)}`);
  console.log(`  docker trust inspect (warm trust cache)       ${m.dockerWarm!.toFixed(0)}`);
  console.log(
    `  content-trust inspect, process (node + tsx)   ${m.oursBin!.toFixed(0)}   ratio vs docker ${(m.oursBin! / m.docker!).toFixed(2)}`,
  );
  console.log(
    `  content-trust inspect, in-process (cold)      ${m.oursInProcess!.toFixed(0)}   ratio vs docker ${(m.oursInProcess! / m.docker!).toFixed(2)}`,
  );
  console.log(`  outputs identical: ${same}`);
} finally {
  await server.stop();
}
