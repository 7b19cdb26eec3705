import { useTranslation } from 'react-i18next';

/** The blade's i18next namespace (registered in src/i18n/index.ts). */
export const ACCESS_CONTROL_NS = 'accessControl';

/** `t` bound to the blade's namespace. */
export function useAccessControlT() {
  return useTranslation(ACCESS_CONTROL_NS).t;
}
