// Node's crypto module when the core runs on Node, found at run time (process.getBuiltinModule), so the
// core imports nothing Node-only and still runs in a browser on WebCrypto. Profiling the CLI showed
// WebCrypto's per-call promise jobs (digest, importKey, verify) and @peculiar/x509's ASN.1 parsing as
// most of the verification time; Node's synchronous hashing, verification and native X.509 avoid both.
import type * as NodeBuffer from 'node:buffer';
import type * as NodeCrypto from 'node:crypto';

type WithBuiltins = { process?: { getBuiltinModule?: (id: string) => unknown } };

export const nodeCrypto: typeof NodeCrypto | undefined = (
  globalThis as WithBuiltins
).process?.getBuiltinModule?.('node:crypto') as typeof NodeCrypto | undefined;

/** Node's Buffer, for base64 decoding without a per-byte loop (same run-time lookup as nodeCrypto). */
export const nodeBuffer: typeof NodeBuffer.Buffer | undefined = (
  (globalThis as WithBuiltins).process?.getBuiltinModule?.('node:buffer') as typeof NodeBuffer | undefined
)?.Buffer;
