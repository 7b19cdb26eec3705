// PostgreSQL restarted under the trust server: a fast shutdown (SIGINT to the postmaster, what
// `pg_ctl stop -m fast` sends) ends every connection notary-server and notary-signer hold; the stack's
// supervisor starts PostgreSQL again. Meanwhile the portal answers (unknown, never signed, never a 5xx),
// and afterwards the same repository is verified again without anyone restarting the trust server.
import { beforeAll, describe, expect, it } from 'vitest';
import { stack, type Stack } from '../../stack/support/stack.ts';
import { summaryOf } from '../support/repositories.ts';
import { portalTokens } from '../support/run-secrets.ts';
import { crashAndWaitForRestart, supervised } from '../support/supervised.ts';

let s: Stack;
let owner: string;

beforeAll(async () => {
  s = await stack();
  owner = await portalTokens(s)('owner');
  expect((await summaryOf(s, owner, 'payments/api')).body.trust).toBe('verified');
});

describe('PostgreSQL restarted under the trust server', () => {
  it('answers during the restart and verifies again afterwards by itself', async () => {
    const notaryBefore = await supervised(s, `notary-server-${s.premium.name}`);
    const seen: Array<{ status: number; trust: string; signed: number }> = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const answer = await summaryOf(s, owner, 'payments/api');
        seen.push({
          status: answer.status,
          trust: answer.body.trust,
          signed: answer.body.counts?.signed ?? 0,
        });
      }
    })();
    await crashAndWaitForRestart(s, 'postgres', 'SIGINT');
    polling = false;
    await poller;
    expect(seen.filter((a) => a.status !== 200)).toEqual([]);
    // Whatever was not verified during the restart was not counted signed.
    expect(seen.filter((a) => a.trust !== 'verified' && a.signed > 0)).toEqual([]);
    await expect
      .poll(async () => (await summaryOf(s, owner, 'payments/api')).body.trust, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe('verified');
    // notary-server itself was not restarted: it reconnected.
    expect((await supervised(s, `notary-server-${s.premium.name}`)).pid).toBe(notaryBefore.pid);
  });
});
