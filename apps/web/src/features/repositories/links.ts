import type { RegistryRef } from '@ctp/contracts';
import { registryBladeHref } from '../registries/registry-links.ts';

export const repositoryHref = (ref: RegistryRef, repository: string) =>
  `${registryBladeHref(ref, 'repositories')}/${repository}`;
