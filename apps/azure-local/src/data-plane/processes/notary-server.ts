import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CertificateFiles } from '@ctp/local-pki';
import type { SupervisedProcess, Supervisor } from '../../process/supervisor.ts';
import { httpStatus } from './http-probe.ts';
import type { TokenAuthConfig } from './token-auth-config.ts';

export interface NotaryServerOptions {
  /** Registry name, for file and process names. */
  registry: string;
  configDir: string;
  port: number;
  databaseUrl: string;
  signerPort: number;
  caFile: string;
  /** Client certificate presented to notary-signer. */
  signerClientCert: CertificateFiles;
  auth: TokenAuthConfig;
  /** `localhost:<port>/`: the only GUNs this server accepts. */
  gunPrefix: string;
}

/** One notary-server per registry (token `service` must equal the login server); plain HTTP on loopback. */
/** The generated config file of the registry's notary-server (deprovision removes it). */
export function notaryServerConfigFile(configDir: string, registry: string): string {
  return path.join(configDir, `notary-server-${registry}.json`);
}

export async function startNotaryServer(
  supervisor: Supervisor,
  options: NotaryServerOptions,
): Promise<SupervisedProcess> {
  await mkdir(options.configDir, { recursive: true });
  const configFile = notaryServerConfigFile(options.configDir, options.registry);
  const config = {
    server: { http_addr: `127.0.0.1:${options.port}` },
    trust_service: {
      type: 'remote',
      hostname: '127.0.0.1',
      port: String(options.signerPort),
      key_algorithm: 'ecdsa',
      tls_ca_file: options.caFile,
      tls_client_cert: options.signerClientCert.cert,
      tls_client_key: options.signerClientCert.key,
    },
    storage: { backend: 'postgres', db_url: options.databaseUrl },
    auth: {
      type: 'token',
      options: {
        realm: options.auth.realm,
        service: options.auth.service,
        issuer: options.auth.issuer,
        rootcertbundle: options.auth.rootCertBundle,
      },
    },
    repositories: { gun_prefixes: [options.gunPrefix] },
    logging: { level: 'info' },
  };
  await writeFile(configFile, JSON.stringify(config, null, 2), { mode: 0o600 });
  return supervisor.start({
    name: `notary-server-${options.registry}`,
    command: 'notary-server',
    args: ['-config', configFile],
    healthCheck: async () =>
      (await httpStatus(`http://127.0.0.1:${options.port}/_notary_server/health`)) === 200,
  });
}
