// `pnpm bench [--quick]`: the bench process needs the local CA in NODE_EXTRA_CA_CERTS, which Node reads
// only at start — so this makes sure the CA exists, then runs main.ts with it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '@ctp/azure-local/config';
import { ensureLocalCa } from '@ctp/local-pki';

const ca = await ensureLocalCa(path.join(repoRoot, '.data/pki'));
const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', path.join(import.meta.dirname, 'main.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: ca.cert },
  },
);
process.exit(run.status ?? 1);
