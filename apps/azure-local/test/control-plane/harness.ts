import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { ensureLocalCa } from '@ctp/local-pki';
import { repoRoot, type StackConfig } from '../../src/config.ts';
import { startControlPlane, type ControlPlane } from '../../src/control-plane/index.ts';
import { CLI_CLIENT_ID } from '../../src/control-plane/constants.ts';
import type { DataPlanePort, RegistryRecord } from '../../src/ports.ts';
import { Supervisor } from '../../src/process/supervisor.ts';
import { issueServerTls, type StackContext } from '../../src/stack-context.ts';
import { freePortBase } from '../support/free-port-base.ts';

/**
 * Test double of the OTHER half of azure-local (the data plane, built in another issue): it records
 * what ARM asks of it, and lets a test hold a trust-data deletion open to observe the LRO in progress.
 * The full-stack path (real notary-server etc.) is covered by the lead's end-to-end tests.
 */
export class RecordingDataPlane implements DataPlanePort {
  readonly calls: Array<{ op: string; registry: string }> = [];
  private gate: Promise<void> | undefined;
  private release: (() => void) | undefined;
  failNextDeletion: Error | undefined;

  /** The next deleteAllTrustData waits until `releaseDeletion()` is called. */
  holdDeletion(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  releaseDeletion(): void {
    this.release?.();
    this.gate = undefined;
  }

  async provisionRegistry(registry: RegistryRecord): Promise<void> {
    this.calls.push({ op: 'provision', registry: registry.name });
  }

  async deprovisionRegistry(registry: RegistryRecord): Promise<void> {
    this.calls.push({ op: 'deprovision', registry: registry.name });
  }

  async deleteAllTrustData(
    registry: RegistryRecord,
    onProgress?: (progress: { done: number; total: number; gun?: string }) => void,
  ): Promise<{ gunsDeleted: number }> {
    this.calls.push({ op: 'deleteAllTrustData', registry: registry.name });
    const guns = ['app', 'tools/base'].map((r) => `${registry.loginServer}/${r}`);
    onProgress?.({ done: 0, total: guns.length });
    await this.gate;
    if (this.failNextDeletion) {
      const error = this.failNextDeletion;
      this.failNextDeletion = undefined;
      throw error;
    }
    guns.forEach((gun, i) => onProgress?.({ done: i + 1, total: guns.length, gun }));
    return { gunsDeleted: guns.length };
  }

  async trustDataSummary(): Promise<{ repositories: number; signedTags: number }> {
    return { repositories: 2, signedTags: 3 };
  }
}

export interface TestControlPlane {
  cp: ControlPlane;
  dataPlane: RecordingDataPlane;
  ctx: StackContext;
  dataDir: string;
  identities: Record<
    string,
    { objectId: string; userPrincipalName?: string; appId?: string; password?: string }
  >;
  /** A user token via the resource-owner password grant (local passwords). */
  userToken(key: string, scope: string): Promise<string>;
  /** An app-only token via client credentials. */
  appToken(key: string, scope: string): Promise<string>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestControlPlane(options: { dataDir?: string } = {}): Promise<TestControlPlane> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'ctp-control-plane-')));
  // The CA Node trusts through NODE_EXTRA_CA_CERTS (set before vitest starts).
  const caDir = path.resolve(repoRoot, process.env.CTP_CA_DIR ?? '.data/pki');
  const expected = path.join(caDir, 'ca.crt');
  if (process.env.NODE_EXTRA_CA_CERTS !== expected) {
    throw new Error(`run these tests with NODE_EXTRA_CA_CERTS=${expected} (Node reads it only at start)`);
  }
  const ca = await ensureLocalCa(caDir);
  const serverTls = await issueServerTls(ca, dataDir);
  const config: StackConfig = {
    dataDir,
    caDir,
    // The control plane uses +1..+3; the whole stack's range up to +12 is kept free.
    portBase: await freePortBase(13),
    reset: false,
    withPortal: false,
  };
  const supervisor = new Supervisor(path.join(dataDir, 'logs'));
  const ctx: StackContext = { config, ca, serverTls, supervisor, dir: (name) => path.join(dataDir, name) };
  const dataPlane = new RecordingDataPlane();
  let cp = await startControlPlane(ctx, { dataPlane: () => dataPlane });

  const harness: TestControlPlane = {
    get cp() {
      return cp;
    },
    dataPlane,
    ctx,
    dataDir,
    get identities() {
      return Object.fromEntries(cp.describe().identities.map((i) => [i.key, i]));
    },
    async userToken(key, scope) {
      const identity = harness.identities[key]!;
      return token({
        grant_type: 'password',
        client_id: CLI_CLIENT_ID,
        username: identity.userPrincipalName!,
        password: identity.password!,
        scope,
      });
    },
    async appToken(key, scope) {
      const identity = harness.identities[key]!;
      return token({
        grant_type: 'client_credentials',
        client_id: identity.appId!,
        client_secret: identity.password!,
        scope,
      });
    },
    async restart() {
      await cp.stop();
      cp = await startControlPlane(ctx, { dataPlane: () => dataPlane });
    },
    async stop() {
      await cp.stop();
      await supervisor.stopAll();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  async function token(form: Record<string, string>): Promise<string> {
    const issuer = cp.describe().identityProvider!.authority;
    const response = await fetch(`${issuer}/token`, { method: 'POST', body: new URLSearchParams(form) });
    const body = (await response.json()) as {
      access_token?: string;
      error?: string;
      error_description?: string;
    };
    if (!response.ok || !body.access_token)
      throw new Error(`token request failed: ${response.status} ${body.error} ${body.error_description}`);
    return body.access_token;
  }
  return harness;
}

/** Response bodies in assertions: loosely typed on purpose (the assertions check the shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies checked by expect()
export type Loose = Record<string, any>;

/** One ARM request with a bearer token; `url` is absolute or a path on `armEndpoint`. Bodies parsed loosely. */
export async function armRequest(
  armEndpoint: string,
  token: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; headers: Headers; body: Loose | undefined }> {
  const response = await fetch(url.startsWith('https://') ? url : `${armEndpoint}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Loose) : undefined,
  };
}

/** A TokenCredential for the Azure SDKs backed by the local identity provider (password grant for a seeded user). */
export function localCredential(t: TestControlPlane, key: string): TokenCredential {
  return {
    async getToken(scopes): Promise<AccessToken> {
      const scope = Array.isArray(scopes) ? scopes.join(' ') : scopes;
      const token = await t.userToken(key, scope);
      const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
        exp: number;
      };
      return { token, expiresOnTimestamp: exp * 1000 };
    },
  };
}
