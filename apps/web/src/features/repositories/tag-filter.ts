import type { TagRow, TagStatus } from '@ctp/contracts';

export type TagSortKey = 'tag' | 'status' | 'lastPushed';

export interface TagFilter {
  status?: TagStatus | undefined;
  signer?: string | undefined;
  text?: string;
  /** "As a content-trust client sees it": only tags DOCKER_CONTENT_TRUST=1 can pull. */
  clientView?: boolean;
  sort: TagSortKey;
  descending?: boolean;
}

const statusOrder: Record<TagStatus, number> = {
  invalid: 0,
  unknown: 1,
  'signed-digest-mismatch': 2,
  'signed-tag-missing': 3,
  unsigned: 4,
  signed: 5,
};

/** Filters and sorts a repository's rows (pure, so the table and its tests agree). */
export function filterTags(rows: readonly TagRow[], f: TagFilter): TagRow[] {
  const text = f.text?.trim().toLowerCase() ?? '';
  const out = rows.filter(
    (r) =>
      (!f.status || r.status === f.status) &&
      (!f.signer || r.signers.includes(f.signer)) &&
      (!text || r.tag.toLowerCase().includes(text)) &&
      (!f.clientView || r.pull.kind === 'signed'),
  );
  const cmp: Record<TagSortKey, (a: TagRow, b: TagRow) => number> = {
    tag: (a, b) => a.tag.localeCompare(b.tag, undefined, { numeric: true }),
    status: (a, b) => statusOrder[a.status] - statusOrder[b.status] || a.tag.localeCompare(b.tag),
    lastPushed: (a, b) =>
      (a.lastPushed ?? '').localeCompare(b.lastPushed ?? '') || a.tag.localeCompare(b.tag),
  };
  out.sort(cmp[f.sort]);
  return f.descending ? out.reverse() : out;
}

export function signersOf(rows: readonly TagRow[]): string[] {
  return [...new Set(rows.flatMap((r) => r.signers))].sort((a, b) => a.localeCompare(b));
}

export const shortDigest = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);
