import type { Messages } from './en.ts';

export const fr: Messages = {
  app: {
    name: 'Portail d’approbation de contenu',
    tagline: 'L’approbation de contenu de vos registres de conteneurs',
    skipToContent: 'Passer au contenu principal',
    home: 'Accueil',
    notFoundTitle: 'Page introuvable',
    notFoundBody:
      'Il n’y a rien à l’adresse {{path}}. Vérifiez l’adresse ou revenez à vos registres de conteneurs.',
    goToRegistries: 'Accéder aux registres de conteneurs',
    directory: 'Annuaire : {{tenant}}',
    breadcrumb: 'Fil d’Ariane',
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
      'Connectez-vous avec votre compte professionnel pour gérer l’approbation de contenu de vos registres.',
    welcomeDeepLink: 'Une fois connecté, le portail ouvre la page demandée.',
    expiredTitle: 'Votre session a expiré',
    expiredBody: 'Reconnectez-vous pour continuer. Vous restez sur cette page.',
    accountMenu: 'Compte de {{name}}',
  },
  startup: {
    failed: 'Le portail n’a pas pu démarrer : {{message}}',
    reload: 'Recharger',
  },
  common: {
    retry: 'Réessayer',
    copy: 'Copier',
    copied: 'Copié',
    copyValue: 'Copier {{label}}',
    loading: 'Chargement…',
    errorTitle: 'Un problème est survenu',
    requestId: 'ID de la demande : {{id}}',
    notAllowedTitle: 'Vous n’avez pas l’autorisation',
    notFoundTitle: 'Introuvable',
    yes: 'Oui',
    no: 'Non',
    enabled: 'Activé',
    disabled: 'Désactivé',
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
