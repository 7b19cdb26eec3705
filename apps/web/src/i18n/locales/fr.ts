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
  session: {
    signIn: 'Se connecter',
    signOut: 'Se déconnecter',
    welcomeTitle: 'Bienvenue',
    welcomeBody:
      'Connectez-vous avec votre compte professionnel pour gérer la confiance du contenu de vos registres.',
    signedInTitle: 'Votre session',
    signedInAs: 'Connecté en tant que {{name}} ({{username}})',
    checkingSession: 'Vérification de votre session…',
    sessionProblem: 'Votre session n’a pas pu être confirmée : {{message}}',
  },
  startup: {
    failed: 'Le portail n’a pas pu démarrer : {{message}}',
    reload: 'Recharger',
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
