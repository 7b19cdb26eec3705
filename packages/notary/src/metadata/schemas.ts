// zod schemas of Notary's TUF documents (field names exactly as Notary writes them). They type the
// untrusted JSON; signatures are always checked over the canonical form of the *raw* `signed` value,
// so unknown extra fields are tolerated here (as Go's decoder does) but still covered by signatures.
// zod/mini, not classic zod: the same validation as functions a bundler can drop, so the CLI does not
// load classic zod's ~450 KB (its method chains and every locale) at each start (measured: ~20 ms).
import * as z from 'zod/mini';
import { en } from 'zod/locales';

// Readable reasons ("expected string, received number") in the verifier's messages; zod/mini loads
// no locale by default.
z.config(en());

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const maxLength = (n: number) => z.string().check(z.maxLength(n));
const count = z.int().check(z.minimum(0));

export const Expires = z.string().check(
  z.maxLength(64),
  z.regex(rfc3339, 'expected an RFC 3339 time'),
  z.refine((s) => !Number.isNaN(Date.parse(s)), 'unparseable time'),
);

export const Version = z.int().check(z.minimum(1));

export const KeyType = z.enum(['ecdsa', 'ecdsa-x509', 'rsa', 'rsa-x509', 'ed25519']);

export const PublicKeyDoc = z.object({
  keytype: maxLength(64),
  keyval: z.object({ public: maxLength(1 << 20), private: z.optional(z.unknown()) }),
});
export type PublicKeyDoc = z.infer<typeof PublicKeyDoc>;

export const SignatureDoc = z.object({
  keyid: maxLength(256),
  method: maxLength(64),
  sig: maxLength(1 << 16),
});
export type SignatureDoc = z.infer<typeof SignatureDoc>;

export const Envelope = z.object({
  signed: z.record(z.string(), z.unknown()),
  signatures: z.array(SignatureDoc).check(z.maxLength(1024)),
});

export const FileMeta = z.object({
  length: count,
  hashes: z.record(maxLength(64), maxLength(1024)),
  custom: z.optional(z.unknown()),
});
export type FileMeta = z.infer<typeof FileMeta>;

const KeyIds = z.array(maxLength(256)).check(z.maxLength(1024));

export const RoleKeys = z.object({ keyids: KeyIds, threshold: z.int() });

export const RootSigned = z.object({
  _type: z.literal('Root'),
  version: Version,
  expires: Expires,
  consistent_snapshot: z.optional(z.boolean()),
  keys: z.record(maxLength(256), PublicKeyDoc),
  roles: z.object({ root: RoleKeys, targets: RoleKeys, snapshot: RoleKeys, timestamp: RoleKeys }),
});
export type RootSigned = z.infer<typeof RootSigned>;

export const DelegationRoleDoc = z.object({
  name: maxLength(1024),
  keyids: KeyIds,
  threshold: z.int(),
  paths: z.nullish(z.array(maxLength(4096)).check(z.maxLength(10000))),
});
export type DelegationRoleDoc = z.infer<typeof DelegationRoleDoc>;

export const TargetsSigned = z.object({
  _type: z.literal('Targets'),
  version: Version,
  expires: Expires,
  targets: z.record(z.string(), FileMeta),
  delegations: z.optional(
    z.object({
      keys: z.record(maxLength(256), PublicKeyDoc),
      roles: z.array(DelegationRoleDoc).check(z.maxLength(10000)),
    }),
  ),
});
export type TargetsSigned = z.infer<typeof TargetsSigned>;

export const SnapshotSigned = z.object({
  _type: z.literal('Snapshot'),
  version: Version,
  expires: Expires,
  meta: z.record(maxLength(1024), FileMeta),
});
export type SnapshotSigned = z.infer<typeof SnapshotSigned>;

export const TimestampSigned = z.object({
  _type: z.literal('Timestamp'),
  version: Version,
  expires: Expires,
  meta: z.object({ snapshot: FileMeta }),
});
export type TimestampSigned = z.infer<typeof TimestampSigned>;
