// A generated large repository on a registry of this run's own: one manifest pushed under 10 000 tags
// through the registry API, part of them signed with the real notary CLI (in one publish), some signed
// with another digest, some signed but never pushed. The portal's tag stream lists every tag, page by
// page, with the right counts, and the registry scan agrees.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanEvent, TagEvent, TagRow } from '@ctp/contracts';
import { publishImage } from '@ctp/azure-local/tools/publish-image';
import {
  signTargets,
  type NotaryCliOptions,
} from '../../apps/azure-local/src/data-plane/client/notary-cli.ts';
import { armClients, roleDefinitionId, uniqueRegistryName, type ArmClients } from './support/arm.ts';
import type { Credentials } from './support/cli.ts';
import { PortalApi, repositoriesPath, type RegistryRef } from './support/portal-api.ts';
import { eventually, MANIFEST_ACCEPT, registryToken } from './support/registry-http.ts';
import { basicCredentials, REGISTRIES_RG, ROLE, stack, type Stack } from './support/stack.ts';

const PASSPHRASE = 'stack-large-passphrase';
const REPOSITORY = 'big/app';
const TAGS = 10_000;
const tagName = (i: number) => `t${String(i).padStart(5, '0')}`;
const SIGNED = 200; // t00000…t00199 signed with the digest the registry serves
const MISMATCHED = 10; // t09990…t09999 signed with another digest
const MISSING = 5; // gone-0…gone-4 signed, never pushed
const OTHER_DIGEST = `sha256:${'ab'.repeat(32)}`;

/** Runs `fn` over items with `limit` in flight (the registry API is the real one: keep it busy, not flooded). */
async function inPool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

