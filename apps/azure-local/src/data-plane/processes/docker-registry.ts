import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SupervisedProcess, Supervisor } from '../../process/supervisor.ts';
import { httpStatus } from './http-probe.ts';
import type { TokenAuthConfig } from './token-auth-config.ts';

export interface DockerRegistryOptions {
  registry: string;
  configDir: string;
  storageDir: string;
  port: number;
  /** Same value on every start: it signs upload state across restarts. */
  httpSecret: string;
  auth: TokenAuthConfig;
}

/** distribution 2.8 (Debian's docker-registry) per registry, filesystem storage, plain HTTP on loopback. */
/** The generated config file of the registry's docker-registry (deprovision removes it). */
export function dockerRegistryConfigFile(configDir: string, registry: string): string {
  return path.join(configDir, `registry-${registry}.yml`);
}

export async function startDockerRegistry(
  supervisor: Supervisor,
  options: DockerRegistryOptions,
): Promise<SupervisedProcess> {
  await mkdir(options.configDir, { recursive: true });
  await mkdir(options.storageDir, { recursive: true });
  const configFile = dockerRegistryConfigFile(options.configDir, options.registry);
  // JSON is valid YAML, so no YAML writer is needed for this flat document.
  const config = {
    version: 0.1,
    log: { level: 'info', formatter: 'text' },
    storage: {
      filesystem: { rootdirectory: options.storageDir },
      delete: { enabled: true },
      maintenance: { uploadpurging: { enabled: false } },
    },
    http: {
      addr: `127.0.0.1:${options.port}`,
      secret: options.httpSecret,
      headers: { 'X-Content-Type-Options': ['nosniff'] },
    },
    auth: {
      token: {
        realm: options.auth.realm,
        service: options.auth.service,
        issuer: options.auth.issuer,
        rootcertbundle: options.auth.rootCertBundle,
      },
    },
  };
  await writeFile(configFile, JSON.stringify(config, null, 2), { mode: 0o600 });
  return supervisor.start({
    name: `registry-${options.registry}`,
    command: 'docker-registry',
    args: ['serve', configFile],
    // With token auth on, a serving registry answers the /v2/ ping with 401.
    healthCheck: async () => (await httpStatus(`http://127.0.0.1:${options.port}/v2/`)) === 401,
  });
}
