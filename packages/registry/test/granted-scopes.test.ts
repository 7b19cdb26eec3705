// Which scopes a token's access claim grants: only then may a token asked for several scopes serve one.
import { describe, expect, it } from 'vitest';
import { tokenGrants } from '../src/auth/granted-scopes.ts';

const jwt = (claims: unknown) =>
  ['{"alg":"ES256"}', JSON.stringify(claims)].map((p) => Buffer.from(p).toString('base64url')).join('.') +
  '.sig';

describe('tokenGrants', () => {
  const token = jwt({
    access: [
      { type: 'repository', name: 'localhost:5000/team/app', actions: ['pull'] },
      { type: 'repository', name: 'team/app', actions: ['pull', 'push'] },
      { type: 'registry', name: 'catalog', actions: ['*'] },
    ],
  });

  it('grants what the access claim lists, with every action asked for', () => {
    expect(tokenGrants(token, 'repository:localhost:5000/team/app:pull')).toBe(true);
    expect(tokenGrants(token, 'repository:team/app:push,pull')).toBe(true);
    expect(tokenGrants(token, 'registry:catalog:*')).toBe(true);
  });

  it('does not grant another name, a missing action or another type', () => {
    expect(tokenGrants(token, 'repository:localhost:5000/team/app:push')).toBe(false);
    expect(tokenGrants(token, 'repository:team/other:pull')).toBe(false);
    expect(tokenGrants(token, 'registry:team/app:pull')).toBe(false);
  });

  it('grants nothing when the token cannot be read', () => {
    for (const t of ['', 'opaque-token', 'a.!!!.c', jwt({ access: 'all' }), jwt(null), jwt({})])
      expect(tokenGrants(t, 'repository:team/app:pull')).toBe(false);
  });
});
