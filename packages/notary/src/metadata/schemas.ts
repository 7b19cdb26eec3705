// zod schemas of Notary's TUF documents (field names exactly as Notary writes them). They type the
// untrusted JSON; signatures are always checked over the canonical form of the *raw* `signed` value,
// so unknown extra fields are tolerated here (as Go's decoder does) but still covered by signatures.
import { z } from 'zod';

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export const Expires = z
  .string()
  .max(64)
  .regex(rfc3339, 'expected an RFC 3339 time')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'unparseable time');

export const Version = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const KeyType = z.enum(['ecdsa', 'ecdsa-x509', 'rsa', 'rsa-x509', 'ed25519']);

export const PublicKeyDoc = z.object({
  keytype: z.string().max(64),
  keyval: z.object({ public: z.string().max(1 << 20), private: z.unknown().optional() }),
});
export type PublicKeyDoc = z.infer<typeof PublicKeyDoc>;

export const SignatureDoc = z.object({
  keyid: z.string().max(256),
  method: z.string().max(64),
  sig: z.string().max(1 << 16),
});
export type SignatureDoc = z.infer<typeof SignatureDoc>;

export const Envelope = z.object({
  signed: z.record(z.string(), z.unknown()),
  signatures: z.array(SignatureDoc).max(1024),
});

export const FileMeta = z.object({
  length: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  hashes: z.record(z.string().max(64), z.string().max(1024)),
  custom: z.unknown().optional(),
});
export type FileMeta = z.infer<typeof FileMeta>;

export const RoleKeys = z.object({
  keyids: z.array(z.string().max(256)).max(1024),
  threshold: z.number().int().max(Number.MAX_SAFE_INTEGER),
});

export const RootSigned = z.object({
  _type: z.literal('Root'),
  version: Version,
  expires: Expires,
  consistent_snapshot: z.boolean().optional(),
  keys: z.record(z.string().max(256), PublicKeyDoc),
  roles: z.object({ root: RoleKeys, targets: RoleKeys, snapshot: RoleKeys, timestamp: RoleKeys }),
});
export type RootSigned = z.infer<typeof RootSigned>;

export const DelegationRoleDoc = z.object({
  name: z.string().max(1024),
  keyids: z.array(z.string().max(256)).max(1024),
  threshold: z.number().int().max(Number.MAX_SAFE_INTEGER),
  paths: z.array(z.string().max(4096)).max(10000).nullish(),
});
export type DelegationRoleDoc = z.infer<typeof DelegationRoleDoc>;

export const TargetsSigned = z.object({
  _type: z.literal('Targets'),
  version: Version,
  expires: Expires,
  targets: z.record(z.string(), FileMeta),
  delegations: z
    .object({
      keys: z.record(z.string().max(256), PublicKeyDoc),
      roles: z.array(DelegationRoleDoc).max(10000),
    })
    .optional(),
});
export type TargetsSigned = z.infer<typeof TargetsSigned>;

export const SnapshotSigned = z.object({
  _type: z.literal('Snapshot'),
  version: Version,
  expires: Expires,
  meta: z.record(z.string().max(1024), FileMeta),
});
export type SnapshotSigned = z.infer<typeof SnapshotSigned>;

export const TimestampSigned = z.object({
  _type: z.literal('Timestamp'),
  version: Version,
  expires: Expires,
  meta: z.object({ snapshot: FileMeta }),
});
export type TimestampSigned = z.infer<typeof TimestampSigned>;
