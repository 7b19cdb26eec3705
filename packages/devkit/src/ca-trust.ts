import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const nickname = 'Content Trust Portal local CA';

/** Adds the CA to an NSS database (what Chromium and Firefox on Linux read), creating the database if needed. */
export function trustCaInNssDb(caFile: string, home: string): string {
  const db = path.join(home, '.pki/nssdb');
  if (!existsSync(path.join(db, 'cert9.db'))) {
    mkdirSync(db, { recursive: true });
    execFileSync('certutil', ['-d', `sql:${db}`, '-N', '--empty-password']);
  }
  execFileSync('certutil', ['-d', `sql:${db}`, '-A', '-t', 'C,,', '-n', nickname, '-i', caFile]);
  return db;
}

export function isCaTrustedInNssDb(home: string): boolean {
  const db = path.join(home, '.pki/nssdb');
  if (!existsSync(path.join(db, 'cert9.db'))) return false;
  try {
    execFileSync('certutil', ['-d', `sql:${db}`, '-L', '-n', nickname], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function caTrustInstructions(caFile: string): string[] {
  return [
    `The portal uses HTTPS with a local CA: ${caFile}`,
    'To open it without a certificate warning, trust that CA in your browser:',
    `  Chromium/Chrome/Firefox on Linux:  certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "${nickname}" -i ${caFile}`,
    '  (or run `npm start -- --trust-ca` to do that for you), or import it in the browser settings',
    '  (Certificates > Authorities > Import, trust for websites).',
  ];
}
