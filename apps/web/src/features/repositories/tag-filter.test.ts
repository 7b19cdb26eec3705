import { describe, expect, it } from 'vitest';
import type { TagRow } from '@ctp/contracts';
import { filterTags, signersOf } from './tag-filter.ts';

const row = (tag: string, status: TagRow['status'], signers: string[] = [], pulled?: string): TagRow => ({
  tag,
  status,
  signers,
  pull: pulled
    ? { kind: 'signed', digest: pulled, role: 'targets/releases' }
    : { kind: 'refused', message: 'No valid trust data' },
});

const rows = [
  row('v10', 'signed', ['ci'], 'sha256:a'),
  row('v2', 'signed-digest-mismatch', ['ci', 'alice'], 'sha256:b'),
  row('dev', 'unsigned'),
  row('gone', 'signed-tag-missing', ['Repo Admin'], 'sha256:c'),
];

describe('filterTags', () => {
  it('sorts tags numerically and reverses on request', () => {
    expect(filterTags(rows, { sort: 'tag' }).map((r) => r.tag)).toEqual(['dev', 'gone', 'v2', 'v10']);
    expect(filterTags(rows, { sort: 'tag', descending: true }).map((r) => r.tag)).toEqual([
      'v10',
      'v2',
      'gone',
      'dev',
    ]);
  });

  it('puts the statuses that need attention first when sorted by status', () => {
    expect(filterTags(rows, { sort: 'status' }).map((r) => r.status)).toEqual([
      'signed-digest-mismatch',
      'signed-tag-missing',
      'unsigned',
      'signed',
    ]);
  });

  it('filters by status, signer and text, and shows only pullable tags in the client view', () => {
    expect(filterTags(rows, { sort: 'tag', status: 'unsigned' }).map((r) => r.tag)).toEqual(['dev']);
    expect(filterTags(rows, { sort: 'tag', signer: 'alice' }).map((r) => r.tag)).toEqual(['v2']);
    expect(filterTags(rows, { sort: 'tag', text: 'V1' }).map((r) => r.tag)).toEqual(['v10']);
    expect(filterTags(rows, { sort: 'tag', clientView: true }).map((r) => r.tag)).toEqual([
      'gone',
      'v2',
      'v10',
    ]);
  });

  it('lists every signer once', () => {
    expect(signersOf(rows)).toEqual(['alice', 'ci', 'Repo Admin']);
  });
});
