import type { ManifestFormat } from '../client/images.ts';
import type { RegistryRecord } from '../../ports.ts';

export interface SeedImage {
  repository: string;
  tag: string;
  /** Content label: the same label always yields the same digest. */
  label: string;
  format: ManifestFormat;
}

export interface SeedTrust {
  repository: string;
  /** Delegation roles and the signer keys (by name) each one holds. */
  delegations: Array<{ role: string; signers: string[] }>;
  /** Tags signed, with the roles that sign each (`targets` = the base role, "Repo Admin"). */
  signed: Array<{ tag: string; roles: string[] }>;
}

export interface SeedPlan {
  images: SeedImage[];
  trust: SeedTrust[];
  /** Pushed after signing: the tag moves to a new digest, its signature stays on the old one. */
  repushedAfterSigning: SeedImage[];
}

/**
 * What the first start puts into each registry. A Premium registry with trust enabled gets signed,
 * unsigned, re-pushed and two-signer repositories; any other registry only unsigned images.
 */
export function seedPlanFor(registry: RegistryRecord): SeedPlan {
  if (registry.sku === 'Premium' && registry.trustPolicy === 'enabled') {
    return {
      images: [
        { repository: 'hello-world', tag: 'v1', label: 'hello-world v1', format: 'docker' },
        { repository: 'hello-world', tag: 'v2', label: 'hello-world v2', format: 'docker' },
        { repository: 'hello-world', tag: 'latest', label: 'hello-world latest (signed)', format: 'docker' },
        { repository: 'hello-world', tag: 'dev', label: 'hello-world dev', format: 'docker' },
        { repository: 'payments/api', tag: '1.0', label: 'payments/api 1.0', format: 'oci' },
        { repository: 'payments/api', tag: '1.1', label: 'payments/api 1.1', format: 'oci' },
        { repository: 'tools/unsigned', tag: '1.0', label: 'tools/unsigned 1.0', format: 'docker' },
      ],
      trust: [
        {
          // As `docker trust signer add ci` lays it out: the signer's key on targets/ci and targets/releases.
          repository: 'hello-world',
          delegations: [
            { role: 'targets/releases', signers: ['ci'] },
            { role: 'targets/ci', signers: ['ci'] },
          ],
          signed: [
            { tag: 'v1', roles: ['targets/releases', 'targets/ci'] },
            { tag: 'latest', roles: ['targets/releases', 'targets/ci'] },
            { tag: 'v2', roles: ['targets'] },
          ],
        },
        {
          // A second signer (alice) with her own delegation role.
          repository: 'payments/api',
          delegations: [
            { role: 'targets/releases', signers: ['ci', 'alice'] },
            { role: 'targets/ci', signers: ['ci'] },
            { role: 'targets/alice', signers: ['alice'] },
          ],
          signed: [
            { tag: '1.0', roles: ['targets/releases', 'targets/ci', 'targets/alice'] },
            { tag: '1.1', roles: ['targets/releases', 'targets/ci'] },
          ],
        },
      ],
      repushedAfterSigning: [
        {
          repository: 'hello-world',
          tag: 'latest',
          label: 'hello-world latest (re-pushed)',
          format: 'docker',
        },
      ],
    };
  }
  return {
    images: [
      { repository: 'legacy/app', tag: '1.0', label: 'legacy/app 1.0', format: 'docker' },
      { repository: 'legacy/app', tag: '2.0', label: 'legacy/app 2.0', format: 'docker' },
    ],
    trust: [],
    repushedAfterSigning: [],
  };
}
