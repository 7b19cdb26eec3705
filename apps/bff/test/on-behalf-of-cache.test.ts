// The downstream-token cache in front of the on-behalf-of exchange, with an injected clock. The exchange
// here is a counting stand-in for the identity provider, because how often a real one was asked cannot be
// observed from outside; the stack suite runs the real msal-node exchange end to end.
import { describe, expect, it } from 'vitest';
import { cachedTokens, type DownstreamToken } from '../src/auth/on-behalf-of.ts';
import type { Caller } from '../src/auth/token-verifier.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const ARM = 'https://management.azure.com/user_impersonation';
const GRAPH = 'https://graph.microsoft.com/.default';

const callerWith = (accessToken: string): Caller => ({
  objectId: '11111111-1111-4111-8111-111111111111',
  tenantId: '72f988bf-0000-4000-8000-00000000c7a1',
  name: 'Olivia Owner',
  username: 'olivia@contoso.test',
  scopes: ['access_as_user'],
  accessToken,
});

function harness(options: { maxEntries?: number; lifetimeMs?: number } = {}) {
  let clock = 1_000_000;
  const exchanges: Array<{ token: string; scope: string }> = [];
  const tokens = cachedTokens(
    async (caller, scope): Promise<DownstreamToken> => {
      exchanges.push({ token: caller.accessToken, scope });
      await new Promise((resolve) => setImmediate(resolve)); // a real exchange is never synchronous
      return {
        token: `${scope}#${exchanges.length}`,
        expiresOnTimestamp: clock + (options.lifetimeMs ?? HOUR),
      };
    },
    { now: () => clock, ...(options.maxEntries ? { maxEntries: options.maxEntries } : {}) },
  );
  return { tokens, exchanges, advance: (ms: number) => (clock += ms) };
}

describe('on-behalf-of token cache', () => {
  it('two calls for the same session and scope: one exchange, the same token', async () => {
    const { tokens, exchanges } = harness();
    const first = await tokens(callerWith('session-a'), ARM);
    const second = await tokens(callerWith('session-a'), ARM);
    expect(exchanges).toHaveLength(1);
    expect(second).toEqual(first);
  });

  it('concurrent calls share one exchange', async () => {
    const { tokens, exchanges } = harness();
    const answers = await Promise.all([1, 2, 3].map(() => tokens(callerWith('session-a'), ARM)));
    expect(exchanges).toHaveLength(1);
    expect(new Set(answers.map((a) => a.token)).size).toBe(1);
  });

  it('keys by session and by scope', async () => {
    const { tokens, exchanges } = harness();
    await tokens(callerWith('session-a'), ARM);
    await tokens(callerWith('session-a'), GRAPH);
    await tokens(callerWith('session-b'), ARM);
    expect(exchanges.map((e) => `${e.token} ${e.scope}`)).toEqual([
      `session-a ${ARM}`,
      `session-a ${GRAPH}`,
      `session-b ${ARM}`,
    ]);
  });

  it('renews five minutes before expiry, not after', async () => {
    const { tokens, exchanges, advance } = harness();
    await tokens(callerWith('session-a'), ARM);
    advance(HOUR - 6 * MINUTE);
    await tokens(callerWith('session-a'), ARM);
    expect(exchanges).toHaveLength(1);
    advance(2 * MINUTE); // now 4 minutes before expiry
    const renewed = await tokens(callerWith('session-a'), ARM);
    expect(exchanges).toHaveLength(2);
    expect(renewed.token).toBe(`${ARM}#2`);
  });

  it('is bounded: the least recently used session is exchanged again', async () => {
    const { tokens, exchanges } = harness({ maxEntries: 2 });
    await tokens(callerWith('session-a'), ARM);
    await tokens(callerWith('session-b'), ARM);
    await tokens(callerWith('session-c'), ARM); // evicts session-a
    await tokens(callerWith('session-c'), ARM);
    await tokens(callerWith('session-a'), ARM);
    expect(exchanges.map((e) => e.token)).toEqual(['session-a', 'session-b', 'session-c', 'session-a']);
  });

  it('does not cache a failed exchange', async () => {
    let fail = true;
    let calls = 0;
    const tokens = cachedTokens(async () => {
      calls += 1;
      if (fail) throw new Error('identity provider down');
      return { token: 't', expiresOnTimestamp: Date.now() + HOUR };
    });
    await expect(tokens(callerWith('session-a'), ARM)).rejects.toThrow('identity provider down');
    fail = false;
    await expect(tokens(callerWith('session-a'), ARM)).resolves.toMatchObject({ token: 't' });
    expect(calls).toBe(2);
  });
});
