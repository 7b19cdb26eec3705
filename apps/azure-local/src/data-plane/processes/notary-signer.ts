import { readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import tls from 'node:tls';
import type { CertificateFiles } from '@ctp/local-pki';
import type { SupervisedProcess, Supervisor } from '../../process/supervisor.ts';

const KEY_ALIAS = 'ctpsigner';

export interface NotarySignerOptions {
  configDir: string;
  port: number;
  databaseUrl: string;
  /** Passphrase that encrypts the server-managed private keys in the signer database. */
  passphrase: string;
  serverCert: CertificateFiles;
  /** CA that issued the notary-servers' client certificates (mutual TLS). */
  caFile: string;
  /** A client certificate, used only by the health check's TLS handshake. */
  clientCert: CertificateFiles;
}

/** notary-signer: holds the timestamp/snapshot keys notary-server manages, gRPC over mutual TLS. */
export async function startNotarySigner(
  supervisor: Supervisor,
  options: NotarySignerOptions,
): Promise<SupervisedProcess> {
  await mkdir(options.configDir, { recursive: true });
  const configFile = path.join(options.configDir, 'notary-signer.json');
  const config = {
    server: {
      grpc_addr: `127.0.0.1:${options.port}`,
      tls_cert_file: options.serverCert.cert,
      tls_key_file: options.serverCert.key,
      client_ca_file: options.caFile,
    },
    logging: { level: 'info' },
    storage: { backend: 'postgres', db_url: options.databaseUrl, default_alias: KEY_ALIAS },
  };
  await writeFile(configFile, JSON.stringify(config, null, 2), { mode: 0o600 });
  const [ca, cert, key] = await Promise.all([
    readFile(options.caFile),
    readFile(options.clientCert.cert),
    readFile(options.clientCert.key),
  ]);
  return supervisor.start({
    name: 'notary-signer',
    command: 'notary-signer',
    args: ['-config', configFile],
    env: {
      ...process.env,
      // The alias' passphrase comes from the environment, never from the config file.
      [`NOTARY_SIGNER_${KEY_ALIAS.toUpperCase()}`]: options.passphrase,
      [`NOTARY_SIGNER_${KEY_ALIAS}`]: options.passphrase,
    },
    healthCheck: () => mutualTlsHandshake(options.port, { ca, cert, key }),
  });
}

function mutualTlsHandshake(
  port: number,
  credentials: { ca: Buffer; cert: Buffer; key: Buffer },
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tls.connect(
      { host: '127.0.0.1', port, servername: 'localhost', ALPNProtocols: ['h2'], ...credentials },
      () => {
        socket.end();
        resolve(true);
      },
    );
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(false));
  });
}
