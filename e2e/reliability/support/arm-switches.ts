// The ARM emulator's fault switches (apps/azure-local: /_azure-local/throttling and /_azure-local/outage),
// called as the Owner with a real ARM token. `withArmFault` always switches the fault off again.
import { ARM_DEFAULT_LIMITS } from '../../../apps/azure-local/src/control-plane/arm/throttle.ts';
import type { Stack } from '../../stack/support/stack.ts';
import { ARM_SCOPE, tokenOf } from './run-secrets.ts';

async function put(s: Stack, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${s.arm.endpoint}/_azure-local/${path}`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${await tokenOf(s, 'owner', ARM_SCOPE)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`ARM ${path} switch answered ${response.status}: ${await response.text()}`);
}

export type ArmFault =
  { kind: 'throttled'; retryAfterSeconds: number } | { kind: 'outage'; retryAfterSeconds: number };

export async function withArmFault<T>(s: Stack, fault: ArmFault, during: () => Promise<T>): Promise<T> {
  if (fault.kind === 'throttled')
    // An empty read bucket refilling at 1/Retry-After per second: every read is throttled with that Retry-After.
    await put(s, 'throttling', {
      enabled: true,
      reads: { capacity: 0, refillPerSecond: 1 / fault.retryAfterSeconds },
    });
  else await put(s, 'outage', { enabled: true, retryAfterSeconds: fault.retryAfterSeconds });
  try {
    return await during();
  } finally {
    if (fault.kind === 'throttled') await put(s, 'throttling', { enabled: false, ...ARM_DEFAULT_LIMITS });
    else await put(s, 'outage', { enabled: false });
  }
}
