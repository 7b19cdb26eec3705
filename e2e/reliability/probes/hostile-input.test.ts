// Hostile input, issue 17: names at and beyond the OCI grammar and length limits, path traversal and
// encoded slashes, header injection, oversized and deeply nested JSON. Each gets a problem+json client
// error that says what was wrong (or, for a well-formed name, an ordinary answer), never a 5xx, never
// another resource. Existing pins: malformed resource ids (e2e/stack/bff-registries.test.ts), bad
// repository names (repositories-seed), chunked 64 MB bodies (apps/bff/test/security.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { stack, type Stack } from '../../stack/support/stack.ts';
import { call, rawRequest, registryApi } from '../support/portal.ts';
import { tokenOf } from '../support/run-secrets.ts';

let s: Stack;
let owner: string;

beforeAll(async () => {
  s = await stack();
  owner = await tokenOf(s, 'owner');
});

const summary = (repository: string) =>
  call(s, `${registryApi(s)}/repositories/summary?repository=${encodeURIComponent(repository)}`, {
    token: owner,
  });

function expectProblem(answer: Awaited<ReturnType<typeof call>>, status: number, label: string) {
  expect(answer.status, label).toBe(status);
  expect(answer.headers.get('content-type'), label).toBe('application/problem+json');
  const body = answer.json() as { status: number; title: string; detail?: string };
  expect(body.status, label).toBe(status);
  expect(body.title.length, label).toBeGreaterThan(0);
  return body;
}

describe('repository names at and beyond the OCI grammar and length limits', () => {
  // Components joined by "/" up to exactly 256 characters (the contract's limit, Docker's 255 + 1 slash of slack).
  const atLimit = `${'a'.repeat(127)}/${'b'.repeat(128)}`;

  it('answers a name at the length limit (the registry has no such repository) without an error of ours', async () => {
    expect(atLimit).toHaveLength(256);
    const answer = await summary(atLimit);
    expect(answer.status, answer.text).toBeLessThan(500);
    if (answer.status === 200) expect(answer.json()).toMatchObject({ repository: atLimit });
  });

  it.each([
    ['one character over the limit', `${'a'.repeat(127)}/${'b'.repeat(129)}`],
    ['upper case', 'Hello-World'],
    ['a leading separator', '-hello'],
    ['a trailing slash', 'hello/'],
    ['an empty component', 'hello//world'],
    ['dot segments', '../../v2/_catalog'],
    ['an encoded slash kept encoded', 'hello%2Fworld'],
    ['a tag in the name', 'hello-world:latest'],
    ['a digest in the name', 'hello-world@sha256:' + '0'.repeat(64)],
    ['a NUL byte', 'hello\u0000world'],
    ['CR LF', 'hello\r\nX-Injected: 1'],
    ['a non-ASCII look-alike', 'hеllo'],
    ['a host in front', 'localhost:5000/hello'],
  ])('refuses %s with a 400 problem naming the field', async (_, name) => {
    const body = expectProblem(await summary(name), 400, name.slice(0, 40)) as {
      errors?: Array<{ path: string }>;
    };
    expect(body.errors?.map((e) => e.path)).toContain('repository');
  });
});

it('answers a 64 KB name in the URL with Node’s 431 before any route runs', async () => {
  const answer = await summary('a'.repeat(65_536));
  expect(answer.status).toBe(431);
});

