import type { Messages } from './en.ts';

export const fr: Messages = {
  app: {
    name: 'Portail de confiance du contenu',
    tagline: 'La confiance du contenu pour vos registres de conteneurs',
  },
  settings: {
    language: 'Langue',
    darkTheme: 'Thème sombre',
  },
  health: {
    title: 'État du portail',
    checking: 'Vérification du service du portail…',
    ok: 'Le service du portail fonctionne.',
    degraded: 'Le service du portail signale un problème.',
    unreachable: 'Le service du portail est injoignable : {{message}}',
    version: 'Version {{version}}',
    retry: 'Vérifier à nouveau',
  },
};
