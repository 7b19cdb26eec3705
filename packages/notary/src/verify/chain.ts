// Notary's client update, as a pure verification over a MetadataSource:
// root → timestamp → snapshot → targets → delegations (depth-first pre-order), each file bound to its
// parent by length and hashes, signatures and thresholds from root down, expiry of every role, and
// versions checked against what the caller has seen before.
import { sha256Hex } from '../encoding.ts';
import { MAX_METADATA_BYTES, MAX_TIMESTAMP_BYTES, parseDocument } from '../metadata/parse.ts';
import {
  SnapshotSigned,
  TargetsSigned,
  TimestampSigned,
  type FileMeta,
  type PublicKeyDoc,
  type RootSigned,
} from '../metadata/schemas.ts';
import type { ParsedDocument } from '../metadata/parse.ts';
import { verifyThreshold, type SignatureMemo } from '../signatures.ts';
import { checkDeclaredRoles, restrictPaths, validChildren } from './delegations.ts';
import { checkBinding, sha256HexOf } from './file-meta.ts';
import { keyInfo, pickKeys } from './key-info.ts';
import { parseRoot, signedByPrevious, trustedRootOf, verifyRootSelf, type TrustedRoot } from './root.ts';
import type { MetadataSource, FetchResult } from './source.ts';
import type {
  BaseRoleView,
  Check,
  DeclaredDelegation,
  TargetInfo,
  TargetsRoleView,
  TrustView,
  VerifyResult,
} from './types.ts';
import { canonicalKeyId } from '../keys/key-id.ts';
import { leafOfBundle } from '../keys/certificates.ts';

/** What a caller has seen of a GUN before: the rollback and root-rotation reference. */
export interface SeenState {
  versions: Record<string, number>;
  root?: TrustedRoot;
}

export interface ChainOptions {
  now: Date;
  seen?: SeenState;
  memo: SignatureMemo;
  /** Upper bound on delegation roles walked per GUN. */
  maxRoles?: number;
  /** Upper bound on root versions walked during a rotation. */
  maxRootWalk?: number;
  /** The last verified view of this GUN and the seen state it produced (the fast path). */
  previous?: { view: TrustView; seen: SeenState };
}

/** True when `seen` holds a version above what `view` verified (the fast path must not hide a rollback). */
function rolledBack(viewSeen: SeenState, seen: SeenState): boolean {
  return (
    Object.entries(seen.versions).some(([role, v]) => (viewSeen.versions[role] ?? 0) < v) ||
    (seen.root !== undefined &&
      seen.root.sha256 !== viewSeen.root?.sha256 &&
      seen.root.version >= (viewSeen.root?.version ?? 0))
  );
}

function mergeSeen(a: SeenState, b: SeenState): SeenState {
  const versions = { ...b.versions };
  for (const [role, v] of Object.entries(a.versions)) versions[role] = Math.max(v, versions[role] ?? 0);
  const root = a.root ?? b.root;
  return root ? { versions, root } : { versions };
}

export interface ChainOutcome {
  result: VerifyResult;
  /** The updated seen state, only when the result is verified. */
  seen?: SeenState;
  /** The timestamp bytes' sha256 when one was downloaded. */
  timestampSha256?: string;
}

class Stop {
  constructor(readonly result: VerifyResult) {}
}

function isExpired(expires: string, now: Date): boolean {
  return now.getTime() > Date.parse(expires);
}

async function baseRoleView(
  name: BaseRoleView['name'],
  version: number,
  expires: string,
  root: RootSigned,
): Promise<BaseRoleView> {
  const role = root.roles[name];
  return {
    name,
    version,
    expires,
    threshold: role.threshold,
    keys: await Promise.all(role.keyids.map((id) => keyInfo(id, root.keys[id]))),
  };
}

interface PendingRole {
  name: string;
  parent: string | null;
  keys: Record<string, PublicKeyDoc>;
  keyIds: string[];
  threshold: number;
  paths: string[];
}

