// Which scopes ride along in a token request: the next GUNs of a CLI run, the next repositories of a scan.
import { describe, expect, it } from 'vitest';
import { gunScopeBatches, scanScopeBatches } from '../src/index.ts';

describe('gunScopeBatches', () => {
  const guns = Array.from({ length: 20 }, (_, i) => `reg.example:5000/team/app${i}`);
  const companions = gunScopeBatches(guns, 4);

  it("brings the other GUNs of the pull scope's block, whichever GUN of it asks", () => {
    const scopes = (list: string[]) => list.map((g) => `repository:${g}:pull`);
    expect(companions([`repository:${guns[0]}:pull`])).toEqual(scopes(guns.slice(1, 4)));
    expect(companions([`repository:${guns[2]}:pull`])).toEqual(scopes([guns[0]!, guns[1]!, guns[3]!]));
    expect(companions([`repository:${guns[17]}:pull`])).toEqual(scopes([guns[16]!, guns[18]!, guns[19]!]));
  });

  it('adds nothing to other scopes: push, several at once, unknown names', () => {
    expect(companions([`repository:${guns[0]}:pull,push`])).toEqual([]);
    expect(companions([`repository:${guns[0]}:pull`, `repository:${guns[1]}:pull`])).toEqual([]);
    expect(companions(['repository:reg.example:5000/other:pull'])).toEqual([]);
    expect(companions(['registry:catalog:*'])).toEqual([]);
  });
});

describe('scanScopeBatches', () => {
  it("asks for a repository's registry and trust scopes and its block's once planned", () => {
    const batches = scanScopeBatches('reg.example', 6);
    expect(batches.companions(['repository:a:pull'])).toEqual([]); // nothing planned yet
    batches.plan(['a', 'b', 'c', 'd']);
    expect(batches.companions(['repository:a:pull'])).toEqual([
      'repository:reg.example/a:pull',
      'repository:b:pull',
      'repository:reg.example/b:pull',
      'repository:c:pull',
      'repository:reg.example/c:pull',
    ]);
    expect(batches.companions(['repository:reg.example/d:pull'])).toEqual(['repository:d:pull']);
    expect(batches.companions(['repository:b:pull'])).toEqual([
      'repository:a:pull',
      'repository:reg.example/a:pull',
      'repository:reg.example/b:pull',
      'repository:c:pull',
      'repository:reg.example/c:pull',
    ]);
    expect(batches.companions(['registry:catalog:*'])).toEqual([]);
  });
});
