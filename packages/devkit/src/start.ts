import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { loadStackConfig } from '@ctp/azure-local/config';
import { describePostgresLocation, postgresLocation } from '@ctp/azure-local/postgres-location';
import { ensureLocalCa } from '@ctp/local-pki';
import { caTrustInstructions, isCaTrustedInNssDb, trustCaInNssDb } from './ca-trust.ts';
import { ensureSpaBuilt } from './spa-build.ts';
import { startStackProcess } from './stack-process.ts';

/**
 * `npm start [-- --reset] [-- --trust-ca] [-- --replicas 2]`: builds the SPA if needed, starts the local stack with the
 * portal, prints where to open it and who can sign in, and runs until Ctrl+C.
 */
const args = process.argv.slice(2);
const log = (line: string) => console.log(`[start] ${line}`);
const config = loadStackConfig(process.env, args);
const ca = await ensureLocalCa(config.caDir);

ensureSpaBuilt(log);
if (!isCaTrustedInNssDb(os.homedir())) {
  if (
    args.includes('--trust-ca') ||
    (process.stdin.isTTY &&
      (await ask('Trust the local CA in your browser (NSS database in ~/.pki/nssdb)? [y/N] ')))
  ) {
    log(`CA added to ${trustCaInNssDb(ca.cert, os.homedir())}; restart the browser to pick it up`);
  }
}
const postgres = postgresLocation(config.dataDir);
const dataLine = postgres.outsideDataDir
  ? `data in ${config.dataDir}, ${describePostgresLocation(postgres)}`
  : `data in ${config.dataDir}, its PostgreSQL cluster included`;
log(`starting the local stack (${dataLine}; logs in ${path.join(config.dataDir, 'logs')})…`);
const stack = await startStackProcess({
  env: process.env,
  dataDir: config.dataDir,
  caFile: ca.cert,
  args: stackArgs(args),
  output: 'ignore',
}).catch((error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

const d = stack.description;
const lines = [
  '',
  `  Content Trust Portal is running: ${d.portal?.url ?? '(portal not started)'}`,
  ...((config.replicas ?? 1) > 1
    ? [
        `  (${config.replicas} BFF replicas behind HAProxy, caches shared through Redis; /api/health says which answered)`,
      ]
    : []),
  '',
  '  Sign in on the portal as one of (pick the person on the sign-in page; no password needed):',
  ...d.identities
    .filter((i) => i.kind === 'user')
    .map(
      (i) => `    ${(i.userPrincipalName ?? i.objectId).padEnd(44)} ${i.displayName.padEnd(20)} ${i.summary}`,
    ),
  '',
  '  Service principals (client id; secrets in the stack description):',
  ...d.identities
    .filter((i) => i.kind === 'servicePrincipal')
    .map((i) => `    ${(i.appId ?? i.objectId).padEnd(44)} ${i.displayName.padEnd(20)} ${i.summary}`),
  '',
  '  Registries:',
  ...d.registries.map(
    (r) =>
      `    ${r.name.padEnd(12)} ${r.sku.padEnd(9)} https://${r.loginServer}  content trust ${r.trustPolicy}`,
  ),
  '',
  ...(d.identityProvider ? [`  Identity provider: ${d.identityProvider.authority}`] : []),
  ...(d.arm ? [`  ARM: ${d.arm.endpoint}   Graph: ${d.graph?.endpoint ?? '-'}`] : []),
  `  Stack description: ${path.join(d.dataDir, 'stack.json')}`,
  `  State: ${dataLine}; npm start -- --reset wipes all of it`,
  ...(isCaTrustedInNssDb(os.homedir())
    ? []
    : ['', ...caTrustInstructions(d.caCertificate).map((l) => `  ${l}`)]),
  '',
  '  Press Ctrl+C to stop.',
  '',
];
console.log(lines.join('\n'));

const shutdown = () => void stack.stop().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
stack.child.once('exit', (code) => {
  console.error(
    `[start] the local stack stopped (code ${code}); logs in ${path.join(config.dataDir, 'logs')}`,
  );
  process.exit(code ?? 1);
});

/** What the stack itself takes: --reset, --replicas N (two BFFs behind HAProxy sharing Redis). */
function stackArgs(all: string[]): string[] {
  return all.flatMap((a, i) =>
    a === '--reset' || a.startsWith('--replicas=') ? [a] : a === '--replicas' ? [a, all[i + 1] ?? ''] : [],
  );
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(question);
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}
