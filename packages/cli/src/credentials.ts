// Credentials for the trust server / registry: flags, then CONTENT_TRUST_USERNAME/PASSWORD (or
// CONTENT_TRUST_REFRESH_TOKEN), then the Docker config.json `auths` entry of the host.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Credentials } from '@ctp/notary';

export interface CredentialFlags {
  username?: string;
  password?: string;
}

function dockerConfigAuth(host: string, env: NodeJS.ProcessEnv): Credentials | undefined {
  const dir = env.DOCKER_CONFIG ?? join(homedir(), '.docker');
  let config: {
    auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  };
  try {
    config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as typeof config;
  } catch {
    return undefined;
  }
  const auths = config.auths ?? {};
  const entry = auths[host] ?? auths[`https://${host}`] ?? auths[`http://${host}`];
  if (!entry) return undefined;
  if (entry.identitytoken)
    return { kind: 'refresh-token', refreshToken: entry.identitytoken, clientId: 'docker' };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0)
      return { kind: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password)
    return { kind: 'basic', username: entry.username, password: entry.password };
  return undefined;
}

export function resolveCredentials(
  host: string,
  flags: CredentialFlags,
  env: NodeJS.ProcessEnv = process.env,
): Credentials {
  const username = flags.username ?? env.CONTENT_TRUST_USERNAME;
  const password = flags.password ?? env.CONTENT_TRUST_PASSWORD;
  if (username && password) return { kind: 'basic', username, password };
  if (env.CONTENT_TRUST_REFRESH_TOKEN)
    return { kind: 'refresh-token', refreshToken: env.CONTENT_TRUST_REFRESH_TOKEN };
  return dockerConfigAuth(host, env) ?? { kind: 'anonymous' };
}
