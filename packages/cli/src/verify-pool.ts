// Verification on a second thread (verify-worker.ts), downloads on this one. Measured on 120
// repositories: verification (key imports, signatures, parsing) is about as much CPU as downloading the
// files, so on two cores the two overlap instead of adding up. Used by the built CLI only: the worker is
// dist/verify-worker.js, which does not exist when the sources run directly (tests, tsx).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FetchResult, MetadataSource, VerifyResult } from '@ctp/notary';
import type { FileRequest, FromMain, ToMain } from './verify-protocol.ts';

/** Fewer GUNs than this are verified on the main thread: starting a thread would cost more. */
export const WORKER_MIN_GUNS = 8;

/** dist/verify-worker.js beside the bundled entry (this module is bundled into dist/chunks/). */
export function verifyWorkerPath(): string | undefined {
  const path = fileURLToPath(new URL('../verify-worker.js', import.meta.url));
  return existsSync(path) ? path : undefined;
}

function fetchFile(source: MetadataSource, file: FileRequest): Promise<FetchResult> {
  switch (file.kind) {
    case 'current':
      return source.current(file.role, file.max);
    case 'checksum':
      return source.byChecksum(file.role, file.hex, file.max);
    case 'version':
      return source.byVersion(file.role, file.version, file.max);
  }
}

/**
 * Verifies `guns` on a worker thread, at most `concurrency` at once, answering its file requests with
 * `sourceFor(gun)`. Every GUN gets a result: a crashed worker leaves the rest `unreachable`.
 */
export function verifyOnWorker(
  workerPath: string,
  guns: string[],
  sourceFor: (gun: string) => MetadataSource,
  concurrency: number,
  now = new Date(),
): Map<string, Promise<VerifyResult>> {
  const worker = new Worker(workerPath);
  const settle = new Map<string, (result: VerifyResult) => void>();
  const results = new Map(
    guns.map((gun) => [gun, new Promise<VerifyResult>((resolve) => settle.set(gun, resolve))]),
  );
  const sources = new Map<string, MetadataSource>();
  const post = (message: FromMain, transfer: ArrayBuffer[] = []) => worker.postMessage(message, transfer);
  let next = 0;
  const startNext = () => {
    if (next < guns.length) post({ type: 'verify', gun: guns[next++]!, now: now.toISOString() });
    else if (settle.size === 0) void worker.terminate();
  };

  worker.on('message', (message: ToMain) => {
    if (message.type === 'result') {
      settle.get(message.gun)?.(message.result);
      settle.delete(message.gun);
      startNext();
      return;
    }
    let source = sources.get(message.gun);
    if (!source) sources.set(message.gun, (source = sourceFor(message.gun)));
    void fetchFile(source, message.file).then((result) => {
      // The downloaded bytes move to the worker instead of being copied.
      const owned =
        result.kind === 'ok' &&
        result.bytes.byteOffset === 0 &&
        result.bytes.byteLength === result.bytes.buffer.byteLength;
      post(
        { type: 'file', id: message.id, result },
        owned ? [(result as { bytes: Uint8Array }).bytes.buffer as ArrayBuffer] : [],
      );
    });
  });
  worker.on('error', (error) => {
    for (const [gun, resolve] of settle)
      resolve({ kind: 'unreachable', gun, message: `verification thread failed: ${error.message}` });
    settle.clear();
  });
  for (let i = 0; i < Math.min(concurrency, guns.length); i++) startNext();
  return results;
}
