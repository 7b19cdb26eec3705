// A registry's content-trust blade through the BFF, as the SPA drives it: the status with its ETag, the
// change (with If-Match and, to disable, the typed registry name), and the long-running operation a
// disable starts, polled until it ends.
import { expect } from 'vitest';
import { eventually } from '../../stack/support/registry-http.ts';
import type { Stack } from '../../stack/support/stack.ts';
import { call, registryApi } from './portal.ts';

export interface Operation {
  id: string;
  status: string;
  progress?: { phase?: string; done?: number; total?: number | null };
}

export function contentTrustBlade(s: Stack, registryName: string, token: (key: string) => Promise<string>) {
  const path = `${registryApi(s, registryName)}/content-trust`;
  const operation = async (id: string): Promise<Operation> => {
    const answer = await call(s, `${path}/operations/${id}`, { token: await token('owner') });
    expect(answer.status, answer.text).toBe(200);
    return answer.json() as Operation;
  };
  return {
    /** The disable request: the typed confirmation is the registry's name. */
    disable: { status: 'disabled', confirmRegistryName: registryName },
    async status(key = 'owner') {
      const answer = await call(s, path, { token: await token(key) });
      expect(answer.status, answer.text).toBe(200);
      return {
        etag: answer.headers.get('etag')!,
        body: answer.json() as { trustPolicy: { status: string } },
      };
    },
    async put(key: string, body: unknown, etag?: string) {
      return call(s, path, {
        method: 'PUT',
        token: await token(key),
        ...(etag ? { headers: { 'if-match': etag } } : {}),
        body: JSON.stringify(body),
      });
    },
    operation,
    ended: (id: string) =>
      eventually(`operation ${id} to end`, async () => {
        const op = await operation(id);
        return op.status === 'InProgress' ? undefined : op;
      }),
  };
}
