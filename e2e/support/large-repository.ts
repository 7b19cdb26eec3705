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
import { armClients, roleDefinitionId } from '../stack/support/arm.ts';
import { eventually, MANIFEST_ACCEPT, registryToken } from '../stack/support/registry-http.ts';
import { basicCredentials, REGISTRIES_RG, ROLE, type Stack } from '../stack/support/stack.ts';

export const LARGE = {
  registryName: 'ctplarge',
  repository: 'big/app',
  tags: 10_000,
  signed: 200, // t00000…t00199, the digest the registry serves
  mismatched: 10, // t09990…t09999, another digest
  missing: 5, // gone-0…gone-4, never pushed
  otherDigest: `sha256:${'ab'.repeat(32)}`,
} as const;
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

/** The large repository's registry, generating it when this stack has none yet. */
export async function ensureLargeRepository(s: Stack): Promise<LargeRepository> {
  const arm = armClients(s, 'owner');
  const signer = basicCredentials(s, 'ci-signer');
  const registry = await arm.registries.registries.create(
    REGISTRIES_RG,
    LARGE.registryName,
    {
      location: 'westeurope',
      sku: { name: 'Premium' },
      policies: { trustPolicy: { type: 'Notary', status: 'enabled' } },
    },
    { updateIntervalInMs: 100 },
  );
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
  await eventually(`the login server of ${LARGE.registryName}`, async () =>
    (await fetch(`https://${loginServer}/v2/`)).status === 401 ? true : undefined,
  );

  const token = await registryToken(loginServer, signer, [`repository:${LARGE.repository}:pull,push`]);
  const auth = { authorization: `Bearer ${token}` };
  const last = await fetch(
    `https://${loginServer}/v2/${LARGE.repository}/manifests/${largeTag(LARGE.tags - 1)}`,
    {
      method: 'HEAD',
      headers: { ...auth, accept: MANIFEST_ACCEPT },
    },
  );
  const first = await fetch(`https://${loginServer}/v2/${LARGE.repository}/manifests/${largeTag(0)}`, {
    method: 'HEAD',
    headers: { ...auth, accept: MANIFEST_ACCEPT },
  });
  // The last step (the batch signature) happens after every push: its timestamp says generation finished.
  const trust = await fetch(
    `https://${loginServer}/v2/${loginServer}/${LARGE.repository}/_trust/tuf/timestamp.json`,
    {
      headers: {
        authorization: `Bearer ${await registryToken(loginServer, signer, [`repository:${loginServer}/${LARGE.repository}:pull`])}`,
      },
    },
  );
  const trustBody = trust.ok ? ((await trust.json()) as { signed: { version: number } }) : undefined;
  if (last.status === 200 && first.status === 200 && (trustBody?.signed.version ?? 0) >= 3)
    return {
      registryName: LARGE.registryName,
      loginServer,
      digest: first.headers.get('docker-content-digest')!,
    };

  const trustDir = await mkdtemp(path.join(os.tmpdir(), 'ctp-large-trust-'));
  try {
    const passphrase = 'large-repository-passphrase';
    const pushed = await publishImage({
      loginServer,
      caFile: s.caCertificate,
      repository: LARGE.repository,
      tag: largeTag(0),
      credentials: signer,
      label: `${LARGE.registryName} big`,
      sign: { trustDir, passphrase },
    });
    const got = await fetch(`https://${loginServer}/v2/${LARGE.repository}/manifests/${pushed.digest}`, {
      headers: { ...auth, accept: MANIFEST_ACCEPT },
    });
    const mediaType = got.headers.get('content-type')!;
    const bytes = new Uint8Array(await got.arrayBuffer());
    await inPool(
      Array.from({ length: LARGE.tags - 1 }, (_, i) => largeTag(i + 1)),
      8,
      async (tag) => {
        const put = await fetch(`https://${loginServer}/v2/${LARGE.repository}/manifests/${tag}`, {
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
      `${loginServer}/${LARGE.repository}`,
      [
        ...Array.from({ length: LARGE.signed - 1 }, (_, i) => ({ tag: largeTag(i + 1), digest, size })),
        ...Array.from({ length: LARGE.mismatched }, (_, i) => ({
          tag: largeTag(LARGE.tags - LARGE.mismatched + i),
          digest: LARGE.otherDigest,
          size,
        })),
        ...Array.from({ length: LARGE.missing }, (_, i) => ({ tag: `gone-${i}`, digest, size })),
      ],
    );
    return { registryName: LARGE.registryName, loginServer, digest };
  } finally {
    await rm(trustDir, { recursive: true, force: true });
  }
}
