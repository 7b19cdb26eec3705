// Faults of the seeded registry's trust server (notary-server of ctpdemo), made with the real process:
// paused with SIGSTOP for longer than the BFF's upstream deadline, then killed with SIGKILL (the stack's
// supervisor restarts it). While it is down the repository is `unknown` with the reason, its tag counts
// all unknown (never signed), the request ends at the BFF's deadline instead of hanging, and once the
// fault ends the same request is verified again without anyone doing anything. The process is always
// continued (finally) so the suites after this one find it running. A trust server gone for good is
// e2e/stack/repositories-faults.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { stack, type Stack } from '../../stack/support/stack.ts';
import { summaryOf, UPSTREAM_TIMEOUT_MS, type Summary } from '../support/repositories.ts';
import { portalTokens } from '../support/run-secrets.ts';
import { crashAndWaitForRestart, supervised, whilePaused } from '../support/supervised.ts';

let s: Stack;
let owner: string;
let healthy: Summary;
const server = () => `notary-server-${s.premium.name}`;

beforeAll(async () => {
  s = await stack();
  owner = await portalTokens(s)('owner');
  const first = await summaryOf(s, owner, 'hello-world');
  expect(first.status).toBe(200);
  healthy = first.body;
  expect(healthy.trust).toBe('verified');
});

/** Unknown with a reason, and no tag counted signed: nothing unverified is reported signed. */
function expectUnknown(summary: Summary) {
  expect(summary.trust).toBe('unknown');
  expect(summary.reason).toBeTruthy();
  expect(summary.counts.signed ?? 0).toBe(0);
  expect(summary.counts['signed-digest-mismatch'] ?? 0).toBe(0);
  expect(summary.counts.unknown).toBe(summary.tags);
}

async function recoversByItself() {
  await expect
    .poll(async () => (await summaryOf(s, owner, 'hello-world')).body.trust, {
      timeout: 60_000,
      interval: 500,
    })
    .toBe('verified');
  expect((await summaryOf(s, owner, 'hello-world')).body.counts).toEqual(healthy.counts);
}

describe('the trust server paused, then killed', () => {
  it('paused past the deadline: unknown with the reason at the deadline, verified again once it runs', async () => {
    const during = await whilePaused(s, server(), () => summaryOf(s, owner, 'hello-world'));
    expect(during.status).toBe(200);
    expectUnknown(during.body);
    // Ended by the BFF's deadline (plus the login server's own hop), not left hanging.
    expect(during.ms).toBeGreaterThanOrEqual(UPSTREAM_TIMEOUT_MS - 1000);
    expect(during.ms).toBeLessThan(UPSTREAM_TIMEOUT_MS * 2);
    await recoversByItself();
  });

  it('killed: the supervisor restarts it and the portal recovers by itself; no answer was a 5xx', async () => {
    const before = await supervised(s, server());
    const statuses: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) statuses.push((await summaryOf(s, owner, 'hello-world')).status);
    })();
    await crashAndWaitForRestart(s, server(), 'SIGKILL');
    polling = false;
    await poller;
    expect((await supervised(s, server())).restarts).toBe(before.restarts + 1);
    expect(statuses.filter((st) => st !== 200)).toEqual([]);
    await recoversByItself();
  });
});
