// One row per tag of a repository: DESIGN.md's status (classifyTags), the signers as `docker trust
// inspect` names them, and what a content-trust client would pull (the resolve rule).
import type { TagDigest } from '@ctp/registry';
import { classifyTags, type TagStatus } from '../docker/classify.ts';
import { roleToSigner } from '../docker/inspect.ts';
import { allTargetsByName } from '../docker/walk.ts';
import type { VerifyResult } from '../verify/types.ts';
import { resolveTrustedTag } from '../docker/resolve.ts';

export const TAG_STATUSES: readonly TagStatus[] = [
  'signed',
  'signed-digest-mismatch',
  'unsigned',
  'signed-tag-missing',
  'invalid',
  'unknown',
];

export type StatusCounts = Record<TagStatus, number>;

/** What `DOCKER_CONTENT_TRUST=1 docker pull R:T` does: pin a digest, or refuse with Docker's message. */
export type ClientPull =
  { kind: 'signed'; digest: string; role: string } | { kind: 'refused'; message: string };

export interface TagRow {
  tag: string;
  status: TagStatus;
  /** The digest the registry serves now (absent for signed-tag-missing). */
  digest?: string;
  /** The digest the trust data signs, when a released role signs the tag. */
  signedDigest?: string;
  /** Signers as `docker trust inspect` names them (delegations that signed a tag nobody released too). */
  signers: string[];
  /** The role a content-trust client takes the target from. */
  role?: string;
  lastPushed?: string;
  pull: ClientPull;
  reason?: string;
}

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(TAG_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

export function countStatuses(rows: readonly Pick<TagRow, 'status'>[], into = emptyCounts()): StatusCounts {
  for (const row of rows) into[row.status]++;
  return into;
}

/** Docker's refusal when the GUN's trust data cannot be used at all. */
function trustRefusal(result: Exclude<VerifyResult, { kind: 'verified' }>): string {
  switch (result.kind) {
    case 'no-trust-data':
      return `remote trust data does not exist for ${result.gun}`;
    case 'unreachable':
      return `error contacting notary server: ${result.message}`;
    case 'invalid':
      return `trust data for ${result.gun} failed verification (${result.role}: ${result.check})`;
  }
}

/**
 * Rows for the registry tags given (sorted by tag), plus `signed-tag-missing` rows for released targets
 * the registry lacks when `includeMissing` (only meaningful once every registry tag is known).
 */
export function tagRows(result: VerifyResult, tags: readonly TagDigest[], includeMissing = true): TagRow[] {
  const lastPushed = new Map(tags.map((t) => [t.tag, t.lastUpdated]));
  const classified = classifyTags(result, [...tags], includeMissing);
  return classified.map((c) => {
    let pull: ClientPull;
    let signers = c.signers ?? [];
    if (result.kind === 'verified') {
      const resolved = resolveTrustedTag(result.view, c.tag);
      pull =
        resolved.kind === 'signed'
          ? { kind: 'signed', digest: resolved.digest, role: resolved.role }
          : { kind: 'refused', message: resolved.message };
      if (signers.length === 0) {
        // Signed only by other delegations: not pullable with content trust, its signers still named.
        signers = [...new Set(allTargetsByName(result.view, c.tag).map((t) => roleToSigner(t.role)))];
      }
    } else pull = { kind: 'refused', message: trustRefusal(result) };
    const pushed = lastPushed.get(c.tag);
    return {
      tag: c.tag,
      status: c.status,
      ...(c.registryDigest ? { digest: c.registryDigest } : {}),
      ...(c.signedDigest ? { signedDigest: c.signedDigest } : {}),
      signers,
      ...(c.signedIn ? { role: c.signedIn } : {}),
      ...(pushed ? { lastPushed: pushed } : {}),
      pull,
      ...(c.reason ? { reason: c.reason } : {}),
    };
  });
}
