import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ControlPlanePort, DataPlanePort, RegistryRecord } from '../ports.ts';
import type { SupervisedProcess } from '../process/supervisor.ts';
import type { StackContext } from '../stack-context.ts';
import { dataPlaneLayout, gunPrefix, type DataPlaneLayout } from './layout.ts';
import { startLoginServer, type LoginServer } from './login-server/server.ts';
import { dockerRegistryConfigFile, startDockerRegistry } from './processes/docker-registry.ts';
import { notaryServerConfigFile, startNotaryServer } from './processes/notary-server.ts';
import { startNotarySigner } from './processes/notary-signer.ts';
import { startPostgres } from './processes/postgres.ts';
import type { TokenAuthConfig } from './processes/token-auth-config.ts';
import { ensureNotarySchemas, SERVER_DATABASE, SIGNER_DATABASE } from './schema.ts';
import { loadOrCreateSecrets, type DataPlaneSecrets } from './secrets.ts';
import { RegistryLifecycle } from './registry-lifecycle.ts';
import { seedRegistries } from './seed/seed.ts';
import { TOKEN_ISSUER, TokenIssuer } from './token/issuer.ts';
import { deleteAllTrustData, trustDeletionPending } from './trust-deletion.ts';
import { TrustStore } from './trust-store.ts';
import { upstreamRequest } from './upstream.ts';

/** The running data plane: PostgreSQL, notary-signer/server, docker-registry and login servers. */
export interface DataPlane extends DataPlanePort {
  /** Mints ACR refresh tokens for a principal (the seed and the publish tool sign in this way, as `az acr login` does). */
  readonly issuer: TokenIssuer;
  readonly layout: DataPlaneLayout;
  stop(): Promise<void>;
}

export interface DataPlaneOptions {
  /** Seed images and trust data into the registries on first start (default true). */
  seed?: boolean;
}

interface RegistryRuntime {
  record: RegistryRecord;
  processes: SupervisedProcess[];
  loginServer: LoginServer;
}

/**
 * Starts PostgreSQL (own cluster), creates the notary schemas, starts notary-signer, then per registry a
 * docker-registry, a notary-server and an HTTPS login server; seeds on first start.
 */
