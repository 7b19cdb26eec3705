import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en.ts';
import { fr } from './locales/fr.ts';
import { accessControlEn } from '../features/access-control/locales/en.ts';
import { accessControlFr } from '../features/access-control/locales/fr.ts';
import { registriesEn } from '../features/registries/locales/en.ts';
import { registriesFr } from '../features/registries/locales/fr.ts';
import { contentTrustEn } from '../features/content-trust/locales/en.ts';
import { contentTrustFr } from '../features/content-trust/locales/fr.ts';
import { repositoriesEn } from '../features/repositories/locales/en.ts';
import { repositoriesFr } from '../features/repositories/locales/fr.ts';

/**
 * Each feature folder owns its strings (`features/<blade>/locales/{en,fr}.ts`) under its own key;
 * add one line per language here. French uses the Azure portal's French terms.
 */
const resources = {
  en: {
    translation: {
      ...en,
      registries: registriesEn,
      accessControl: accessControlEn,
      contentTrust: contentTrustEn,
      repositories: repositoriesEn,
    },
  },
  fr: {
    translation: {
      ...fr,
      registries: registriesFr,
      accessControl: accessControlFr,
      contentTrust: contentTrustFr,
      repositories: repositoriesFr,
    },
  },
};

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
  void i18n.changeLanguage(code);
}

// The <html lang> attribute follows the UI language so screen readers pronounce it correctly.
i18n.on('languageChanged', (lng) => document.documentElement.setAttribute('lang', lng));

await i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes
});

export { i18n };
