// The ARM emulator's fault switches (apps/azure-local: /_azure-local/throttling, /_azure-local/outage and
// /_azure-local/faults/trust-server), called as the Owner with a real ARM token. `withArmFault` and
// `withTrustServerFault` always switch the fault off again.
import { ARM_DEFAULT_LIMITS } from '../../../apps/azure-local/src/control-plane/arm/throttle.ts';
import type { Stack } from '../../stack/support/stack.ts';
import { ARM_SCOPE, tokenOf } from './run-secrets.ts';

async function send(s: Stack, method: 'GET' | 'PUT', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${s.arm.endpoint}/_azure-local/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenOf(s, 'owner', ARM_SCOPE)}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok)
    throw new Error(`ARM ${path} switch answered ${response.status}: ${await response.text()}`);
  return response.json();
}
const put = (s: Stack, path: string, body: unknown) => send(s, 'PUT', path, body);

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

/** What the login server makes of the trust server's 200 answers for one role of one repository. */
export interface TrustServerFault {
  registry: string;
  repository: string;
  /** A role: its `<role>.json` and `<role>.<sha256>.json` are both faulted. */
  file: string;
  mode: 'truncate' | 'stall' | 'replace';
  /** For `replace`: the bytes served instead. */
  body?: Uint8Array;
  /** How many answers to fault (default: until switched off). */
  remaining?: number;
}

/** The switch's report: on or off, and how many answers it has faulted since it was set. */
export async function trustServerFaultState(s: Stack): Promise<{ enabled: boolean; served: number }> {
  return (await send(s, 'GET', 'faults/trust-server')) as { enabled: boolean; served: number };
}

export async function withTrustServerFault<T>(
  s: Stack,
  fault: TrustServerFault,
  during: () => Promise<T>,
): Promise<T> {
  const { body, ...rest } = fault;
  await put(s, 'faults/trust-server', {
    enabled: true,
    ...rest,
    ...(body ? { body: Buffer.from(body).toString('base64') } : {}),
  });
  try {
    return await during();
  } finally {
    await put(s, 'faults/trust-server', { enabled: false });
  }
}