export async function startDataPlane(
  ctx: StackContext,
  controlPlane: ControlPlanePort,
  options: DataPlaneOptions = {},
): Promise<DataPlane> {
  const layout = dataPlaneLayout(ctx);
  const secrets = await loadOrCreateSecrets(layout.secretsFile);
  const tls = await issueCertificates(ctx, layout);
  const issuer = await TokenIssuer.fromFiles(tls.tokenSigning);

  const ownProcesses: SupervisedProcess[] = [];
  const runtimes = new Map<string, RegistryRuntime>();
  const lifecycle = new RegistryLifecycle();
  let trustStore: TrustStore | undefined;
  const stop = async () => {
    // A provision still starting would otherwise add processes after this stop.
    await lifecycle.settled();
    for (const runtime of [...runtimes.values()]) await stopRuntime(runtime);
    runtimes.clear();
    await trustStore?.close().catch(() => undefined);
    for (const proc of ownProcesses.splice(0).reverse()) await proc.stop();
  };

  try {
    const postgres = await startPostgres(ctx.supervisor, {
      dataDir: layout.root,
      location: layout.postgres,
      port: layout.postgresPort,
      password: secrets.postgresPassword,
    });
    ownProcesses.push(postgres.process);
    await ensureNotarySchemas(postgres);
    trustStore = new TrustStore(postgres.url(SERVER_DATABASE));
    ownProcesses.push(
      await startNotarySigner(ctx.supervisor, {
        configDir: layout.configDir,
        port: layout.signerPort,
        databaseUrl: postgres.url(SIGNER_DATABASE),
        passphrase: secrets.signerPassphrase,
        serverCert: tls.signer,
        caFile: ctx.ca.cert,
        clientCert: tls.signerClient,
      }),
    );
    const store = trustStore;

    // Provision and deprovision of one registry never overlap (see RegistryLifecycle); a provision
    // called while another is pending joins it (single flight).
    const startIfStopped = async (record: RegistryRecord): Promise<void> => {
      if (runtimes.has(record.name)) return;
      runtimes.set(
        record.name,
        await startRuntime(ctx, layout, secrets, tls, record, controlPlane, issuer, store),
      );
    };
    const provision = (record: RegistryRecord): Promise<void> =>
      lifecycle.run(record.name, 'provision', () => startIfStopped(record));

    const internalHeaders = async (
      record: RegistryRecord,
      name: string,
      actions: string[],
      type = 'repository',
    ) => ({
      host: record.loginServer,
      authorization: `Bearer ${(await issuer.mintAccessToken(record.loginServer, 'azure-local-data-plane', [{ type, name, actions }])).token}`,
    });

    const repositoryGuns = async (record: RegistryRecord): Promise<string[]> => {
      const repositories: string[] = [];
      let next: string | undefined = '/v2/_catalog?n=1000';
      while (next) {
        const answer = await upstreamRequest(
          layout.registryPort(record.slot),
          'GET',
          next,
          await internalHeaders(record, 'catalog', ['*'], 'registry'),
        );
        if (answer.status !== 200)
          throw new Error(`the registry of ${record.name} answered ${answer.status} to its catalog`);
        repositories.push(
          ...((JSON.parse(answer.body.toString('utf8')) as { repositories?: string[] }).repositories ?? []),
        );
        const link = /<([^>]+)>;\s*rel="next"/.exec(String(answer.headers.link ?? ''))?.[1];
        next = link
          ? new URL(link, 'http://upstream').pathname + new URL(link, 'http://upstream').search
          : undefined;
      }
      return repositories.map((r) => `${gunPrefix(record)}${r}`);
    };

    const deleteTrust: DataPlanePort['deleteAllTrustData'] = async (record, onProgress) =>
      deleteAllTrustData(
        {
          registry: record.name,
          journalFile: layout.trustDeletionJournal(record.name),
          repositoryGuns: () => repositoryGuns(record),
          gunsWithTrustData: () => store.gunsWithTrustData(gunPrefix(record)),
          deleteGun: async (gun) => {
            const answer = await upstreamRequest(
              layout.notaryServerPort(record.slot),
              'DELETE',
              `/v2/${gun}/_trust/tuf/`,
              await internalHeaders(record, gun, ['*']),
            );
            if (answer.status !== 200 && answer.status !== 404) {
              throw new Error(
                `notary-server refused to delete the trust data of ${gun}: ${answer.status} ${answer.body.toString('utf8')}`,
              );
            }
          },
        },
        onProgress,
      );

    const dataPlane: DataPlane = {
      issuer,
      layout,
      stop,
      provisionRegistry: provision,
      deprovisionRegistry: (record) =>
        lifecycle.run(record.name, 'deprovision', async () => {
          // The trust data is deleted through the registry's own notary-server, so it must be running.
          await startIfStopped(record);
          await deleteTrust(record);
          const runtime = runtimes.get(record.name);
          runtimes.delete(record.name);
          if (runtime) await stopRuntime(runtime);
          await rm(layout.registryStorage(record.name), { recursive: true, force: true });
          await removeGeneratedFiles(layout, record);
        }),
      deleteAllTrustData: deleteTrust,
      trustDataSummary: async (record) => {
        const counts = await store.signedTagCounts(gunPrefix(record));
        return { repositories: counts.size, signedTags: [...counts.values()].reduce((a, b) => a + b, 0) };
      },
    };

    for (const record of controlPlane.listRegistries()) await provision(record);
    // A deletion interrupted by a crash or stop is finished at the next start.
    for (const record of controlPlane.listRegistries()) {
      if (trustDeletionPending(layout.trustDeletionJournal(record.name))) await deleteTrust(record);
    }
    // Registry creation and deletion reach the data plane through DataPlanePort (ARM calls
    // provisionRegistry / deprovisionRegistry), never through change events as well: doing the same work
    // from two paths raced for the registry's ports.
    if (options.seed !== false) await seedRegistries(ctx, dataPlane, controlPlane, secrets);
    return dataPlane;
  } catch (error) {
    await stop();
    throw error;
  }
}

interface DataPlaneTls {
  signer: { cert: string; key: string };
  signerClient: { cert: string; key: string };
  tokenSigning: { cert: string; key: string };
  rootCertBundle: string;
}

