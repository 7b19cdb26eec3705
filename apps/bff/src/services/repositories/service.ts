// The Repositories blade's work: registry scans, one repository's tags and trust details, keys across
// the registry, and reports — reshaped from packages/notary's scan into the contracts.
import type {
  RegistryKeys,
  RegistryRef,
  RepositorySummary,
  ScanEvent,
  StatusCounts,
  TagEvent,
  TrustDetails,
} from '@ctp/contracts';
import {
  countStatuses,
  listRepositories,
  registryKeys,
  scanRegistry,
  scanRepository,
  snapshotKeyHolder,
  tagRows,
  trustDetails,
  trustStateOf,
  type TagRow,
} from '@ctp/notary';
import { RegistryError } from '@ctp/registry';
import type { Caller } from '../../auth/token-verifier.ts';
import type { ArmClients } from '../../azure/arm.ts';
import { NotAllowed, NotFound, UpstreamError, UpstreamUnavailable } from '../../errors.ts';
import { RegistryService } from '../registries.ts';
import { scanSetup, type RepositoryDependencies } from './scan-context.ts';

/** Registry tags fetched per page of the tag stream (ACR's listing allows large pages). */
const TAG_PAGE_SIZE = 500;

/** The registry's own failures (catalog, tag listing) as the BFF's typed errors. */
export function registryFailure(error: unknown, what: string): Error {
  if (!(error instanceof RegistryError)) return error as Error;
  switch (error.kind) {
    case 'unauthorized':
      return new NotAllowed(
        `The registry refused to ${what} for you (${error.message}). Pulling needs AcrPull, Reader or a role with registries/pull/read.`,
      );
    case 'not-found':
      return new NotFound(`The registry has nothing to ${what}: ${error.message}`);
    case 'network':
      return new UpstreamUnavailable('registry', error.message);
    default:
      return new UpstreamError('registry', error.status ?? 502, undefined, error.message);
  }
}

export class RepositoryService {
  constructor(
    private readonly arm: ArmClients,
    private readonly caller: Caller,
    private readonly deps: RepositoryDependencies,
  ) {}

  /** The registry as ARM shows it to the caller. */
  registry(ref: RegistryRef) {
    return new RegistryService(this.arm).get(ref);
  }

  private setup(ref: RegistryRef, signal?: AbortSignal) {
    return scanSetup(this.arm, this.caller, this.deps, ref, signal);
  }

  /**
   * The registry scan as events. The catalog is listed before the first event, so a registry the
   * caller may not read fails as one problem; after that every failure is per repository.
   */
  async scan(ref: RegistryRef, signal?: AbortSignal, only?: string[]): Promise<AsyncGenerator<ScanEvent>> {
    const { registry, context, planTokens } = await this.setup(ref, signal);
    const repositories =
      only ??
      (await listRepositories(context.registry).catch((e: unknown) => {
        throw registryFailure(e, 'list its repositories');
      }));
    planTokens(repositories);
    const concurrency = this.deps.scanConcurrency ?? 4;
    return (async function* () {
      for await (const event of scanRegistry({ ...context, repositories, concurrency })) {
        yield event.type === 'start' ? { ...event, loginServer: registry.loginServer } : event;
      }
    })();
  }

  /** Every repository's summary (the whole scan, collected). */
  async summaries(ref: RegistryRef, signal?: AbortSignal): Promise<RepositorySummary[]> {
    const out: RepositorySummary[] = [];
    for await (const event of await this.scan(ref, signal))
      if (event.type === 'repository') out.push(event.repository);
    return out.sort((a, b) => a.repository.localeCompare(b.repository));
  }

  /** One repository scanned again alone (the blade's "retry"). */
  async summary(ref: RegistryRef, repository: string, signal?: AbortSignal): Promise<RepositorySummary> {
    const { context } = await this.setup(ref, signal);
    return scanRepository(context, repository);
  }

