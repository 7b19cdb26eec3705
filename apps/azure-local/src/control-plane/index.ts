import { randomBytes } from 'node:crypto';
import { getRequestListener } from '@hono/node-server';
import { portFor } from '../config.ts';
import type { ControlPlanePort, DataPlaneCaller, DataPlanePort, RegistryRecord } from '../ports.ts';
import type { StackContext } from '../stack-context.ts';
import type { StackDescription } from '../stack-file.ts';
import { createArmApp } from './arm/app.ts';
import { PageSize } from './arm/paging.ts';
import { Throttle, type ThrottleSettings } from './arm/throttle.ts';
import { TrustServerFaults } from './arm/trust-server-faults.ts';
import {
  BFF_API_SCOPE,
  BFF_CLIENT_ID,
  RESOURCES,
  SPA_CLIENT_ID,
  SUBSCRIPTION_ID,
  TENANT_ID,
  CLI_CLIENT_ID,
} from './constants.ts';
import { createGraphApp } from './graph/app.ts';
import { listenHttps } from './http/serve.ts';
import { SigningKeys } from './identity/keys.ts';
import { startIdentityProvider } from './identity/server.ts';
import { isProblem } from './identity/verify.ts';
import { Authorizer } from './rbac/authorizer.ts';
import { RegistryService } from './registry-service.ts';
import { ActivityLogStore } from './state/activity-log.ts';
import { getSetting, openControlPlaneDb, setSetting } from './state/db.ts';
import { DirectoryStore } from './state/directory.ts';
import { OperationStore } from './state/operations.ts';
import { RegistryStore } from './state/registries.ts';
import { ResourceContainerStore } from './state/resources.ts';
import { RoleAssignmentStore } from './state/role-assignments.ts';
import { SEED_PEOPLE, seedIfEmpty } from './state/seed.ts';

/** Emulator-only switches for tests (also reachable over ARM under /_azure-local/). */
export interface LocalControls {
  /** ARM throttling (x-ms-ratelimit-remaining-*, 429 + Retry-After). Off by default. */
  setThrottling(settings: Partial<ThrottleSettings>): ThrottleSettings;
  /** Make a registry answer content-trust enablement with ContentTrustUnsupported (Azure since 2026-05-31). */
  setContentTrustUnsupported(registryName: string, value: boolean): void;
  /** Publish a new IdP signing key and sign with it; previous keys keep verifying. */
  rotateSigningKey(): Promise<string>;
  /**
   * Items per page of ARM's paged lists (role assignments, registries by subscription / resource
   * group); default 100. `undefined` restores the default. Returns the size in force.
   */
  setArmPageSize(size: number | undefined): number;
  /** Resolves when no ARM long-running operation is running. */
  idle(): Promise<void>;
}

/** The running control plane: identity provider, ARM and Graph on HTTPS, RBAC state in SQLite. */
export interface ControlPlane extends ControlPlanePort {
  describe(): Pick<StackDescription, 'identityProvider' | 'arm' | 'graph' | 'identities'>;
  /** Environment for the portal's BFF: authority, client ids, ARM and Graph endpoints. */
  portalSettings(): Record<string, string>;
  controls: LocalControls;
  stop(): Promise<void>;
}

export interface ControlPlaneDependencies {
  /** The data plane, available once it has started (ARM calls it to provision registries and delete trust data). */
  dataPlane: () => DataPlanePort;
}

function persistentSecret(db: Parameters<typeof getSetting>[0], key: string): string {
  let value = getSetting(db, key);
  if (!value) {
    value = randomBytes(32).toString('base64url');
    setSetting(db, key, value);
  }
  return value;
}

