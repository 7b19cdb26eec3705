import { describe, expect, it } from 'vitest';
import { bearerChallenge, nextLink, parseScope, parseWwwAuthenticate } from '../src/index.ts';

describe('challenge and scope parsing', () => {
  it('parses a Bearer challenge with quoted commas and a host:port GUN scope', () => {
    const c = bearerChallenge(
      'Bearer realm="https://r.example/oauth2/token",service="r.example",scope="repository:r.example:443/team/app:pull,push",error="insufficient_scope"',
    );
    expect(c).toEqual({
      realm: 'https://r.example/oauth2/token',
      service: 'r.example',
      scopes: ['repository:r.example:443/team/app:pull,push'],
      error: 'insufficient_scope',
    });
    expect(parseScope(c!.scopes[0]!)).toEqual({
      type: 'repository',
      name: 'r.example:443/team/app',
      actions: ['pull', 'push'],
    });
  });

  it('parses several challenges and escaped quotes', () => {
    expect(parseWwwAuthenticate('Basic realm="a \\"b\\"", Bearer realm="x",scope="a b"')).toEqual([
      { scheme: 'basic', params: { realm: 'a "b"' } },
      { scheme: 'bearer', params: { realm: 'x', scope: 'a b' } },
    ]);
    expect(bearerChallenge('Bearer realm="x",scope="registry:catalog:* repository:a:pull"')?.scopes).toEqual([
      'registry:catalog:*',
      'repository:a:pull',
    ]);
    expect(bearerChallenge('Basic realm="x"')).toBeUndefined();
  });

  it('resolves Link next pages', () => {
    expect(nextLink('</v2/_catalog?last=b&n=2>; rel="next"', 'http://h:1')).toBe(
      'http://h:1/v2/_catalog?last=b&n=2',
    );
    expect(nextLink(null, 'http://h')).toBeUndefined();
  });
});
