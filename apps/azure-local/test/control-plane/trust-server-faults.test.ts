// ARM's trust-server fault switch (`/_azure-local/faults/trust-server`, emulator-only): who may use it,
// what it refuses (ARM's error envelope, nothing switched on), and which trust-server answers the login
// servers are then told to fault (ControlPlanePort.takeTrustServerFault, what they ask per answer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armRequest, startTestControlPlane, type Loose, type TestControlPlane } from './harness.ts';

const ARM_SCOPE = 'https://management.azure.com/.default';
const PATH = '/_azure-local/faults/trust-server';
const SHA = 'ab'.repeat(32);

let t: TestControlPlane;
let arm: string;
let owner: string;
let loginServer: string;
let gun: string;

beforeAll(async () => {
  t = await startTestControlPlane();
  arm = t.cp.describe().arm!.endpoint;
  owner = await t.userToken('owner', ARM_SCOPE);
  loginServer = t.cp.listRegistries().find((r) => r.name === 'ctpdemo')!.loginServer;
  gun = `${loginServer}/hello-world`;
});
afterAll(async () => t?.stop());

const put = (body: unknown, token = owner) => armRequest(arm, token, 'PUT', PATH, body);
const take = (path: string, forGun = gun) => t.cp.takeTrustServerFault(loginServer, forGun, path);

describe('the trust-server fault switch', () => {
  it('needs Owner-level rights on the subscription', async () => {
    const reader = await t.userToken('reader', ARM_SCOPE);
    const answer = await put({ enabled: false }, reader);
    expect(answer.status).toBe(403);
    expect(answer.body?.error.code).toBe('AuthorizationFailed');
    expect((await armRequest(arm, reader, 'GET', PATH)).status).toBe(403);
  });

  it.each<[string, Loose, number, string, string?]>([
    [
      'no file',
      { enabled: true, registry: 'ctpdemo', repository: 'a', mode: 'stall' },
      400,
      'InvalidRequestContent',
      'file',
    ],
    [
      'a file that is no role',
      { enabled: true, registry: 'ctpdemo', repository: 'a', file: '../x', mode: 'stall' },
      400,
      'InvalidRequestContent',
      'file',
    ],
    [
      'an unknown mode',
      { enabled: true, registry: 'ctpdemo', repository: 'a', file: 'snapshot', mode: 'drop' },
      400,
      'InvalidRequestContent',
      'mode',
    ],
    [
      'replace without a body',
      { enabled: true, registry: 'ctpdemo', repository: 'a', file: 'snapshot', mode: 'replace' },
      400,
      'InvalidRequestContent',
      'body',
    ],
    [
      'a body that is not base64',
      { enabled: true, registry: 'ctpdemo', repository: 'a', file: 'snapshot', mode: 'replace', body: 'a b' },
      400,
      'InvalidRequestContent',
      'body',
    ],
    [
      'a body without replace',
      { enabled: true, registry: 'ctpdemo', repository: 'a', file: 'snapshot', mode: 'stall', body: '' },
      400,
      'InvalidRequestContent',
      'body',
    ],
    [
      'both registry and loginServer',
      {
        enabled: true,
        registry: 'ctpdemo',
        loginServer: 'x',
        repository: 'a',
        file: 'snapshot',
        mode: 'stall',
      },
      400,
      'InvalidRequestContent',
    ],
    [
      'neither repository nor gun',
      { enabled: true, registry: 'ctpdemo', file: 'snapshot', mode: 'stall' },
      400,
      'InvalidRequestContent',
    ],
    ['an unknown field', { enabled: false, extra: 1 }, 400, 'InvalidRequestContent'],
    [
      'remaining 0',
      { enabled: true, registry: 'ctpdemo', repository: 'a', file: 'snapshot', mode: 'stall', remaining: 0 },
      400,
      'InvalidRequestContent',
      'remaining',
    ],
    [
      'a registry that does not exist',
      { enabled: true, registry: 'nope', repository: 'a', file: 'snapshot', mode: 'stall' },
      404,
      'ResourceNotFound',
    ],
    [
      'a GUN of another login server',
      { enabled: true, registry: 'ctpdemo', gun: 'localhost:1/a', file: 'snapshot', mode: 'stall' },
      400,
      'InvalidRequestContent',
      'gun',
    ],
  ])(
    'refuses %s in the ARM error envelope and switches nothing on',
    async (_label, body, status, code, target) => {
      const answer = await put(body);
      expect(answer.status).toBe(status);
      expect(answer.body?.error.code).toBe(code);
      if (target) expect(answer.body?.error.target ?? answer.body?.error.message).toContain(target);
      expect(take('tuf/snapshot.json', `${loginServer}/a`)).toBeUndefined();
    },
  );

  it('faults the current and the checksum-addressed file of that role of that GUN, nothing else', async () => {
    const on = await put({
      enabled: true,
      registry: 'ctpdemo',
      repository: 'hello-world',
      file: 'targets/releases',
      mode: 'truncate',
    });
    expect(on.status).toBe(200);
    expect(on.body).toEqual({
      enabled: true,
      loginServer,
      gun,
      file: 'targets/releases',
      mode: 'truncate',
      served: 0,
    });
    expect(take('tuf/targets/releases.json')).toEqual({ mode: 'truncate' });
    expect(take(`tuf/targets/releases.${SHA}.json`)).toEqual({ mode: 'truncate' });
    for (const other of [
      'tuf/targets.json',
      `tuf/targets.${SHA}.json`,
      'tuf/1.targets/releases.json',
      'tuf/targets/releases.abc.json',
      'tuf/targets/releases.key',
    ])
      expect(take(other), other).toBeUndefined();
    expect(take('tuf/targets/releases.json', `${loginServer}/payments/api`)).toBeUndefined();
    expect(t.cp.takeTrustServerFault('localhost:1', gun, 'tuf/targets/releases.json')).toBeUndefined();
    expect((await armRequest(arm, owner, 'GET', PATH)).body).toMatchObject({ enabled: true, served: 2 });
    expect((await put({ enabled: false })).body).toEqual({ enabled: false, served: 0 });
    expect(take('tuf/targets/releases.json')).toBeUndefined();
  });

  it('replace carries the decoded bytes; `remaining` answers later it is off by itself', async () => {
    const body = Buffer.from('{"signed":{}}');
    const on = await put({
      enabled: true,
      loginServer,
      gun,
      file: 'snapshot',
      mode: 'replace',
      body: body.toString('base64'),
      remaining: 2,
    });
    expect(on.body).toMatchObject({ enabled: true, mode: 'replace', bodyBytes: body.length, remaining: 2 });
    const first = take(`tuf/snapshot.${SHA}.json`);
    expect(first?.mode === 'replace' && Buffer.from(first.body).equals(body)).toBe(true);
    expect(take('tuf/snapshot.json')).toMatchObject({ mode: 'replace' });
    expect(take('tuf/snapshot.json')).toBeUndefined();
    expect((await armRequest(arm, owner, 'GET', PATH)).body).toEqual({ enabled: false, served: 2 });
  });
});
