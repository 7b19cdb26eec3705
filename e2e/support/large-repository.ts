// A registry with one generated 10 000-tag repository, shared by the stack suite and the browser
// tests (created once per stack, then reused): one manifest pushed under 10 000 tags through the
// registry API, part of them signed with the real notary CLI in one publish, some with another digest
// (mismatch), some signed but never pushed (missing). A dedicated registry keeps the seeded ones small.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { publishImage } from '@ctp/azure-local/tools/publish-image';
import { signTargets } from '../../apps/azure-local/src/data-plane/client/notary-cli.ts';
import { armClients, roleDefinitionId, createPremiumRegistry } from '../stack/support/arm.ts';
import { eventually, MANIFEST_ACCEPT, registryToken } from '../stack/support/registry-http.ts';
import { basicCredentials, ROLE, type Stack } from '../stack/support/stack.ts';

/** What a generated large repository holds (the bench builds one with 30% signed through the same steps). */
export interface LargePlan {
  registryName: string;
  repository: string;
  tags: number;
  /** t00000…: signed with the digest the registry serves. */
  signed: number;
  /** The last tags: signed with another digest. */
  mismatched: number;
  /** gone-0…: signed, never pushed. */
  missing: number;
  otherDigest: string;
}

export const LARGE = {
  registryName: 'ctplarge',
  repository: 'big/app',
  tags: 10_000,
  signed: 200, // t00000…t00199, the digest the registry serves
  mismatched: 10, // t09990…t09999, another digest
  missing: 5, // gone-0…gone-4, never pushed
  otherDigest: `sha256:${'ab'.repeat(32)}`,
} as const satisfies LargePlan;
export const largeTag = (i: number) => `t${String(i).padStart(5, '0')}`;

export interface LargeRepository {
  registryName: string;
  loginServer: string;
  digest: string;
}

async function inPool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/**
 * A Premium registry with content trust (created through ARM as the owner when absent) on which the
 * ci-signer service principal holds AcrPush and AcrImageSigner; resolves once its login server answers.
 */
export async function ensureSigningRegistry(s: Stack, registryName: string): Promise<string> {
  const arm = armClients(s, 'owner');
  const registry = await createPremiumRegistry(arm, registryName);
  const loginServer = registry.loginServer!;
  const scope = registry.id!.slice(1);
  const held = new Set<string>();
  for await (const a of arm.authorization.roleAssignments.listForScope(scope, {
    filter: `principalId eq '${s.identity('ci-signer').objectId}'`,
  }))
    if (a.scope === registry.id) held.add(a.roleDefinitionId!.split('/').pop()!);
  for (const role of [ROLE.AcrPush, ROLE.AcrImageSigner])
    if (!held.has(role))
      await arm.authorization.roleAssignments.create(scope, randomUUID(), {
        roleDefinitionId: roleDefinitionId(s, role),
        principalId: s.identity('ci-signer').objectId,
        principalType: 'ServicePrincipal',
      });
  await eventually(`the login server of ${registryName}`, async () =>
    (await fetch(`https://${loginServer}/v2/`)).status === 401 ? true : undefined,
  );
  return loginServer;
}

/** The large repository's registry, generating it when this stack has none yet. */
export async function ensureLargeRepository(s: Stack, plan: LargePlan = LARGE): Promise<LargeRepository> {
  const signer = basicCredentials(s, 'ci-signer');
  const loginServer = await ensureSigningRegistry(s, plan.registryName);

  const token = await registryToken(loginServer, signer, [`repository:${plan.repository}:pull,push`]);
  const auth = { authorization: `Bearer ${token}` };
  const last = await fetch(
    `https://${loginServer}/v2/${plan.repository}/manifests/${largeTag(plan.tags - 1)}`,
    {
      method: 'HEAD',
      headers: { ...auth, accept: MANIFEST_ACCEPT },
    },
  );
  const first = await fetch(`https://${loginServer}/v2/${plan.repository}/manifests/${largeTag(0)}`, {
    method: 'HEAD',
    headers: { ...auth, accept: MANIFEST_ACCEPT },
  });
  // The last step (the batch signature) happens after every push: its timestamp says generation finished.
  const trust = await fetch(
    `https://${loginServer}/v2/${loginServer}/${plan.repository}/_trust/tuf/timestamp.json`,
    {
      headers: {
        authorization: `Bearer ${await registryToken(loginServer, signer, [`repository:${loginServer}/${plan.repository}:pull`])}`,
      },
    },
  );
  const trustBody = trust.ok ? ((await trust.json()) as { signed: { version: number } }) : undefined;
  if (last.status === 200 && first.status === 200 && (trustBody?.signed.version ?? 0) >= 3)
    return {
      registryName: plan.registryName,
      loginServer,
      digest: first.headers.get('docker-content-digest')!,
    };

  const trustDir = await mkdtemp(path.join(os.tmpdir(), 'ctp-large-trust-'));
  try {
    const passphrase = 'large-repository-passphrase';
    const pushed = await publishImage({
      loginServer,
      caFile: s.caCertificate,
      repository: plan.repository,
      tag: largeTag(0),
      credentials: signer,
      label: `${plan.registryName} big`,
      sign: { trustDir, passphrase },
    });
    const got = await fetch(`https://${loginServer}/v2/${plan.repository}/manifests/${pushed.digest}`, {
      headers: { ...auth, accept: MANIFEST_ACCEPT },
    });
    const mediaType = got.headers.get('content-type')!;
    const bytes = new Uint8Array(await got.arrayBuffer());
    await inPool(
      Array.from({ length: plan.tags - 1 }, (_, i) => largeTag(i + 1)),
      8,
      async (tag) => {
        const put = await fetch(`https://${loginServer}/v2/${plan.repository}/manifests/${tag}`, {
          method: 'PUT',
          headers: { ...auth, 'content-type': mediaType },
          body: bytes,
        });
        if (put.status !== 201) throw new Error(`PUT ${tag}: ${put.status} ${await put.text()}`);
      },
    );
    const { digest, size } = pushed;
    await signTargets(
      { loginServer, caFile: s.caCertificate, trustDir, credentials: signer, passphrase },
      `${loginServer}/${plan.repository}`,
      [
        ...Array.from({ length: plan.signed - 1 }, (_, i) => ({ tag: largeTag(i + 1), digest, size })),
        ...Array.from({ length: plan.mismatched }, (_, i) => ({
          tag: largeTag(plan.tags - plan.mismatched + i),
          digest: plan.otherDigest,
          size,
        })),
        ...Array.from({ length: plan.missing }, (_, i) => ({ tag: `gone-${i}`, digest, size })),
      ],
    );
    return { registryName: plan.registryName, loginServer, digest };
  } finally {
    await rm(trustDir, { recursive: true, force: true });
  }
}
