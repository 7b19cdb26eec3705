// ARM busy, through the emulator's switches (support/arm-switches.ts): throttled (429 with Retry-After,
// ARM's per-principal buckets run dry) and an outage (503 with Retry-After). The Azure SDK in the BFF
// retries as ARM asks; when ARM still refuses, the BFF answers a problem with ARM's status and code and
// passes ARM's Retry-After on (it dropped it before: apps/bff/src/middleware/problem.ts), says nothing
// about trust it could not check, and answers normally as soon as the fault is switched off.
import { beforeAll, describe, expect, it } from 'vitest';
import { stack, type Stack } from '../../stack/support/stack.ts';
import { withArmFault } from '../support/arm-switches.ts';
import { call, registryApi } from '../support/portal.ts';
import { portalTokens } from '../support/run-secrets.ts';

let s: Stack;
let owner: string;

beforeAll(async () => {
  s = await stack();
  owner = await portalTokens(s)('owner');
  expect((await call(s, registryApi(s), { token: owner })).status).toBe(200);
});

const reads = () => [
  registryApi(s),
  `${registryApi(s)}/content-trust`,
  `${registryApi(s)}/repositories/summary?repository=hello-world`,
];

describe('ARM throttling and outage', () => {
  it.each([
    ['throttled', 429, 'SubscriptionRequestsThrottled', 2],
    ['outage', 503, 'ServiceUnavailable', 1],
  ] as const)(
    '%s: %i problems with ARM’s code and Retry-After, then recovery',
    async (kind, status, code, retryAfter) => {
      const during = await withArmFault(s, { kind, retryAfterSeconds: retryAfter }, () =>
        Promise.all(reads().map((path) => call(s, path, { token: owner }))),
      );
      for (const answer of during) {
        expect(answer.status).toBe(status);
        expect(answer.headers.get('content-type')).toBe('application/problem+json');
        expect(answer.headers.get('retry-after')).toBe(String(retryAfter));
        expect(answer.json()).toMatchObject({ status, code });
        expect(answer.text).not.toMatch(/"trust"\s*:\s*"verified"/);
      }
      for (const path of reads()) expect((await call(s, path, { token: owner })).status, path).toBe(200);
    },
  );
});
