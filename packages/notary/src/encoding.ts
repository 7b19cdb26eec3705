// Small byte helpers on web-standard APIs (the core also runs in the browser); Node's hashing when present.
import { nodeBuffer, nodeCrypto } from './platform/node-crypto.ts';

export function bytesToHex(bytes: Uint8Array): string {
  if (nodeBuffer) return nodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Strict standard base64 (Go's StdEncoding): returns undefined for anything malformed. */
export function base64ToBytes(b64: string): Uint8Array | undefined {
  if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return undefined;
  if (nodeBuffer) {
    // Already checked to be strict base64 above; Buffer decodes it without atob's per-byte copy.
    const bytes = nodeBuffer.from(b64, 'base64');
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Copies into a fresh ArrayBuffer-backed view (WebCrypto's BufferSource typing wants one). */
export function toBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  if (nodeCrypto) return new Uint8Array(nodeCrypto.createHash('sha256').update(bytes).digest());
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', toBuffer(bytes)));
}

export async function sha512(bytes: Uint8Array): Promise<Uint8Array> {
  if (nodeCrypto) return new Uint8Array(nodeCrypto.createHash('sha512').update(bytes).digest());
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-512', toBuffer(bytes)));
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // crypto.hash (Node 20.12+): one call, no Hash object per digest.
  if (nodeCrypto?.hash) return nodeCrypto.hash('sha256', bytes, 'hex');
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(bytes).digest('hex');
  return bytesToHex(await sha256(bytes));
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
