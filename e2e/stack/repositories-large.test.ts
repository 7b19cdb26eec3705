// The generated large repository (e2e/support/large-repository.ts: 10 000 tags, part signed with the
// real notary CLI): the portal's tag stream lists every tag, page by page, with the right statuses and
// counts, and the registry scan agrees.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanEvent, TagEvent, TagRow } from '@ctp/contracts';
import { ensureLargeRepository, LARGE, largeTag, type LargeRepository } from '../support/large-repository.ts';
import { PortalApi, repositoriesPath, type RegistryRef } from './support/portal-api.ts';
import { REGISTRIES_RG, stack, type Stack } from './support/stack.ts';
import { requestUris, settledUris } from './support/upstream-logs.ts';

describe('a repository with 10 000 tags', () => {
  let api: PortalApi;
  let ref: RegistryRef;
  let large: LargeRepository;
  let s: Stack;
  const expected = {
    signed: LARGE.signed,
    'signed-digest-mismatch': LARGE.mismatched,
    unsigned: LARGE.tags - LARGE.signed - LARGE.mismatched,
    'signed-tag-missing': LARGE.missing,
    invalid: 0,
    unknown: 0,
  };

  beforeAll(async () => {
    s = await stack();
    api = await PortalApi.as(s, 'owner');
    large = await ensureLargeRepository(s);
    ref = {
      subscriptionId: s.arm.subscriptionId,
      resourceGroup: REGISTRIES_RG,
      registryName: large.registryName,
    };
  }, 900_000);

  it(
    'stops the registry listing at once when the client closes the scan (in-flight work included)',
    { timeout: 600_000 },
    async () => {
      // Each page of the ACR listing the scan reads (100 tags) is one tag list asked of the registry
      // (the login server reads the digests from the registry's storage): a whole listing asks 100 times.
      const pages = async () =>
        (await requestUris(s, 'registry', large.registryName)).filter((u) =>
          u.startsWith(`/v2/${LARGE.repository}/tags/list`),
        );
      const before = (await pages()).length;
      // Leave right after the start line: the one repository's listing is then under way.
      await api.lines<ScanEvent>(repositoriesPath(ref, 'scan'), () => false);
      const after = (await settledUris(s, 'registry', large.registryName)).filter((u) =>
        u.startsWith(`/v2/${LARGE.repository}/tags/list`),
      ).length;
      // A listing left running would ask for all 100 pages.
      expect(after - before).toBeLessThan(20);
      // Not vacuous: the same scan read to its end asks for every page.
      await api.lines<ScanEvent>(repositoriesPath(ref, 'scan'));
      expect((await pages()).length - after).toBeGreaterThanOrEqual(LARGE.tags / 100);
    },
  );

  it(
    'streams every tag, page by page, with the right statuses and counts',
    { timeout: 600_000 },
    async () => {
      const events = await api.lines<TagEvent>(repositoriesPath(ref, `tags?repository=${LARGE.repository}`));
      expect(events[0]).toMatchObject({ type: 'trust', trust: 'verified', repository: LARGE.repository });
      const pages = events.filter((e) => e.type === 'tags');
      expect(pages.length).toBeGreaterThan(2); // streamed in pages, the first long before the last
      const rows: TagRow[] = pages.flatMap((e) => (e.type === 'tags' ? e.tags : []));
      expect(events.at(-1)).toEqual({ type: 'done', total: LARGE.tags + LARGE.missing, counts: expected });
      expect(rows).toHaveLength(LARGE.tags + LARGE.missing);
      expect(new Set(rows.map((r) => r.tag)).size).toBe(LARGE.tags + LARGE.missing);
      const byTag = new Map(rows.map((r) => [r.tag, r]));
      const digest = large.digest;
      expect(byTag.get(largeTag(0))).toMatchObject({
        status: 'signed',
        digest,
        signedDigest: digest,
        pull: { kind: 'signed', digest },
      });
      expect(byTag.get(largeTag(LARGE.signed))).toMatchObject({
        status: 'unsigned',
        digest,
        pull: { kind: 'refused' },
      });
      expect(byTag.get(largeTag(LARGE.tags - 1))).toMatchObject({
        status: 'signed-digest-mismatch',
        digest,
        signedDigest: LARGE.otherDigest,
        pull: { kind: 'signed', digest: LARGE.otherDigest },
      });
      expect(byTag.get('gone-4')).toMatchObject({ status: 'signed-tag-missing', signedDigest: digest });
      expect(byTag.get(largeTag(LARGE.tags - 1))!.lastPushed).toMatch(/^\d{4}-\d\d-\d\dT/);
    },
  );

  it('counts the same in the registry scan', { timeout: 600_000 }, async () => {
    const events = await api.lines<ScanEvent>(repositoriesPath(ref, 'scan'));
    const line = events.find((e) => e.type === 'repository');
    expect(line?.type === 'repository' && line.repository).toMatchObject({
      repository: LARGE.repository,
      tags: LARGE.tags,
      counts: expected,
    });
  });
});
