// Load, issue 17: 200 concurrent clients (autocannon) on the read routes for a minute, as the Owner:
// no error, no timeout, no non-2xx answer, and the BFF's resident memory stays bounded (sampled from
// /proc every half second). The duration can be shortened while developing with
// CTP_RELIABILITY_LOAD_SECONDS; `npm test` runs the full minute. The role-assignment list is left out:
// it resolves every principal through the local Graph, which alone serves ~15 requests/s on two cores,
// so 200 clients on it measure the emulator's queue, not the BFF (SECURITY.md, issue 17).
import autocannon from 'autocannon';
import { beforeAll, describe, expect, it } from 'vitest';
import { stack, type Stack } from '../../stack/support/stack.ts';
import { peakBetween, residentBytes, sampleResident } from '../support/memory.ts';
import { registryApi } from '../support/portal.ts';
import { tokenOf } from '../support/run-secrets.ts';
import { supervised } from '../support/supervised.ts';

const SECONDS = Number(process.env.CTP_RELIABILITY_LOAD_SECONDS ?? 60);
const CONNECTIONS = 200;
/**
 * Bounded memory: the BFF's resident memory may grow while V8 sizes its heap for 200 clients (and the
 * other probes running beside this file), but not without limit: at most this much over the baseline…
 */
const MEMORY_CEILING = 512 * 1024 * 1024;
/** …and, once the first half of the run has sized the heap, the second half adds at most this (no leak per request). */
const SECOND_HALF_GROWTH = 128 * 1024 * 1024;

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
      const samples = await memory.stop();
      const halfMs = (SECONDS * 1000) / 2;
      const firstHalf = peakBetween(samples, 0, halfMs);
      const secondHalf = peakBetween(samples, halfMs, Infinity);
      const peak = Math.max(firstHalf, secondHalf);
      const summary = {
        requests: result.requests.total,
        perSecond: Math.round(result.requests.average),
        p99Ms: result.latency.p99,
        maxMs: result.latency.max,
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        baselineMb: Math.round(baseline / 2 ** 20),
        firstHalfPeakMb: Math.round(firstHalf / 2 ** 20),
        secondHalfPeakMb: Math.round(secondHalf / 2 ** 20),
      };
      console.log(`[load] ${JSON.stringify(summary)}`);
      expect(result.requests.total).toBeGreaterThan(CONNECTIONS); // every client was answered, more than once
      expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({
        errors: 0,
        timeouts: 0,
        non2xx: 0,
      });
      expect(peak - baseline).toBeLessThan(MEMORY_CEILING);
      expect(secondHalf - firstHalf).toBeLessThan(SECOND_HALF_GROWTH);
      // Still the same process, still answering.
      expect((await supervised(s, 'portal')).pid).toBe(pid);
      expect((await fetch(`${s.portal!.url}/api/health`)).status).toBe(200);
    },
  );
});
