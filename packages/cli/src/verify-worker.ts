// The verification thread of the built CLI (dist/verify-worker.js; see verify-pool.ts). It runs
// Notary's verification chain for the GUNs the main thread names and asks the main thread for every
// metadata file, so the signature checks, key imports and parsing of one repository run on one core
// while the main thread downloads the files of the next ones on the other.
import { parentPort } from 'node:worker_threads';
import { SignatureMemo, verifyChain, type FetchResult, type MetadataSource } from '@ctp/notary';
import type { FromMain, ToMain, FileRequest } from './verify-protocol.ts';

const port = parentPort!;
const pending = new Map<number, (result: FetchResult) => void>();
let nextId = 0;
// One pass over each GUN: a small memo (nothing is verified twice within a run).
const memo = new SignatureMemo(64);

function ask(gun: string, file: FileRequest): Promise<FetchResult> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    port.postMessage({ type: 'file', id, gun, file } satisfies ToMain);
  });
}

function remoteSource(gun: string): MetadataSource {
  return {
    current: (role, max) => ask(gun, { kind: 'current', role, max }),
    byChecksum: (role, hex, max) => ask(gun, { kind: 'checksum', role, hex, max }),
    byVersion: (role, version, max) => ask(gun, { kind: 'version', role, version, max }),
  };
}

port.on('message', (message: FromMain) => {
  if (message.type === 'file') {
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
    return;
  }
  const { gun, now } = message;
  void verifyChain(gun, remoteSource(gun), { now: new Date(now), memo }).then(
    (outcome) => port.postMessage({ type: 'result', gun, result: outcome.result } satisfies ToMain),
    (error: unknown) =>
      port.postMessage({
        type: 'result',
        gun,
        result: { kind: 'unreachable', gun, message: `verification failed: ${String(error)}` },
      } satisfies ToMain),
  );
});