describe('path traversal and encoded slashes in the URL', () => {
  it.each(['/api/subscriptions/x/../../config', '/api/subscriptions/%2e%2e/%2e%2e/config'])(
    '%s: dot segments resolve inside the portal (the public /api/config or the SPA page), nothing else',
    async (path) => {
      const host = new URL(s.portal!.url).host;
      const answer = await rawRequest(
        s,
        `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      );
      const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
      const config = (await call(s, '/api/config')).text;
      const spa = (await call(s, '/')).text;
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      expect(body.includes(config) || body.includes(spa), body.slice(0, 80)).toBe(true);
    },
  );

  it.each([
    '/api/subscriptions/..%2F..%2Fconfig',
    '/api/subscriptions/..%252F..%252Fconfig',
    '/api/registries/..%2F..%2Fhealth',
    `/api/subscriptions/SUB/resourceGroups/registries-rg%2F..%2F..%2Fx/registries/ctpdemo`,
    `/api/subscriptions/SUB/resourceGroups/registries-rg/registries/ctpdemo%2F..%2Fctpbasic`,
    `/api/subscriptions/SUB/resourceGroups/registries-rg/registries/ctpdemo/repositories/..%2F..%2F..%2Fme`,
  ])('%s: a client error, never another resource', async (raw) => {
    // Sent as written: fetch (WHATWG URL) would remove the dot segments before they left the client.
    const path = raw.replace('SUB', s.arm.subscriptionId);
    const answer = await rawRequest(
      s,
      `GET ${path} HTTP/1.1\r\nHost: ${new URL(s.portal!.url).host}\r\nAuthorization: Bearer ${owner}\r\nConnection: close\r\n\r\n`,
    );
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
    expect(status, path).toBeGreaterThanOrEqual(400);
    expect(status, path).toBeLessThan(500);
    expect(answer, path).toMatch(/^content-type: application\/problem\+json/im);
  });

  it('serves no file outside the SPA through the static route', async () => {
    for (const path of [
      '/..%2F..%2Fpackage.json',
      '/assets/..%2F..%2F..%2Fpackage.json',
      '/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const answer = await call(s, path);
      expect(answer.text, path).not.toMatch(/"name":\s*"@ctp|root:x:0/);
    }
  });
});

describe('header injection', () => {
  it('refuses CR/LF and NUL in header values and lets no input reach a response header', async () => {
    const host = new URL(s.portal!.url).host;
    const send = (header: string) =>
      rawRequest(s, `GET /api/health HTTP/1.1\r\nHost: ${host}\r\n${header}\r\nConnection: close\r\n\r\n`);
    // A bare CR or a NUL inside a value: Node refuses the request.
    for (const header of ['If-Match: "x"\rSet-Cookie: injected=1', 'Authorization: Bearer a\u0000b'])
      expect(await send(header), JSON.stringify(header)).toMatch(/^HTTP\/1\.1 400 /);
    // CR LF only starts another request header: never echoed into the answer.
    const answer = await send('X-Request-Id: abc\r\nSet-Cookie: injected=1');
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).not.toMatch(/^set-cookie/im);
    // A request id the client chose is never echoed: the BFF makes every id itself.
    for (const chosen of ['a"b<script>', 'plain-token-1'])
      expect(
        (await call(s, '/api/health', { headers: { 'x-request-id': chosen } })).headers.get('x-request-id'),
      ).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe('oversized and deeply nested JSON bodies', () => {
  const put = (body: string, etag = '"x"') =>
    call(s, `${registryApi(s)}/content-trust`, {
      method: 'PUT',
      token: owner,
      headers: { 'if-match': etag },
      body,
    });

  it('refuses a body nested 100 000 levels deep with a 400 problem', async () => {
    const body = '['.repeat(100_000) + ']'.repeat(100_000);
    expectProblem(await put(body), 400, 'nested');
    const objects = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
    expectProblem(await put(objects), 400, 'nested objects');
  });

  it('refuses a 2 MB body with a 413 problem', async () => {
    const body = JSON.stringify({ status: 'enabled', confirmRegistryName: 'x'.repeat(2 * 1024 * 1024) });
    // On a connection of its own: the BFF answers before reading the rest and then closes it, which a
    // pooled client connection would only learn on its next request.
    const host = new URL(s.portal!.url).host;
    const answer = await rawRequest(
      s,
      `PUT ${registryApi(s)}/content-trust HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${owner}\r\nIf-Match: "x"\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toMatch(/^content-type: application\/problem\+json/im);
  });

  it('refuses invalid JSON, a wrong type and unknown values with a 400 problem that does not echo them', async () => {
    for (const body of [
      '{"status":',
      '{"status":"enabled"}garbage',
      '{"status":["enabled"]}',
      '{"status":"<script>alert(1)</script>"}',
      'null',
      '"enabled"',
    ]) {
      const problem = expectProblem(await put(body), 400, body);
      expect(JSON.stringify(problem)).not.toContain('<script>');
    }
  });

  it('refuses a role assignment with a long description and a 10 000-element array body', async () => {
    const path = `${registryApi(s)}/access-control/role-assignments`;
    const long = await call(s, path, {
      method: 'POST',
      token: owner,
      body: JSON.stringify({
        roleDefinitionId: '6cef56e8-d556-48e5-a04f-b8e64114680f',
        principalId: s.identity('reader').objectId,
        principalType: 'User',
        description: 'x'.repeat(2049),
      }),
    });
    expectProblem(long, 400, 'description');
    expectProblem(
      await call(s, path, { method: 'POST', token: owner, body: JSON.stringify(Array(10_000).fill({})) }),
      400,
      'array',
    );
  });
});