async function issueCertificates(ctx: StackContext, layout: DataPlaneLayout): Promise<DataPlaneTls> {
  const loopback = { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] };
  const signer = await ctx.ca.issue({
    dir: layout.tlsDir,
    name: 'notary-signer',
    commonName: 'notary-signer',
    ...loopback,
    usage: 'server',
  });
  const signerClient = await ctx.ca.issue({
    dir: layout.tlsDir,
    name: 'notary-server-client',
    commonName: 'notary-server',
    usage: 'client',
  });
  const tokenSigning = await ctx.ca.issue({
    dir: layout.tlsDir,
    name: 'token-signing',
    commonName: 'Azure Container Registry token signing (local)',
    usage: 'signing',
  });
  // The upstreams verify token signatures against this bundle: exactly the token-signing certificate.
  // Never the CA as well: it issued the TLS and notary certificates too, and with it in the bundle any
  // key the CA certified (the TLS key served to every browser's process) could mint registry tokens.
  const rootCertBundle = path.join(layout.tlsDir, 'token-rootcertbundle.pem');
  await mkdir(layout.tlsDir, { recursive: true });
  await writeFile(rootCertBundle, await readFile(tokenSigning.cert, 'utf8'));
  return { signer, signerClient, tokenSigning, rootCertBundle };
}

async function startRuntime(
  ctx: StackContext,
  layout: DataPlaneLayout,
  secrets: DataPlaneSecrets,
  tls: DataPlaneTls,
  record: RegistryRecord,
  controlPlane: ControlPlanePort,
  issuer: TokenIssuer,
  store: TrustStore,
): Promise<RegistryRuntime> {
  const auth: TokenAuthConfig = {
    realm: `https://${record.loginServer}/oauth2/token`,
    service: record.loginServer,
    issuer: TOKEN_ISSUER,
    rootCertBundle: tls.rootCertBundle,
  };
  const processes: SupervisedProcess[] = [];
  try {
    processes.push(
      await startDockerRegistry(ctx.supervisor, {
        registry: record.name,
        configDir: layout.configDir,
        storageDir: layout.registryStorage(record.name),
        port: layout.registryPort(record.slot),
        httpSecret: secrets.registryHttpSecret,
        auth,
      }),
    );
    processes.push(
      await startNotaryServer(ctx.supervisor, {
        registry: record.name,
        configDir: layout.configDir,
        port: layout.notaryServerPort(record.slot),
        databaseUrl: `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${layout.postgresPort}/${SERVER_DATABASE}?sslmode=disable`,
        signerPort: layout.signerPort,
        caFile: ctx.ca.cert,
        signerClientCert: tls.signerClient,
        auth,
        gunPrefix: gunPrefix(record),
      }),
    );
    const loginServer = await startLoginServer({
      controlPlane,
      issuer,
      tls: ctx.serverTls,
      loginServer: record.loginServer,
      registryPort: layout.registryPort(record.slot),
      notaryServerPort: layout.notaryServerPort(record.slot),
      registryStorageDir: layout.registryStorage(record.name),
      trustDeletionPending: (name) => trustDeletionPending(layout.trustDeletionJournal(name)),
      lookupTargetNames: (gun) => store.lookupTargetNames(gun),
    });
    return { record, processes, loginServer };
  } catch (error) {
    for (const proc of processes.reverse()) await proc.stop();
    throw error;
  }
}

/**
 * After a deprovision: the registry's generated config files (they hold its HTTP secret and database URL).
 * The supervisor removes each process's pid file when it exits. The process logs stay on purpose: they
 * are what explains a registry's last hours after it was deleted.
 */
async function removeGeneratedFiles(layout: DataPlaneLayout, record: RegistryRecord): Promise<void> {
  const files = [
    dockerRegistryConfigFile(layout.configDir, record.name),
    notaryServerConfigFile(layout.configDir, record.name),
  ];
  await Promise.all(files.map((file) => rm(file, { force: true })));
}

async function stopRuntime(runtime: RegistryRuntime): Promise<void> {
  await runtime.loginServer.close();
  for (const proc of [...runtime.processes].reverse()) await proc.stop();
}
