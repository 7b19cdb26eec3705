// Keys across a registry: which root, repository (targets) and delegation keys sign which
// repositories, so an administrator sees what loses signing when a key is lost.
import type { RepositorySummary } from './repository-scan.ts';

export type KeyRole = 'root' | 'targets' | 'delegation';

export interface RegistryKey {
  id: string;
  role: KeyRole;
  /** Delegation (signer) names the key holds, as `docker trust inspect` names them. */
  signers: string[];
  repositories: string[];
}

/** Groups the verified repositories' keys by (role, key ID), sorted by how many repositories they sign. */
export function registryKeys(summaries: readonly RepositorySummary[]): RegistryKey[] {
  const keys = new Map<string, RegistryKey>();
  const add = (role: KeyRole, id: string, repository: string, signer?: string) => {
    const k = `${role}\n${id}`;
    const entry = keys.get(k) ?? { id, role, signers: [], repositories: [] };
    if (!entry.repositories.includes(repository)) entry.repositories.push(repository);
    if (signer && !entry.signers.includes(signer)) entry.signers.push(signer);
    keys.set(k, entry);
  };
  for (const s of summaries) {
    if (!s.keys) continue;
    for (const id of s.keys.root) add('root', id, s.repository);
    for (const id of s.keys.targets) add('targets', id, s.repository);
    for (const signer of s.keys.signers)
      for (const id of signer.keyIds) add('delegation', id, s.repository, signer.name);
  }
  const order: Record<KeyRole, number> = { root: 0, targets: 1, delegation: 2 };
  return [...keys.values()]
    .map((k) => ({ ...k, signers: k.signers.sort(), repositories: k.repositories.sort() }))
    .sort(
      (a, b) =>
        order[a.role] - order[b.role] ||
        b.repositories.length - a.repositories.length ||
        a.id.localeCompare(b.id),
    );
}