export async function verifyChain(
  gun: string,
  source: MetadataSource,
  opts: ChainOptions,
): Promise<ChainOutcome> {
  const { now, memo } = opts;
  const seen: SeenState = opts.seen ?? { versions: {} };
  const invalid = (role: string, check: Check, message: string) =>
    new Stop({ kind: 'invalid', gun, role, check, message });

  const bytesOf = (role: string, r: FetchResult): Uint8Array => {
    switch (r.kind) {
      case 'ok':
        return r.bytes;
      case 'not-found':
        throw invalid(
          role,
          'missing',
          `the trust server does not serve ${role} metadata that the chain binds`,
        );
      case 'too-large':
        throw invalid(role, 'size', `${role} is larger than ${r.limit} bytes`);
      case 'error':
        throw new Stop({
          kind: 'unreachable',
          gun,
          message: `fetching ${role}: ${r.message}`,
          ...(r.status === undefined ? {} : { status: r.status }),
        });
    }
  };
  const capFor = (role: string, meta: FileMeta): number => {
    if (meta.length > MAX_METADATA_BYTES)
      throw invalid(
        role,
        'size',
        `${role} is bound at ${meta.length} bytes, above the ${MAX_METADATA_BYTES}-byte limit`,
      );
    return meta.length;
  };
  const checkVersion = (role: string, version: number) => {
    const before = seen.versions[role];
    if (before !== undefined && version < before)
      throw invalid(role, 'rollback', `${role} version ${version} is lower than current version ${before}`);
  };

  try {
    // 1. timestamp (no hash known; Notary's 1 MiB cap). When it is byte-identical to the one behind a
    // still-fresh previous view, nothing below it can have changed: the view is reused as is.
    // Without a previous view the root is needed anyway: it is fetched alongside the timestamp (one
    // round trip less per GUN); with one, only the timestamp is fetched unless it changed.
    const rootPrefetch = opts.previous ? undefined : source.current('root', MAX_METADATA_BYTES);
    const tsFetch = await source.current('timestamp', MAX_TIMESTAMP_BYTES);
    if (tsFetch.kind === 'not-found') {
      const rootProbe = await (rootPrefetch ?? source.current('root', MAX_METADATA_BYTES));
      if (rootProbe.kind === 'not-found') return { result: { kind: 'no-trust-data', gun } };
    }
    const tsBytes = bytesOf('timestamp', tsFetch);
    const timestampSha256 = await sha256Hex(tsBytes);
    const previous = opts.previous;
    if (
      previous &&
      previous.view.timestampSha256 === timestampSha256 &&
      now.getTime() <= Date.parse(previous.view.earliestExpiry) &&
      !rolledBack(previous.seen, seen)
    ) {
      return {
        result: { kind: 'verified', view: { ...previous.view, verifiedAt: now.toISOString() } },
        seen: mergeSeen(previous.seen, seen),
        timestampSha256,
      };
    }
    const rootBytes = bytesOf('root', await (rootPrefetch ?? source.current('root', MAX_METADATA_BYTES)));

    // 2. root: certificates for this GUN, own threshold, rotation from the previously trusted root.
    const rootParsed = parseRoot(rootBytes);
    if (!rootParsed.ok) throw invalid('root', rootParsed.check, rootParsed.message);
    const rootDoc = rootParsed.doc;
    const root = rootDoc.signed;
    const rootSha = await sha256Hex(rootBytes);
    const self = await verifyRootSelf(rootDoc, gun, now, memo, true);
    if (!self.ok) throw invalid('root', self.check, self.message);
    if (seen.root && seen.root.sha256 !== rootSha) await checkRotation(gun, rootDoc, seen.root, source, opts);
    checkVersion('root', root.version);
    if (isExpired(root.expires, now)) throw invalid('root', 'expired', `root expired at ${root.expires}`);
    const roleKeys = (name: 'targets' | 'snapshot' | 'timestamp') => ({
      name,
      keys: pickKeys(root.keys, root.roles[name].keyids),
      threshold: root.roles[name].threshold,
    });

    // 3. timestamp.
    const tsParsed = parseDocument(tsBytes, TimestampSigned, MAX_TIMESTAMP_BYTES);
    if (!tsParsed.ok) throw invalid('timestamp', tsParsed.check, `timestamp: ${tsParsed.message}`);
    const ts = tsParsed.doc;
    const tsSigs = await verifyThreshold(ts.rawSigned, ts.signatures, roleKeys('timestamp'), memo);
    if (!tsSigs.ok) throw invalid('timestamp', tsSigs.check, tsSigs.message);
    checkVersion('timestamp', ts.signed.version);
    if (isExpired(ts.signed.expires, now))
      throw invalid('timestamp', 'expired', `timestamp expired at ${ts.signed.expires}`);

    // 4. snapshot, bound by the timestamp.
    const snapMeta = ts.signed.meta.snapshot;
    const snapSha = sha256HexOf(snapMeta);
    if (!snapSha) throw invalid('timestamp', 'schema', 'timestamp: snapshot entry has no valid sha256');
    const snapBytes = bytesOf(
      'snapshot',
      await source.byChecksum('snapshot', snapSha, capFor('snapshot', snapMeta)),
    );
    const snapBinding = await checkBinding('snapshot', snapBytes, snapMeta);
    if (snapBinding) throw invalid('snapshot', snapBinding.check, snapBinding.message);
    const snapParsed = parseDocument(snapBytes, SnapshotSigned);
    if (!snapParsed.ok) throw invalid('snapshot', snapParsed.check, `snapshot: ${snapParsed.message}`);
    const snap = snapParsed.doc;
    const snapSigs = await verifyThreshold(snap.rawSigned, snap.signatures, roleKeys('snapshot'), memo);
    if (!snapSigs.ok) throw invalid('snapshot', snapSigs.check, snapSigs.message);
    checkVersion('snapshot', snap.signed.version);
    if (isExpired(snap.signed.expires, now))
      throw invalid('snapshot', 'expired', `snapshot expired at ${snap.signed.expires}`);
    const meta = snap.signed.meta;
    for (const required of ['root', 'targets']) {
      if (!Object.hasOwn(meta, required) || !sha256HexOf(meta[required]!))
        throw invalid('snapshot', 'schema', `snapshot has no sha256 entry for ${required}`);
    }
    const rootBinding = await checkBinding('root', rootBytes, meta.root!);
    if (rootBinding)
      throw invalid(
        'root',
        rootBinding.check,
        `root.json is not the root the snapshot binds (${rootBinding.message})`,
      );

    // 5. targets and delegations.
    const targetsRoles = await walkTargets(
      gun,
      source,
      snap.signed,
      root,
      opts,
      seen,
      invalid,
      bytesOf,
      capFor,
      checkVersion,
    );

    // 6. the view and the new seen state.
    const versions: Record<string, number> = {
      ...seen.versions,
      root: root.version,
      timestamp: ts.signed.version,
      snapshot: snap.signed.version,
    };
    const expiries = [root.expires, ts.signed.expires, snap.signed.expires];
    for (const r of targetsRoles) {
      if (r.status !== 'verified') continue;
      versions[r.name] = Math.max(r.version ?? 0, seen.versions[r.name] ?? 0);
      if (r.expires) expiries.push(r.expires);
    }
    for (const id of root.roles.root.keyids) {
      const bundle = leafOfBundle(root.keys[id]!.keyval.public);
      if ('leaf' in bundle) expiries.push(bundle.leaf.notAfter.toISOString());
    }
    const earliestExpiry = new Date(Math.min(...expiries.map((e) => Date.parse(e)))).toISOString();
    const rootView = await baseRoleView('root', root.version, root.expires, root);
    const view: TrustView = {
      gun,
      verifiedAt: now.toISOString(),
      timestampSha256,
      earliestExpiry,
      root: {
        ...rootView,
        roleKeyIds: {
          root: root.roles.root.keyids,
          targets: root.roles.targets.keyids,
          snapshot: root.roles.snapshot.keyids,
          timestamp: root.roles.timestamp.keyids,
        },
      },
      timestamp: await baseRoleView('timestamp', ts.signed.version, ts.signed.expires, root),
      snapshot: await baseRoleView('snapshot', snap.signed.version, snap.signed.expires, root),
      targetsRoles,
    };
    return {
      result: { kind: 'verified', view },
      seen: { versions, root: trustedRootOf(rootDoc, rootSha) },
      timestampSha256,
    };
  } catch (e) {
    if (e instanceof Stop) return { result: e.result };
    // Anything unexpected is still reported as data (and never as signed).
    return {
      result: {
        kind: 'invalid',
        gun,
        role: 'unknown',
        check: 'parse',
        message: `verifier error: ${(e as Error)?.message ?? String(e)}`,
      },
    };
  }
}

