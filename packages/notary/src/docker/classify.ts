// DESIGN.md "What signed means": per-tag status against the registry's current digests.
import type { TrustView, VerifyResult } from '../verify/types.ts';
import { signedTagRows } from './inspect.ts';
import { resolveTrustedTag } from './resolve.ts';
import { dockerSignedTarget, dockerSignedTagNames } from './signed-tags.ts';

export type TagStatus =
  'signed' | 'signed-digest-mismatch' | 'unsigned' | 'signed-tag-missing' | 'invalid' | 'unknown';

export interface RegistryTag {
  tag: string;
  /** `sha256:<hex>` as the registry serves it. */
  digest: string;
}

export interface TagClassification {
  tag: string;
  status: TagStatus;
  registryDigest?: string;
  signedDigest?: string;
  /** The role a content-trust client takes the target from. */
  signedIn?: string;
  /** Signers as `docker trust inspect` names them. */
  signers?: string[];
  reason?: string;
}

// Signers per signed (tag, digest) as `docker trust inspect` lists them, indexed once per verified view:
// a 10,000-tag repository is classified page by page against the same view.
const signerIndexes = new WeakMap<TrustView, Map<string, string[]>>();
function signersOf(view: TrustView, tag: string, digestHex: string): string[] {
  let index = signerIndexes.get(view);
  if (!index) {
    index = new Map();
    for (const row of signedTagRows(view)) {
      const key = `${row.SignedTag}\n${row.Digest}`;
      if (!index.has(key)) index.set(key, row.Signers);
    }
    signerIndexes.set(view, index);
  }
  return index.get(`${tag}\n${digestHex}`) ?? [];
}

/**
 * Each registry tag's status against the verified trust data (sorted by tag), then — unless
 * `includeMissing` is false, for a page of a longer listing — the signed tags the registry lacks.
 */
export function classifyTags(
  result: VerifyResult,
  registryTags: RegistryTag[],
  includeMissing = true,
): TagClassification[] {
  const sorted = [...registryTags].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  if (result.kind === 'unreachable')
    return sorted.map((t) => ({
      tag: t.tag,
      status: 'unknown',
      registryDigest: t.digest,
      reason: result.message,
    }));
  if (result.kind === 'invalid') {
    return sorted.map((t) => ({
      tag: t.tag,
      status: 'invalid',
      registryDigest: t.digest,
      reason: `${result.role}: ${result.check}: ${result.message}`,
    }));
  }
  if (result.kind === 'no-trust-data')
    return sorted.map((t) => ({
      tag: t.tag,
      status: 'unsigned',
      registryDigest: t.digest,
      reason: 'no trust data',
    }));
  const view = result.view;
  const out: TagClassification[] = [];
  const present = new Set(sorted.map((t) => t.tag));
  for (const t of sorted) {
    const resolved = resolveTrustedTag(view, t.tag);
    if (resolved.kind === 'refused' && resolved.reason !== 'no-sha256') {
      out.push({ tag: t.tag, status: 'unsigned', registryDigest: t.digest });
      continue;
    }
    // A released target without sha256 is signed but not pullable: it can never match the registry.
    const signedDigest = resolved.kind === 'signed' ? resolved.digest : '';
    const hex = signedDigest.replace(/^sha256:/, '');
    const signers = signersOf(view, t.tag, hex);
    out.push({
      tag: t.tag,
      status: signedDigest !== '' && signedDigest === t.digest ? 'signed' : 'signed-digest-mismatch',
      registryDigest: t.digest,
      signedDigest,
      signedIn: resolved.role!,
      signers,
      ...(resolved.kind === 'refused' ? { reason: resolved.message } : {}),
    });
  }
  if (!includeMissing) return out;
  for (const name of dockerSignedTagNames(view)) {
    if (present.has(name)) continue;
    const found = dockerSignedTarget(view, name)!;
    const signers = signersOf(view, name, found.target.sha256Hex);
    out.push({
      tag: name,
      status: 'signed-tag-missing',
      signedDigest: `sha256:${found.target.sha256Hex}`,
      signedIn: found.role,
      signers,
    });
  }
  return out;
}
