// Which scopes ride along in a token request: the next GUNs of a CLI run, the next repositories of a scan.
import { describe, expect, it } from 'vitest';
import { nextGunScopes, scanScopeBatches } from '../src/index.ts';

describe('nextGunScopes', () => {
  const guns = Array.from({ length: 20 }, (_, i) => `reg.example:5000/team/app${i}`);
  const companions = nextGunScopes(guns, 4);

  it("follows a GUN's pull scope with the next GUNs', up to the batch", () => {
    expect(companions([`repository:${guns[0]}:pull`])).toEqual(
      guns.slice(1, 4).map((g) => `repository:${g}:pull`),
    );
    expect(companions([`repository:${guns[19]}:pull`])).toEqual([]);
  });

  it('adds nothing to other scopes: push, several at once, unknown names', () => {
    expect(companions([`repository:${guns[0]}:pull,push`])).toEqual([]);
    expect(companions([`repository:${guns[0]}:pull`, `repository:${guns[1]}:pull`])).toEqual([]);
    expect(companions(['repository:reg.example:5000/other:pull'])).toEqual([]);
    expect(companions(['registry:catalog:*'])).toEqual([]);
  });
});

describe('scanScopeBatches', () => {
  it("asks for a repository's registry and trust scopes and the next repositories' once planned", () => {
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
    expect(batches.companions(['registry:catalog:*'])).toEqual([]);
  });
});