async function checkRotation(
  gun: string,
  newRoot: ParsedDocument<RootSigned>,
  previous: TrustedRoot,
  source: MetadataSource,
  opts: ChainOptions,
): Promise<void> {
  const stop = (message: string) =>
    new Stop({ kind: 'invalid', gun, role: 'root', check: 'root-rotation', message });
  if (newRoot.signed.version < previous.version) {
    throw new Stop({
      kind: 'invalid',
      gun,
      role: 'root',
      check: 'rollback',
      message: `root version ${newRoot.signed.version} is lower than current version ${previous.version}`,
    });
  }
  if (await signedByPrevious(newRoot, previous, opts.memo)) return;
  // Walk the intermediate versions, each signed by its predecessor (they may be expired).
  let trusted = previous;
  const last = newRoot.signed.version;
  if (last - previous.version > (opts.maxRootWalk ?? 100))
    throw stop(`root jumped from version ${previous.version} to ${last}; too many versions to walk`);
  for (let v = previous.version + 1; v < last; v++) {
    const fetched = await source.byVersion('root', v, MAX_METADATA_BYTES);
    if (fetched.kind !== 'ok')
      throw stop(
        `root version ${v} is needed to rotate from ${previous.version} to ${last} but could not be fetched`,
      );
    const parsed = parseRoot(fetched.bytes);
    if (!parsed.ok || parsed.doc.signed.version !== v) throw stop(`root version ${v} is malformed`);
    if (!(await signedByPrevious(parsed.doc, trusted, opts.memo)))
      throw stop(`root version ${v} is not signed by root version ${trusted.version}'s keys`);
    const self = await verifyRootSelf(parsed.doc, gun, opts.now, opts.memo, false);
    if (!self.ok) throw stop(`root version ${v}: ${self.message}`);
    trusted = trustedRootOf(parsed.doc, await sha256Hex(fetched.bytes));
  }
  if (!(await signedByPrevious(newRoot, trusted, opts.memo))) {
    throw stop(
      `root version ${last} is not signed by a threshold of the previously trusted root's keys (version ${trusted.version})`,
    );
  }
}