describe('a repository with 10 000 tags', () => {
  let s: Stack;
  let arm: ArmClients;
  let api: PortalApi;
  let signer: Credentials;
  const name = uniqueRegistryName('ctpbig');
  let ref: RegistryRef;
  let loginServer = '';
  let created = false;
  let trustDir = '';
  let digest = '';

  beforeAll(async () => {
    const started = Date.now();
    s = await stack();
    arm = armClients(s, 'owner');
    api = await PortalApi.as(s, 'owner');
    signer = basicCredentials(s, 'ci-signer');
    trustDir = await mkdtemp(path.join(os.tmpdir(), 'ctp-stack-large-trust-'));
    const registry = await arm.registries.registries.create(
      REGISTRIES_RG,
      name,
      {
        location: 'westeurope',
        sku: { name: 'Premium' },
        policies: { trustPolicy: { type: 'Notary', status: 'enabled' } },
      },
      { updateIntervalInMs: 100 },
    );
    created = true;
    loginServer = registry.loginServer!;
    ref = { subscriptionId: s.arm.subscriptionId, resourceGroup: REGISTRIES_RG, registryName: name };
    for (const role of [ROLE.AcrPush, ROLE.AcrImageSigner])
      await arm.authorization.roleAssignments.create(registry.id!.slice(1), randomUUID(), {
        roleDefinitionId: roleDefinitionId(s, role),
        principalId: s.identity('ci-signer').objectId,
        principalType: 'ServicePrincipal',
      });
    await eventually(`the login server of ${name}`, async () =>
      (await fetch(`https://${loginServer}/v2/`)).status === 401 ? true : undefined,
    );

    // The first tag pushed and signed the ordinary way (notary init + addhash + publish)…
    const first = await publishImage({
      loginServer,
      caFile: s.caCertificate,
      repository: REPOSITORY,
      tag: tagName(0),
      credentials: signer,
      label: `${name} big`,
      sign: { trustDir, passphrase: PASSPHRASE },
    });
    digest = first.digest;
    // …then the same manifest under every other tag, straight through the registry API.
    const token = await registryToken(loginServer, signer, [`repository:${REPOSITORY}:pull,push`]);
    const auth = { authorization: `Bearer ${token}` };
    const got = await fetch(`https://${loginServer}/v2/${REPOSITORY}/manifests/${digest}`, {
      headers: { ...auth, accept: MANIFEST_ACCEPT },
    });
    const mediaType = got.headers.get('content-type')!;
    const bytes = new Uint8Array(await got.arrayBuffer());
    await inPool(
      Array.from({ length: TAGS - 1 }, (_, i) => tagName(i + 1)),
      8,
      async (tag) => {
        const put = await fetch(`https://${loginServer}/v2/${REPOSITORY}/manifests/${tag}`, {
          method: 'PUT',
          headers: { ...auth, 'content-type': mediaType },
          body: bytes,
        });
        if (put.status !== 201) throw new Error(`PUT ${tag}: ${put.status} ${await put.text()}`);
      },
    );
    const pushedAt = Math.round((Date.now() - started) / 1000);
    // The other signatures in one publish with the real notary CLI.
    const options: NotaryCliOptions = {
      loginServer,
      caFile: s.caCertificate,
      trustDir,
      credentials: signer,
      passphrase: PASSPHRASE,
    };
    const size = first.size;
    await signTargets(options, `${loginServer}/${REPOSITORY}`, [
      ...Array.from({ length: SIGNED - 1 }, (_, i) => ({ tag: tagName(i + 1), digest, size })),
      ...Array.from({ length: MISMATCHED }, (_, i) => ({
        tag: tagName(TAGS - MISMATCHED + i),
        digest: OTHER_DIGEST,
        size,
      })),
      ...Array.from({ length: MISSING }, (_, i) => ({ tag: `gone-${i}`, digest, size })),
    ]);
    console.log(
      `generated ${TAGS} tags in ${Math.round((Date.now() - started) / 1000)} s (pushed by ${pushedAt} s)`,
    );
  }, 900_000);

  afterAll(async () => {
    if (created)
      await arm.registries.registries
        .delete(REGISTRIES_RG, name, { updateIntervalInMs: 100 })
        .catch(() => undefined);
    if (trustDir) await rm(trustDir, { recursive: true, force: true });
  });

  it(
    'streams every tag, page by page, with the right statuses and counts',
    { timeout: 600_000 },
    async () => {
      const events = await api.lines<TagEvent>(repositoriesPath(ref, `tags?repository=${REPOSITORY}`));
      expect(events[0]).toMatchObject({ type: 'trust', trust: 'verified', repository: REPOSITORY });
      const pages = events.filter((e) => e.type === 'tags');
      expect(pages.length).toBeGreaterThan(2); // streamed in pages, the first one long before the last
      const rows: TagRow[] = pages.flatMap((e) => (e.type === 'tags' ? e.tags : []));
      const expected = {
        signed: SIGNED,
        'signed-digest-mismatch': MISMATCHED,
        unsigned: TAGS - SIGNED - MISMATCHED,
        'signed-tag-missing': MISSING,
        invalid: 0,
        unknown: 0,
      };
      expect(events.at(-1)).toEqual({ type: 'done', total: TAGS + MISSING, counts: expected });
      expect(rows).toHaveLength(TAGS + MISSING);
      expect(new Set(rows.map((r) => r.tag)).size).toBe(TAGS + MISSING);
      const byTag = new Map(rows.map((r) => [r.tag, r]));
      expect(byTag.get(tagName(0))).toMatchObject({
        status: 'signed',
        digest,
        signedDigest: digest,
        pull: { kind: 'signed', digest },
      });
      expect(byTag.get(tagName(SIGNED))).toMatchObject({
        status: 'unsigned',
        digest,
        pull: { kind: 'refused' },
      });
      expect(byTag.get(tagName(TAGS - 1))).toMatchObject({
        status: 'signed-digest-mismatch',
        digest,
        signedDigest: OTHER_DIGEST,
        pull: { kind: 'signed', digest: OTHER_DIGEST },
      });
      expect(byTag.get('gone-4')).toMatchObject({ status: 'signed-tag-missing', signedDigest: digest });
      expect(byTag.get(tagName(TAGS - 1))!.lastPushed).toMatch(/^\d{4}-\d\d-\d\dT/);
    },
  );

  it('counts the same in the registry scan', { timeout: 600_000 }, async () => {
    const events = await api.lines<ScanEvent>(repositoriesPath(ref, 'scan'));
    const line = events.find((e) => e.type === 'repository');
    expect(line?.type === 'repository' && line.repository).toMatchObject({
      repository: REPOSITORY,
      tags: TAGS,
      counts: {
        signed: SIGNED,
        'signed-digest-mismatch': MISMATCHED,
        'signed-tag-missing': MISSING,
        unsigned: TAGS - SIGNED - MISMATCHED,
      },
    });
  });
});
