// Signature and threshold checks (Notary's signed.VerifySignatures): the message is the canonical
// JSON of the parsed `signed` value; a listed key must hash to the signature's key ID; one key counts
// once; methods are lower-cased.
import { canonicalBytes, CanonicalJsonError } from './canonical-json.ts';
import { base64ToBytes, sha256Hex, toBuffer } from './encoding.ts';
import { tufKeyId } from './keys/key-id.ts';
import { importVerifierKeys, type VerifierKey } from './keys/public-key.ts';
import type { PublicKeyDoc, SignatureDoc } from './metadata/schemas.ts';
import type { KeyObject } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { nodeCrypto } from './platform/node-crypto.ts';

export interface RoleKeySet {
  name: string;
  keys: Record<string, PublicKeyDoc>;
  threshold: number;
}

export type ThresholdResult =
  | { ok: true; validKeyIds: string[] }
  | { ok: false; check: 'signature' | 'key-id' | 'parse'; message: string };

/**
 * Memo of verified (message, key, signature) triples: verified metadata is never re-verified.
 * `maxEntries` 0 keeps nothing (a client that checks each signature once: the CLI).
 */
export class SignatureMemo {
  private readonly results: LRUCache<string, boolean> | undefined;
  private readonly keys: LRUCache<string, Promise<VerifierKey[]>> | undefined;
  constructor(maxEntries = 50_000) {
    if (maxEntries > 0) {
      this.results = new LRUCache({ max: maxEntries });
      this.keys = new LRUCache({ max: maxEntries });
    }
  }

  /** False when nothing is kept: the caller need not compute the keys. */
  get keeps(): boolean {
    return this.results !== undefined;
  }
  verifierKeys(keyId: string, doc: PublicKeyDoc): Promise<VerifierKey[]> {
    let found = this.keys?.get(keyId);
    if (!found) {
      found = importVerifierKeys(doc);
      this.keys?.set(keyId, found);
    }
    return found;
  }
  get(key: string): boolean | undefined {
    return this.results?.get(key);
  }
  set(key: string, value: boolean): void {
    this.results?.set(key, value);
  }
}

/**
 * Node's check, in the callback form: OpenSSL's verification then runs on libuv's threadpool, off the
 * main thread that parses and fetches (measured on 480 P-256 signatures: ~50 ms of main-thread time
 * synchronously, ~5 ms to dispatch). The key is already imported, so only the arithmetic moves.
 */
function verifyNode(
  crypto: NonNullable<typeof nodeCrypto>,
  verifier: VerifierKey,
  sig: Uint8Array,
  message: Uint8Array,
): Promise<boolean> {
  const key = verifier.key as KeyObject;
  const check = (algorithm: string | null, options: Parameters<typeof crypto.verify>[2]) =>
    new Promise<boolean>((resolve, reject) =>
      crypto.verify(algorithm, message, options, sig, (error, good) =>
        error ? reject(error) : resolve(good),
      ),
    );
  switch (verifier.method) {
    case 'ecdsa':
      return sig.length === verifier.signatureLength
        ? check('sha256', { key, dsaEncoding: 'ieee-p1363' })
        : Promise.resolve(false);
    case 'eddsa':
      return sig.length === 64 ? check(null, key) : Promise.resolve(false);
    case 'rsapss':
      return sig.length >= 256
        ? check('sha256', { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
        : Promise.resolve(false);
    case 'rsapkcs1v15':
      return sig.length >= 256
        ? check('sha256', { key, padding: crypto.constants.RSA_PKCS1_PADDING })
        : Promise.resolve(false);
  }
}

async function verifyOne(verifier: VerifierKey, sig: Uint8Array, message: Uint8Array): Promise<boolean> {
  if (nodeCrypto && !(verifier.key instanceof CryptoKey))
    return verifyNode(nodeCrypto, verifier, sig, message);
  const s = subtleSafe();
  switch (verifier.method) {
    case 'ecdsa':
      if (sig.length !== verifier.signatureLength) return false;
      return s.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        verifier.key as CryptoKey,
        toBuffer(sig),
        toBuffer(message),
      );
    case 'eddsa':
      return (
        sig.length === 64 &&
        s.verify({ name: 'Ed25519' }, verifier.key as CryptoKey, toBuffer(sig), toBuffer(message))
      );
    case 'rsapss':
      return (
        sig.length >= 256 &&
        s.verify(
          { name: 'RSA-PSS', saltLength: 32 },
          verifier.key as CryptoKey,
          toBuffer(sig),
          toBuffer(message),
        )
      );
    case 'rsapkcs1v15':
      return (
        sig.length >= 256 &&
        s.verify({ name: 'RSASSA-PKCS1-v1_5' }, verifier.key as CryptoKey, toBuffer(sig), toBuffer(message))
      );
  }
}

function subtleSafe(): SubtleCrypto {
  return globalThis.crypto.subtle;
}

/** Does `signatures` carry a threshold of valid signatures by `role`'s keys over `rawSigned`? */
export async function verifyThreshold(
  rawSigned: unknown,
  signatures: SignatureDoc[],
  role: RoleKeySet,
  memo: SignatureMemo,
): Promise<ThresholdResult> {
  if (signatures.length === 0)
    return { ok: false, check: 'signature', message: `${role.name} has no signatures` };
  if (role.threshold < 1)
    return {
      ok: false,
      check: 'signature',
      message: `${role.name} has an invalid threshold ${role.threshold}`,
    };
  let message: Uint8Array;
  try {
    message = canonicalBytes(rawSigned);
  } catch (e) {
    const why = e instanceof CanonicalJsonError ? e.message : 'cannot canonicalize';
    return { ok: false, check: 'parse', message: `${role.name}: ${why}` };
  }
  const messageHash = memo.keeps ? await sha256Hex(message) : '';
  const valid = new Set<string>();
  for (const sig of signatures) {
    const key = Object.hasOwn(role.keys, sig.keyid) ? role.keys[sig.keyid] : undefined;
    if (!key) continue;
    if ((await tufKeyId(key)) !== sig.keyid) {
      return {
        ok: false,
        check: 'key-id',
        message: `${role.name}: key listed as ${sig.keyid} does not hash to that ID`,
      };
    }
    const memoKey = memo.keeps ? `${messageHash}|${sig.keyid}|${sig.method}|${sig.sig}` : '';
    let good = memo.get(memoKey);
    if (good === undefined) {
      const sigBytes = base64ToBytes(sig.sig);
      const method = sig.method.toLowerCase();
      const verifier = (await memo.verifierKeys(sig.keyid, key)).find((v) => v.method === method);
      good = false;
      if (sigBytes && verifier) {
        try {
          good = await verifyOne(verifier, sigBytes, message);
        } catch {
          good = false;
        }
      }
      memo.set(memoKey, good);
    }
    if (good) valid.add(sig.keyid);
  }
  if (valid.size < role.threshold) {
    return {
      ok: false,
      check: 'signature',
      message: `valid signatures did not meet threshold for ${role.name} (${valid.size} valid, threshold ${role.threshold})`,
    };
  }
  return { ok: true, validKeyIds: [...valid] };
}
