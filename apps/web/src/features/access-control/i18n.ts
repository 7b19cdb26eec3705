import { useTranslation } from 'react-i18next';

/** `t` for the blade's strings (registered under `accessControl` in src/i18n/index.ts). */
export function useAccessControlT() {
  return useTranslation(undefined, { keyPrefix: 'accessControl' }).t;
}
