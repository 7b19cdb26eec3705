import path from 'node:path';
import type { CertificateFiles, LocalCa } from '@ctp/local-pki';
import type { StackConfig } from './config.ts';
import type { Supervisor } from './process/supervisor.ts';

/** What every part of the stack gets at start: configuration, the CA, TLS for its endpoints, the supervisor. */
export interface StackContext {
  config: StackConfig;
  ca: LocalCa;
  /** Certificate for every HTTPS endpoint on loopback (SAN localhost, 127.0.0.1, ::1). */
  serverTls: CertificateFiles;
  supervisor: Supervisor;
  /** Folder for a part's own files: `<dataDir>/<name>`. */
  dir(name: string): string;
}

/** The stack's `serverTls`, kept in `<dataDir>/tls` (reused while valid). */
export function issueServerTls(ca: LocalCa, dataDir: string): Promise<CertificateFiles> {
  return ca.issue({
    dir: path.join(dataDir, 'tls'),
    name: 'localhost',
    commonName: 'localhost',
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1', '::1'],
    usage: 'server-and-client',
  });
}