export async function startControlPlane(
  ctx: StackContext,
  deps: ControlPlaneDependencies,
): Promise<ControlPlane> {
  const db = openControlPlaneDb(ctx.dir('control-plane'));
  const closers: Array<() => Promise<void> | void> = [() => void db.close()];
  const stopAll = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    seedIfEmpty(db);
    const directory = new DirectoryStore(db);
    const containers = new ResourceContainerStore(db);
    const assignments = new RoleAssignmentStore(db);
    const operations = new OperationStore(db);
    const activity = new ActivityLogStore(db);
    const authorizer = new Authorizer(assignments, directory);
    const keys = new SigningKeys(db);
    await keys.ensure();

    const identityPort = portFor(ctx.config, 'identity');
    const armPort = portFor(ctx.config, 'arm');
    const graphPort = portFor(ctx.config, 'graph');
    const portalOrigin = `https://localhost:${portFor(ctx.config, 'portal')}`;
    const armEndpoint = `https://localhost:${armPort}`;
    const graphEndpoint = `https://localhost:${graphPort}`;
    const loginServerFor = (slot: number) => `localhost:${portFor(ctx.config, 'loginServerFirst', slot)}`;

    // The SPA may run behind the BFF (portal port) or from the Vite dev server (5173).
    const spaOrigins = [portalOrigin, 'https://localhost:5173', 'http://localhost:5173'];
    const bffClientSecret = directory.bySeedKey('bff')!.localSecret!;
    const idp = await startIdentityProvider({
      db,
      directory,
      keys,
      tls: ctx.serverTls,
      port: identityPort,
      cookieKeys: [persistentSecret(db, 'idp-cookie-key')],
      bffClientSecret,
      spaRedirectUris: spaOrigins.flatMap((o) => [`${o}/`, `${o}/redirect.html`, `${o}/redirect`]),
      spaPostLogoutRedirectUris: spaOrigins.map((o) => `${o}/`),
    });
    closers.push(() => idp.stop());

    const registries = new RegistryService({
      registries: new RegistryStore(db),
      operations,
      assignments,
      directory,
      activity,
      dataPlane: deps.dataPlane,
      loginServerFor,
      newRegistriesRefuseContentTrust: () => process.env.CTP_DCT_ENABLEMENT_BLOCKED === '1',
    });
    closers.push(() => registries.stop());
    const throttle = new Throttle();
    const pageSize = new PageSize();
    const trustServerFaults = new TrustServerFaults();

    const armApp = createArmApp({
      directory,
      containers,
      registries,
      assignments,
      authorizer,
      activity,
      operations,
      throttle,
      trustServerFaults,
      verifyToken: (token) =>
        idp.verifier.verify(token, [RESOURCES.arm, 'https://management.core.windows.net']),
      endpoint: () => armEndpoint,
      rotateSigningKey: () => idp.rotateSigningKey(),
      pageSize: () => pageSize.get(),
      processes: () => ctx.supervisor.status(),
    });
    const arm = await listenHttps(ctx.serverTls, armPort, getRequestListener(armApp.fetch));
    closers.push(() => arm.close());
    const graphApp = createGraphApp({ directory, verifier: idp.verifier, endpoint: () => graphEndpoint });
    const graph = await listenHttps(ctx.serverTls, graphPort, getRequestListener(graphApp.fetch));
    closers.push(() => graph.close());

    registries.resumeUnfinished();

    const findRegistry = (loginServer: string) =>
      registries.list().find((r) => loginServerFor(r.slot).toLowerCase() === loginServer.toLowerCase());

    const controlPlane: ControlPlane = {
      seededPrincipals: () =>
        SEED_PEOPLE.map((person) => {
          const object = directory.bySeedKey(person.key)!;
          return {
            kind: 'principal' as const,
            objectId: object.id,
            displayName: object.displayName,
            principalType:
              person.kind === 'servicePrincipal' ? ('ServicePrincipal' as const) : ('User' as const),
          };
        }),
      describe: () => ({
        identityProvider: {
          authority: idp.issuer,
          tenantId: TENANT_ID,
          spaClientId: SPA_CLIENT_ID,
          bffClientId: BFF_CLIENT_ID,
          bffApiScope: BFF_API_SCOPE,
          cliClientId: CLI_CLIENT_ID,
        },
        arm: { endpoint: armEndpoint, subscriptionId: SUBSCRIPTION_ID },
        graph: { endpoint: graphEndpoint },
        identities: SEED_PEOPLE.map((person) => {
          const object = directory.bySeedKey(person.key)!;
          return {
            key: person.key,
            kind: person.kind,
            objectId: object.id,
            displayName: object.displayName,
            ...(object.userPrincipalName ? { userPrincipalName: object.userPrincipalName } : {}),
            ...(object.appId ? { appId: object.appId } : {}),
            summary: person.summary,
            ...(object.localSecret ? { password: object.localSecret } : {}),
          };
        }),
      }),
      /**
       * Environment for apps/bff:
       * - BFF_AUTHORITY: issuer/authority of the IdP (https://localhost:<base+1>/<tenant>/v2.0); MSAL knownAuthorities = its host
       * - BFF_TENANT_ID: the local tenant id
       * - BFF_CLIENT_ID / BFF_CLIENT_SECRET: the BFF's confidential client (OBO to ARM and Graph)
       * - BFF_API_AUDIENCE: `aud` of tokens the SPA sends to the BFF (api://content-trust-bff); BFF_API_SCOPE the full scope
       * - SPA_CLIENT_ID: the SPA's public client (auth code + PKCE), SPA_AUTHORITY same as BFF_AUTHORITY
       * - ARM_ENDPOINT / ARM_SCOPE, GRAPH_ENDPOINT / GRAPH_SCOPE: downstream APIs and the scopes to request for them
       * - AZURE_SUBSCRIPTION_ID: the local subscription
       * - IDP_JWKS_URI: the JWKS to verify tokens with (also in discovery)
       */
      portalSettings: () => ({
        BFF_AUTHORITY: idp.issuer,
        BFF_TENANT_ID: TENANT_ID,
        BFF_CLIENT_ID,
        BFF_CLIENT_SECRET: bffClientSecret,
        BFF_API_AUDIENCE: RESOURCES.bff,
        BFF_API_SCOPE,
        SPA_CLIENT_ID,
        SPA_AUTHORITY: idp.issuer,
        ARM_ENDPOINT: armEndpoint,
        ARM_SCOPE: `${RESOURCES.arm}/user_impersonation`,
        GRAPH_ENDPOINT: graphEndpoint,
        GRAPH_SCOPE: `${RESOURCES.graph}/.default`,
        AZURE_SUBSCRIPTION_ID: SUBSCRIPTION_ID,
        IDP_JWKS_URI: `${idp.issuer}/jwks`,
        IDP_CLI_CLIENT_ID: CLI_CLIENT_ID,
      }),
      controls: {
        setThrottling: (settings) => throttle.configure(settings),
        setContentTrustUnsupported: (name, value) => {
          const registry = registries.list().find((r) => r.name.toLowerCase() === name.toLowerCase());
          if (!registry) throw new Error(`no registry named ${name}`);
          registries.setContentTrustUnsupported(registry.resourceId, value);
        },
        rotateSigningKey: () => idp.rotateSigningKey(),
        setArmPageSize: (size) => pageSize.set(size),
        idle: () => registries.idle(),
      },
      stop: stopAll,

      listRegistries: () => registries.list().map((r) => registries.toRecord(r)),
      findRegistryByLoginServer: (loginServer) => {
        const found = findRegistry(loginServer);
        return found && registries.toRecord(found);
      },
      authenticateBasic: (
        registry: RegistryRecord,
        username: string,
        password: string,
      ): DataPlaneCaller | undefined => {
        const current = registries.get(registry.resourceId);
        if (current && username.toLowerCase() === current.name.toLowerCase()) {
          // Registry admin account: only while adminUserEnabled, with either of its two passwords.
          if (!current.adminUserEnabled) return undefined;
          return current.adminPasswords.some((p) =>
            DirectoryStore.secretMatches({ localSecret: p } as never, password),
          )
            ? { kind: 'registry-admin', registry: current.name }
            : undefined;
        }
        // LOCAL-ONLY: seeded users' passwords and service principals' client secrets.
        const principal = directory.byUserPrincipalName(username) ?? directory.byAppId(username);
        if (!principal || principal.registryAdminOf || !DirectoryStore.secretMatches(principal, password))
          return undefined;
        return {
          kind: 'principal',
          objectId: principal.id,
          displayName: principal.displayName,
          principalType: principal.kind === 'user' ? 'User' : 'ServicePrincipal',
        };
      },
      verifyEntraAccessToken: async (accessToken) => {
        const verified = await idp.verifier.verify(accessToken, [
          RESOURCES.arm,
          'https://management.core.windows.net',
          RESOURCES.acr,
        ]);
        if (isProblem(verified)) return undefined;
        const principal = directory.get(verified.objectId);
        if (!principal || principal.kind === 'group') return undefined;
        return {
          kind: 'principal',
          objectId: principal.id,
          displayName: principal.displayName,
          principalType: principal.kind === 'user' ? 'User' : 'ServicePrincipal',
        };
      },
      permissionsAt: (principalObjectId, scope) => authorizer.permissionsAt(principalObjectId, scope),
      isClassicAdministrator: (principalObjectId) =>
        Boolean(directory.get(principalObjectId)?.classicAdminRole),
      onRegistryChange: (listener) => registries.onChange(listener),
      takeTrustServerFault: (loginServer, gun, tufPath) => trustServerFaults.take(loginServer, gun, tufPath),
    };
    return controlPlane;
  } catch (error) {
    await stopAll();
    throw error;
  }
}
