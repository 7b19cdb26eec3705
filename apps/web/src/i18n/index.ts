import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en.ts';
import { accessControlEn } from '../features/access-control/locales/en.ts';
import { registriesEn } from '../features/registries/locales/en.ts';
import { contentTrustEn } from '../features/content-trust/locales/en.ts';
import { repositoriesEn } from '../features/repositories/locales/en.ts';

/**
 * Each feature folder owns its strings (`features/<blade>/locales/{en,fr}.ts`) under its own key;
 * add one line here for English and one in `resources-fr.ts` for French (the Azure portal's French
 * terms). French is loaded on demand, so it stays out of the initial JavaScript.
 */
const resources: Record<string, { translation: object }> = {
  en: {
    translation: {
      ...en,
      registries: registriesEn,
      accessControl: accessControlEn,
      contentTrust: contentTrustEn,
      repositories: repositoriesEn,
    },
  },
};

/** Adds the French strings once (a separate chunk, fetched the first time French is used). */
let french: Promise<void> | undefined;
function loadFrench(): Promise<void> {
  french ??= import('./resources-fr.ts').then(({ frenchResources }) => {
    i18n.addResourceBundle('fr', 'translation', frenchResources, true, true);
  });
  return french;
}

export const supportedLanguages = [
  { code: 'en', label: 'English' },
  { code: 'fr', label: 'Français' },
] as const;
export type LanguageCode = (typeof supportedLanguages)[number]['code'];

const storageKey = 'ctp.language';

function initialLanguage(): LanguageCode {
  const stored = localStorage.getItem(storageKey);
  if (stored === 'en' || stored === 'fr') return stored;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function setLanguage(code: LanguageCode): void {
  localStorage.setItem(storageKey, code);
  void (code === 'fr' ? loadFrench() : Promise.resolve()).then(() => i18n.changeLanguage(code));
}

// The <html lang> attribute follows the UI language so screen readers pronounce it correctly.
i18n.on('languageChanged', (lng) => document.documentElement.setAttribute('lang', lng));

const lng = initialLanguage();
// A person who chose French gets it before the first render (no English flash).
if (lng === 'fr') {
  const { frenchResources } = await import('./resources-fr.ts');
  Object.assign(resources, { fr: { translation: frenchResources } });
  french = Promise.resolve();
}
await i18n.use(initReactI18next).init({
  resources,
  lng,
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes
});

export { i18n };
