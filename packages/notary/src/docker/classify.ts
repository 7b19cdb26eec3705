// DESIGN.md "What signed means": per-tag status against the registry's current digests.
import type { VerifyResult } from '../verify/types.ts';
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

export function classifyTags(result: VerifyResult, registryTags: RegistryTag[]): TagClassification[] {
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
  const rows = signedTagRows(view);
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
    const signers = rows.find((r) => r.SignedTag === t.tag && r.Digest === hex)?.Signers ?? [];
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
  for (const name of dockerSignedTagNames(view)) {
    if (present.has(name)) continue;
    const found = dockerSignedTarget(view, name)!;
    const signers =
      rows.find((r) => r.SignedTag === name && r.Digest === found.target.sha256Hex)?.Signers ?? [];
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
