import type { ContentTrustImpact, RepositoryTrustImpact } from '@ctp/contracts';
import { dockerSignedTagNames } from '@ctp/notary';
import { mapPool } from '@ctp/registry';
import { problemFromError } from './problem-of.ts';
import {
  listRepositories,
  readTrustData,
  type RegistryDataPlane,
  type RepositoryTrustData,
} from './trust-data.ts';

/**
 * Where the per-repository numbers come from. Today: the trust server, read here. The seam for the
 * repositories blade's verified trust scan (issue 14): a source that answers from that scan instead.
 */
export interface TrustImpactSource {
  readonly kind: ContentTrustImpact['source'];
  repositories(): Promise<RepositoryTrustImpact[]>;
}

/** Counts from the trust server and the registry, as the caller. */
export function trustServerImpactSource(plane: RegistryDataPlane): TrustImpactSource {
  return {
    kind: 'trust-server',
    async repositories() {
      const repositories = await listRepositories(plane);
      const [trust, tagCounts] = await Promise.all([
        readTrustData(plane, repositories),
        mapPool(repositories, 4, async (repository) => {
          try {
            return { count: (await plane.registry.listTags(repository)).length };
          } catch (error) {
            return { count: 0, error };
          }
        }),
      ]);
      return trust.map((t, i) => repositoryImpact(t, tagCounts[i]!));
    },
  };
}

/** One repository's loss: Docker's signed tags (targets/releases, then targets) and the roles that go. */
export function repositoryImpact(
  t: RepositoryTrustData,
  tags: { count: number; error?: unknown },
): RepositoryTrustImpact {
  const roles = [...new Set(t.files.map((f) => f.role))].sort();
  const base = { repository: t.repository, gun: t.gun, tags: tags.count, roles };
  const tagProblem = tags.error ? { problem: problemFromError(tags.error) } : {};
  switch (t.result.kind) {
    case 'verified':
      return {
        ...base,
        trustData: 'present',
        signedTags: dockerSignedTagNames(t.result.view).length,
        ...tagProblem,
      };
    case 'no-trust-data':
      return { ...base, trustData: 'none', signedTags: 0, ...tagProblem };
    case 'invalid':
      // Deleted as well; none of its tags verify, so none counts as signed.
      return {
        ...base,
        trustData: 'invalid',
        signedTags: 0,
        problem: {
          type: 'about:blank',
          title: 'Trust data does not verify',
          status: 200,
          detail: `${t.result.role}: ${t.result.check}: ${t.result.message}`,
          code: 'TrustDataInvalid',
        },
      };
    case 'unreachable':
      return {
        ...base,
        trustData: 'unknown',
        signedTags: 0,
        problem: {
          type: 'about:blank',
          title: 'The trust server could not be read',
          status: t.result.status ?? 503,
          detail: t.result.message,
          code: 'TrustServerUnavailable',
        },
      };
  }
}

/** "N signed tags in M repositories will lose their signatures; K images stay." */
export async function trustImpact(
  registryName: string,
  source: TrustImpactSource,
): Promise<ContentTrustImpact> {
  const repositories = await source.repositories();
  const withTrust = repositories.filter((r) => r.trustData === 'present' || r.trustData === 'invalid');
  return {
    registryName,
    computedAt: new Date().toISOString(),
    source: source.kind,
    totals: {
      signedTags: repositories.reduce((n, r) => n + r.signedTags, 0),
      repositoriesWithTrustData: withTrust.length,
      repositories: repositories.length,
      imagesKept: repositories.reduce((n, r) => n + r.tags, 0),
      unknown: repositories.filter((r) => r.trustData === 'unknown').length,
    },
    repositories,
  };
}
