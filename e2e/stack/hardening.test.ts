// Issue 8 against the stack `npm test` started: the health report lists every supervised process, and
// the portal ships no source maps and never answers a missing asset with HTML.
import { describe, expect, it } from 'vitest';
import { stack } from './support/stack.ts';

const s = await stack();

describe('the stack health report', () => {
  it('shows each supervised process and its state', async () => {
    const response = await fetch(`${s.arm.endpoint}/health`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as {
      status: string;
      processes: Array<{ name: string; state: string; pid: number; restarts: number }>;
    };
    const names = health.processes.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['postgres', 'notary-signer']));
    for (const registry of s.registries) {
      expect(names).toEqual(
        expect.arrayContaining([`registry-${registry.name}`, `notary-server-${registry.name}`]),
      );
    }
    if (s.portal) expect(names).toContain('portal');
    expect(health.processes.every((p) => Number.isInteger(p.pid) && p.restarts >= 0)).toBe(true);
    expect(health.status).toBe(health.processes.every((p) => p.state === 'running') ? 'ok' : 'degraded');
  });
});

describe.skipIf(!s.portal)('the portal as started', () => {
  const scripts = async () => {
    const html = await (await fetch(`${s.portal!.url}/`)).text();
    return [...html.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  };

  it('ships no source maps', async () => {
    const [main] = await scripts();
    expect(main).toBeDefined();
    const script = await fetch(`${s.portal!.url}${main}`);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).not.toMatch(/sourceMappingURL/);
    expect((await fetch(`${s.portal!.url}${main}.map`)).status).toBe(404);
  });

  it('answers a missing asset with 404 and index.html with no-cache', async () => {
    const missing = await fetch(`${s.portal!.url}/assets/main-0ld0ld00.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    const index = await fetch(`${s.portal!.url}/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
  });
});