  /**
   * One repository's tags as events: its trust state, then rows page by page as the registry lists
   * them, then signed tags the registry lacks and the counts.
   */
  async tags(ref: RegistryRef, repository: string, signal?: AbortSignal): Promise<AsyncGenerator<TagEvent>> {
    const { registry, context } = await this.setup(ref, signal);
    const gun = `${registry.loginServer}/${repository}`;
    const pages = context.registry.tagDigestPages(repository, { pageSize: TAG_PAGE_SIZE });
    // The trust data and the first page are independent: both asked at once. The first page comes
    // before the response starts, so an unknown repository is a 404 problem, not a stream.
    const [result, first] = await Promise.all([
      context.trust.verifyRepository(gun),
      pages.next().catch((e: unknown) => {
        throw registryFailure(e, `list the tags of ${repository}`);
      }),
    ]);
    const reason =
      result.kind === 'unreachable'
        ? result.message
        : result.kind === 'invalid'
          ? `${result.role}: ${result.check}: ${result.message}`
          : undefined;
    return (async function* (): AsyncGenerator<TagEvent> {
      yield {
        type: 'trust',
        repository,
        gun,
        loginServer: registry.loginServer,
        trust: trustStateOf(result),
        ...(reason ? { reason } : {}),
      };
      const counts = countStatuses([]);
      const names = new Set<string>();
      let total = 0;
      let page = first;
      while (!page.done) {
        // The next page is asked for while this one is turned into rows and sent.
        const next = pages.next();
        next.catch(() => undefined); // awaited below; a stream the client left must not leave it unhandled
        for (const t of page.value) names.add(t.tag);
        const rows = tagRows(result, page.value, false);
        countStatuses(rows, counts);
        total += rows.length;
        yield { type: 'tags', tags: rows };
        page = await next;
      }
      const missing = tagRows(result, []).filter((r) => !names.has(r.tag));
      if (missing.length > 0) {
        countStatuses(missing, counts);
        total += missing.length;
        yield { type: 'tags', tags: missing };
      }
      yield { type: 'done', total, counts };
    })();
  }

  /** Every row of one repository (the tag stream, collected). */
  async allTags(ref: RegistryRef, repository: string, signal?: AbortSignal): Promise<TagRow[]> {
    const rows: TagRow[] = [];
    for await (const event of await this.tags(ref, repository, signal))
      if (event.type === 'tags') rows.push(...event.tags);
    return rows;
  }

  /** The repository's trust data, role by role. */
  async trust(ref: RegistryRef, repository: string, signal?: AbortSignal): Promise<TrustDetails> {
    const { registry, context } = await this.setup(ref, signal);
    const gun = `${registry.loginServer}/${repository}`;
    const result = await context.trust.verifyRepository(gun);
    if (result.kind !== 'verified') {
      const reason =
        result.kind === 'unreachable'
          ? result.message
          : result.kind === 'invalid'
            ? `${result.role}: ${result.check}: ${result.message}`
            : undefined;
      return { repository, gun, trust: trustStateOf(result), ...(reason ? { reason } : {}), roles: [] };
    }
    const details = trustDetails(result.view, await snapshotKeyHolder(context.trust.api, result.view));
    return { repository, trust: 'verified', ...details };
  }

  /** Which root, repository and signer keys sign which repositories. */
  async keys(ref: RegistryRef, signal?: AbortSignal): Promise<RegistryKeys> {
    const summaries = await this.summaries(ref, signal);
    return {
      keys: registryKeys(summaries),
      failed: summaries
        .filter((s) => s.trust === 'unknown' || s.trust === 'invalid')
        .map((s) => ({ repository: s.repository, reason: s.reason ?? s.trust })),
      unsigned: summaries.filter((s) => s.trust === 'no-trust-data').map((s) => s.repository),
    };
  }
}

/**
 * For the content-trust blade's disable impact ("N signed tags in M repositories"): the scan's own
 * numbers, so there is one counting rule. Signed means what DESIGN.md says, mismatched tags included
 * (their trust data is lost too); `unknown` repositories are reported so the warning can say so.
 */
export async function countSignedTags(
  service: RepositoryService,
  ref: RegistryRef,
  signal?: AbortSignal,
): Promise<{ signedTags: number; repositories: number; unknownRepositories: number; totals: StatusCounts }> {
  const summaries = await service.summaries(ref, signal);
  const totals = countStatuses([]);
  let repositories = 0;
  for (const s of summaries) {
    for (const k of Object.keys(totals) as (keyof StatusCounts)[]) totals[k] += s.counts[k];
    if (s.counts.signed + s.counts['signed-digest-mismatch'] + s.counts['signed-tag-missing'] > 0)
      repositories++;
  }
  return {
    signedTags: totals.signed + totals['signed-digest-mismatch'] + totals['signed-tag-missing'],
    repositories,
    unknownRepositories: summaries.filter((s) => s.trust === 'unknown').length,
    totals,
  };
}
