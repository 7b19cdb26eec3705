import { createContext, useContext } from 'react';

export interface ThemeChoice {
  dark: boolean;
  setDark(dark: boolean): void;
}

export const ThemeContext = createContext<ThemeChoice>({ dark: false, setDark: () => {} });

/** Light or dark, chosen in the header and remembered in this browser. */
export function useTheme(): ThemeChoice {
  return useContext(ThemeContext);
}

const themeKey = 'ctp.theme';

export function initialDark(): boolean {
  const stored = localStorage.getItem(themeKey);
  if (stored) return stored === 'dark';
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

export function rememberDark(dark: boolean): void {
  localStorage.setItem(themeKey, dark ? 'dark' : 'light');
}
