// Messages between the CLI's main thread (downloads) and its verification thread (verify-worker.ts).
import type { FetchResult, VerifyResult } from '@ctp/notary';

/** A metadata file, as the verifier's MetadataSource asks for it. */
export type FileRequest =
  | { kind: 'current'; role: string; max: number }
  | { kind: 'checksum'; role: string; hex: string; max: number }
  | { kind: 'version'; role: string; version: number; max: number };

export type ToMain =
  | { type: 'file'; id: number; gun: string; file: FileRequest }
  | { type: 'result'; gun: string; result: VerifyResult };

export type FromMain =
  { type: 'verify'; gun: string; now: string } | { type: 'file'; id: number; result: FetchResult };
