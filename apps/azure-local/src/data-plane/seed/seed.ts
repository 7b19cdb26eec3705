import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ControlPlanePort, DataPlaneCaller, DataPlanePort, RegistryRecord } from '../../ports.ts';
import type { StackContext } from '../../stack-context.ts';
import { buildTinyImage } from '../client/images.ts';
import { LoginServerClient, type Credentials } from '../client/login-server-client.ts';
import { ensureSignerKey, initAndSign, type NotaryCliOptions } from '../client/notary-cli.ts';
import type { DataPlaneLayout } from '../layout.ts';
import { REFRESH_TOKEN_USERNAME } from '../login-server/token-service.ts';
import type { DataPlaneSecrets } from '../secrets.ts';
import { rightsOf } from '../token/authorization.ts';
import type { TokenIssuer } from '../token/issuer.ts';
import { seedPlanFor } from './plan.ts';

interface SeedingDataPlane extends DataPlanePort {
  issuer: TokenIssuer;
  layout: DataPlaneLayout;
}

type Principal = Extract<DataPlaneCaller, { kind: 'principal' }>;

/**
 * First-start content of every registry (see plan.ts), pushed through the login servers and signed with
 * the real notary CLI as a principal that holds the needed roles, signed in the way `az acr login` does
 * it (an ACR refresh token as the password of 00000000-0000-0000-0000-000000000000). A marker per
 * registry makes it run once; an interrupted run is redone from the start (images are deterministic,
 * the registry's trust data is cleared first).
 *
 * Only the registries that exist at the data folder's first start are seeded (their names are written to
 * `seed/registries.json` then): a registry created later through ARM belongs to its user, and seeding it
 * at the next start would clear its trust data and push demo images into it.
 */
export async function seedRegistries(
  ctx: StackContext,
  dataPlane: SeedingDataPlane,
  controlPlane: ControlPlanePort,
  secrets: DataPlaneSecrets,
): Promise<void> {
  const seedDir = dataPlane.layout.seedDir;
  const seeded = await registriesToSeed(seedDir, controlPlane);
  for (const registry of controlPlane.listRegistries()) {
    if (!seeded.has(registry.name)) continue;
    const marker = path.join(seedDir, `${registry.name}.seeded.json`);
    if (existsSync(marker)) continue;
    const plan = seedPlanFor(registry);
    const needsSigning = plan.trust.length > 0;
    const principal = findSeedPrincipal(controlPlane, registry, needsSigning);
    if (!principal) {
      process.stderr.write(
        `[azure-local] not seeding ${registry.name}: no identity holds ${needsSigning ? 'AcrPush and AcrImageSigner' : 'AcrPush'} on it\n`,
      );
      continue;
    }
    const credentials: Credentials = {
      username: REFRESH_TOKEN_USERNAME,
      password: await dataPlane.issuer.mintRefreshToken(registry.loginServer, principal),
    };
    const trustDir = path.join(seedDir, 'trust');
    if (needsSigning) {
      await dataPlane.deleteAllTrustData(registry);
      await rm(path.join(trustDir, 'tuf', registry.loginServer), { recursive: true, force: true });
    }

    const client = new LoginServerClient(registry.loginServer, ctx.ca.cert);
    const pushed = new Map<string, { digest: string; size: number }>();
    for (const image of plan.images) {
      const built = buildTinyImage(image.label, image.format);
      const digest = await client.pushImage(credentials, image.repository, image.tag, built);
      pushed.set(`${image.repository}:${image.tag}`, { digest, size: built.manifest.bytes.length });
    }
    const notaryOptions: NotaryCliOptions = {
      loginServer: registry.loginServer,
      caFile: ctx.ca.cert,
      trustDir,
      credentials,
      passphrase: secrets.seedPassphrase,
    };
    for (const trust of plan.trust) {
      const delegations = [];
      for (const d of trust.delegations) {
        const signers = [];
        for (const name of d.signers)
          signers.push(await ensureSignerKey(path.join(seedDir, 'signers'), name));
        delegations.push({ role: d.role, signers });
      }
      await initAndSign(notaryOptions, {
        gun: `${registry.loginServer}/${trust.repository}`,
        delegations,
        targets: trust.signed.flatMap((s) => {
          const image = pushed.get(`${trust.repository}:${s.tag}`);
          if (!image) throw new Error(`seed plan signs ${trust.repository}:${s.tag}, which it does not push`);
          return s.roles.map((role) => ({ tag: s.tag, ...image, role }));
        }),
      });
    }
    for (const image of plan.repushedAfterSigning) {
      await client.pushImage(
        credentials,
        image.repository,
        image.tag,
        buildTinyImage(image.label, image.format),
      );
    }
    await mkdir(seedDir, { recursive: true });
    await writeFile(
      marker,
      JSON.stringify(
        { seededAt: new Date().toISOString(), as: principal.displayName, images: Object.fromEntries(pushed) },
        null,
        2,
      ),
    );
  }
}

/**
 * The identity the seed acts as: the first seeded principal whose RBAC permissions allow push (and
 * trusted push when signing is needed).
 */
/** The registries the seed is for: those present at the first start, remembered from then on. */
async function registriesToSeed(seedDir: string, controlPlane: ControlPlanePort): Promise<Set<string>> {
  const file = path.join(seedDir, 'registries.json');
  if (existsSync(file)) return new Set(JSON.parse(await readFile(file, 'utf8')) as string[]);
  const names = controlPlane.listRegistries().map((r) => r.name);
  await mkdir(seedDir, { recursive: true });
  await writeFile(file, JSON.stringify(names));
  return new Set(names);
}

function findSeedPrincipal(
  controlPlane: ControlPlanePort,
  registry: RegistryRecord,
  needsSigning: boolean,
): Principal | undefined {
  return controlPlane.seededPrincipals().find((principal) => {
    const rights = rightsOf(principal, registry, controlPlane);
    return rights.pull && rights.push && (!needsSigning || rights.trustPush);
  });
}
