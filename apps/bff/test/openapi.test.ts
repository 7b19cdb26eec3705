// /api/openapi.json is generated from the same zod schemas the routes validate with: it must be a valid
// OpenAPI document, and it must describe exactly the routes the app serves (a route added without
// createRoute, or a documented route nobody serves, fails here).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { createTokenVerifier } from '../src/auth/token-verifier.ts';
import { createLogger } from '../src/logging.ts';
import { createLoginServerAccess } from '../src/registry/login-server-access.ts';
import { createTokenMinter, testAuth, testDownstream } from './support/tokens.ts';

interface Operation {
  security?: unknown[];
  responses: Record<string, unknown>;
}
type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, Operation>> };

/** Routes anyone may call (no token); everything else is behind requireUser. */
const PUBLIC_PATHS = new Set(['/health', '/config']);
/** Served but not an API operation of its own: the document itself. */
const NOT_DOCUMENTED = new Set(['GET /openapi.json']);

let app: ReturnType<typeof createApp>;
let document: OpenApiDocument;

beforeAll(async () => {
  const webDist = mkdtempSync(path.join(tmpdir(), 'ctp-web-'));
  writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>spa</title>');
  const minter = await createTokenMinter();
  app = createApp({
    config: { webDist, auth: testAuth, downstream: testDownstream, corsOrigins: [] },
    verifyToken: createTokenVerifier(testAuth, { keySet: minter.keySet }),
    tokens: () => Promise.reject(new Error('the document needs no downstream token')),
    loginServers: createLoginServerAccess({ timeoutMs: 1000 }),
    log: createLogger('silent'),
  });
  const response = await app.request('/api/openapi.json');
  expect(response.status).toBe(200);
  document = (await response.json()) as OpenApiDocument;
});

/** `METHOD /path` of every API operation the Hono app serves (middleware and catch-alls left out). */
function servedOperations(): string[] {
  const served = app.routes
    .filter((r) => r.method !== 'ALL' && (r.path === '/api' || r.path.startsWith('/api/')))
    .map((r) => `${r.method} ${r.path.slice('/api'.length).replace(/:(\w+)/g, '{$1}') || '/'}`)
    .filter((op) => !NOT_DOCUMENTED.has(op));
  return [...new Set(served)].sort();
}

function documentedOperations(): string[] {
  return Object.entries(document.paths)
    .flatMap(([p, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${p}`))
    .sort();
}

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('lists every route the app serves, and only those', () => {
    const served = servedOperations();
    expect(served).toContain('GET /registries');
    expect(served).toContain(
      'GET /subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/registries/{registryName}',
    );
    expect(documentedOperations()).toEqual(served);
  });

  it('documents the bearer token and the problem answers of every signed-in operation', () => {
    for (const [p, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (PUBLIC_PATHS.has(p)) continue;
        const label = `${method.toUpperCase()} ${p}`;
        expect(operation.security, label).toEqual([{ portalToken: [] }]);
        expect(Object.keys(operation.responses), label).toEqual(
          expect.arrayContaining(['400', '401', '403']),
        );
      }
    }
  });

  it('gives every path parameter a pattern that clients can use as is (ECMA-262, no /…/flags)', () => {
    const patterns = Object.values(document.paths)
      .flatMap((item) => Object.values(item) as { parameters?: { schema?: { pattern?: string } }[] }[])
      .flatMap((operation) => operation.parameters ?? [])
      .map((parameter) => parameter.schema?.pattern)
      .filter((pattern): pattern is string => pattern !== undefined);
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of new Set(patterns)) {
      expect(pattern, pattern).toMatch(/^\^.*\$$/); // anchored, as ARM's rules are
      expect(() => new RegExp(pattern), pattern).not.toThrow();
    }
    const resourceGroup = new RegExp(
      patterns.find((p) => p.includes('89'))!, // the resource-group rule
    );
    expect(resourceGroup.test('registries-rg')).toBe(true);
  });
});
