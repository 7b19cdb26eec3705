// Every French string of the portal, in one module the SPA loads only when French is chosen (it is
// not part of the initial JavaScript; English, the fallback, is).
import { fr } from './locales/fr.ts';
import { accessControlFr } from '../features/access-control/locales/fr.ts';
import { registriesFr } from '../features/registries/locales/fr.ts';
import { contentTrustFr } from '../features/content-trust/locales/fr.ts';
import { repositoriesFr } from '../features/repositories/locales/fr.ts';

export const frenchResources = {
  ...fr,
  registries: registriesFr,
  accessControl: accessControlFr,
  contentTrust: contentTrustFr,
  repositories: repositoriesFr,
};