async function declaredOf(signed: TargetsSigned): Promise<DeclaredDelegation[]> {
  const keys = signed.delegations?.keys ?? {};
  return Promise.all(
    (signed.delegations?.roles ?? []).map(async (role) => {
      let canonical: string[] | null = [];
      for (const id of role.keyids) {
        const c = Object.hasOwn(keys, id) ? await canonicalKeyId(keys[id]!) : undefined;
        if (c === undefined) {
          canonical = null;
          break;
        }
        canonical.push(c);
      }
      return {
        name: role.name,
        keyIds: role.keyids,
        canonicalKeyIds: canonical,
        threshold: role.threshold,
        paths: role.paths ?? [],
      };
    }),
  );
}

function targetInfos(signed: TargetsSigned): Record<string, TargetInfo> {
  const out: Record<string, TargetInfo> = {};
  for (const [name, meta] of Object.entries(signed.targets)) {
    out[name] = {
      name,
      sha256Hex: sha256HexOf(meta) ?? '',
      length: meta.length,
      hashes: meta.hashes,
      ...(meta.custom === undefined ? {} : { custom: meta.custom }),
    };
  }
  return out;
}

async function walkTargets(
  gun: string,
  source: MetadataSource,
  snapshot: SnapshotSigned,
  root: RootSigned,
  opts: ChainOptions,
  seen: SeenState,
  invalid: (role: string, check: Check, message: string) => Stop,
  bytesOf: (role: string, r: FetchResult) => Uint8Array,
  capFor: (role: string, meta: FileMeta) => number,
  checkVersion: (role: string, version: number) => void,
): Promise<TargetsRoleView[]> {
  const views: TargetsRoleView[] = [];
  const queue: PendingRole[] = [
    {
      name: 'targets',
      parent: null,
      keys: pickKeys(root.keys, root.roles.targets.keyids),
      keyIds: root.roles.targets.keyids,
      threshold: root.roles.targets.threshold,
      paths: [''],
    },
  ];
  const maxRoles = opts.maxRoles ?? 10_000;
  while (queue.length > 0) {
    if (views.length >= maxRoles) throw invalid('targets', 'size', `more than ${maxRoles} delegation roles`);
    const role = queue.shift()!;
    const base = {
      name: role.name,
      parent: role.parent,
      threshold: role.threshold,
      paths: role.paths,
      targets: {},
      declared: [],
      children: [],
    };
    const keys = await Promise.all(role.keyIds.map((id) => keyInfo(id, role.keys[id])));
    const meta = Object.hasOwn(snapshot.meta, role.name) ? snapshot.meta[role.name] : undefined;
    const sha = meta ? sha256HexOf(meta) : undefined;
    if (!meta || !sha) {
      views.push({ ...base, keys, status: 'not-in-snapshot' });
      continue;
    }
    const bytes = bytesOf(role.name, await source.byChecksum(role.name, sha, capFor(role.name, meta)));
    const binding = await checkBinding(role.name, bytes, meta);
    if (binding) throw invalid(role.name, binding.check, binding.message);
    const parsed = parseDocument(bytes, TargetsSigned);
    if (!parsed.ok) throw invalid(role.name, parsed.check, `${role.name}: ${parsed.message}`);
    const doc = parsed.doc;
    const declaredProblem = checkDeclaredRoles(role.name, doc.signed);
    if (declaredProblem) throw invalid(role.name, 'schema', declaredProblem);
    const sigs = await verifyThreshold(
      doc.rawSigned,
      doc.signatures,
      { name: role.name, keys: role.keys, threshold: role.threshold },
      opts.memo,
    );
    const isBase = role.parent === null;
    if (!sigs.ok) {
      // Notary skips a delegation whose threshold is not met; anything else is fatal.
      if (isBase || sigs.check !== 'signature') throw invalid(role.name, sigs.check, sigs.message);
      views.push({
        ...base,
        keys,
        status: 'invalid',
        failure: { check: 'signature', message: sigs.message },
        version: doc.signed.version,
        expires: doc.signed.expires,
      });
      continue;
    }
    checkVersion(role.name, doc.signed.version);
    if (isExpired(doc.signed.expires, opts.now)) {
      const message = `${role.name} expired at ${doc.signed.expires}`;
      if (isBase) throw invalid(role.name, 'expired', message);
      views.push({
        ...base,
        keys,
        status: 'invalid',
        failure: { check: 'expired', message },
        version: doc.signed.version,
        expires: doc.signed.expires,
      });
      continue;
    }
    const children: PendingRole[] = validChildren(doc.signed).map((d) => ({
      name: d.name,
      parent: role.name,
      keys: pickKeys(doc.signed.delegations?.keys ?? {}, d.keyids),
      keyIds: d.keyids,
      threshold: d.threshold,
      paths: restrictPaths(role.paths, d.paths ?? []),
    }));
    views.push({
      ...base,
      keys,
      status: 'verified',
      version: doc.signed.version,
      expires: doc.signed.expires,
      targets: targetInfos(doc.signed),
      declared: await declaredOf(doc.signed),
      children: children.map((c) => c.name),
    });
    queue.unshift(...children);
  }
  void gun;
  return views;
}
