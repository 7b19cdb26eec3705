import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * A HOME for the test browser whose NSS database trusts the local CA (`<repo>/.data/pki/ca.crt` unless
 * CTP_CA_DIR says otherwise). Created once per data folder; certutil comes from libnss3-tools.
 */
export function chromiumHome(dataDir: string): string {
  const home = path.join(dataDir, 'chromium-home');
  const db = path.join(home, '.pki/nssdb');
  const caFile = path.join(
    path.resolve(process.env.CTP_CA_DIR ?? path.join(import.meta.dirname, '../../.data/pki')),
    'ca.crt',
  );
  if (!existsSync(path.join(db, 'cert9.db'))) {
    mkdirSync(db, { recursive: true });
    execFileSync('certutil', ['-d', `sql:${db}`, '-N', '--empty-password']);
  }
  // Re-add every time: cheap, and it follows a regenerated CA.
  execFileSync('certutil', ['-d', `sql:${db}`, '-A', '-t', 'C,,', '-n', 'ctp-local-ca', '-i', caFile]);
  return home;
}
