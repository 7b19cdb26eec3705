// Load, issue 17: 200 concurrent clients (autocannon) on the read routes for a minute, as the Owner:
// no error, no timeout, no non-2xx answer, and the BFF's resident memory stays bounded (sampled from
// /proc every half second). The duration can be shortened while developing with
// CTP_RELIABILITY_LOAD_SECONDS; `npm test` runs the full minute. The role-assignment list is left out:
// it resolves every principal through the local Graph, which alone serves ~15 requests/s on two cores,
// so 200 clients on it measure the emulator's queue, not the BFF (SECURITY.md, issue 17).
import autocannon from 'autocannon';
import { beforeAll, describe, expect, it } from 'vitest';
import { stack, type Stack } from '../../stack/support/stack.ts';
import { residentBytes, sampleResident } from '../support/memory.ts';
import { registryApi } from '../support/portal.ts';
import { tokenOf } from '../support/run-secrets.ts';
import { supervised } from '../support/supervised.ts';

const SECONDS = Number(process.env.CTP_RELIABILITY_LOAD_SECONDS ?? 60);
const CONNECTIONS = 200;
/** Growth of the BFF's resident memory under the whole run that still counts as bounded. */
const MEMORY_BOUND = 256 * 1024 * 1024;

let s: Stack;
let owner: string;

beforeAll(async () => {
  s = await stack();
  owner = await tokenOf(s, 'owner');
});

describe('200 concurrent clients on the read routes', () => {
  it(
    `answers every request for ${SECONDS} s with memory bounded`,
    { timeout: (SECONDS + 60) * 1000 },
    async () => {
      const { pid } = await supervised(s, 'portal');
      const reg = registryApi(s);
      const paths = [
        '/api/registries',
        reg,
        `${reg}/content-trust`,
        `${reg}/repositories/summary?repository=hello-world`,
        `${reg}/access-control/role-assignments`,
        '/api/me',
      ];
      // Warm every route once (caches, token exchange), then take the baseline.
      for (const path of paths) {
        const warm = await fetch(`${s.portal!.url}${path}`, {
          headers: { authorization: `Bearer ${owner}` },
        });
        expect(warm.status, path).toBe(200);
        await warm.arrayBuffer();
      }
      const baseline = await residentBytes(pid);
      const memory = sampleResident(pid);
      const result = await autocannon({
        url: s.portal!.url,
        connections: CONNECTIONS,
        duration: SECONDS,
        timeout: 30,
        headers: { authorization: `Bearer ${owner}` },
        requests: paths.map((path) => ({ method: 'GET', path })),
      });
      const peak = await memory.stop();
      const summary = {
        requests: result.requests.total,
        perSecond: Math.round(result.requests.average),
        p99Ms: result.latency.p99,
        maxMs: result.latency.max,
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        baselineMb: Math.round(baseline / 2 ** 20),
        peakMb: Math.round(peak / 2 ** 20),
      };
      console.log(`[load] ${JSON.stringify(summary)}`);
      expect(result.requests.total).toBeGreaterThan(CONNECTIONS); // every client was answered, more than once
      expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({
        errors: 0,
        timeouts: 0,
        non2xx: 0,
      });
      expect(peak - baseline).toBeLessThan(MEMORY_BOUND);
      // Still the same process, still answering.
      expect((await supervised(s, 'portal')).pid).toBe(pid);
      expect((await fetch(`${s.portal!.url}/api/health`)).status).toBe(200);
    },
  );
});
