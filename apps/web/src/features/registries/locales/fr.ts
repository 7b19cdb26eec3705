import type { Shape } from '../../../i18n/locales/en.ts';
import type { registriesEn } from './en.ts';

export const registriesFr: Shape<typeof registriesEn> = {
  listTitle: 'Registres de conteneurs',
  listDescription: 'Les registres des abonnements auxquels vous avez accès.',
  refresh: 'Actualiser',
  filterPlaceholder: 'Filtrer sur n’importe quel champ…',
  filterLabel: 'Filtrer les registres',
  subscription: 'Abonnement',
  allSubscriptions: 'Tous les abonnements',
  resourceGroup: 'Groupe de ressources',
  allResourceGroups: 'Tous les groupes de ressources',
  columns: {
    name: 'Nom',
    resourceGroup: 'Groupe de ressources',
    location: 'Emplacement',
    sku: 'Référence SKU',
    contentTrust: 'Approbation de contenu',
    subscription: 'Abonnement',
  },
  count_one: '{{count}} registre affiché',
  count_other: '{{count}} registres affichés',
  noAccessTitle: 'Vous n’avez accès à aucun registre de conteneurs',
  noAccessBody:
    'Rien dans votre annuaire ne vous donne de rôle sur un registre, son groupe de ressources ou son abonnement. Demandez à un propriétaire ou à un administrateur de l’accès utilisateur du registre de vous attribuer un rôle — Lecteur pour consulter, AcrImageSigner et AcrPush pour signer des images — puis actualisez.',
  noMatchTitle: 'Aucun registre ne correspond à ces filtres',
  noMatchBody: 'Effacez le filtre ou choisissez un autre abonnement ou groupe de ressources.',
  clearFilters: 'Effacer les filtres',
  subscriptionFailed: 'Les registres de l’abonnement {{subscription}} n’ont pas pu être listés : {{message}}',
  trust: {
    enabled: 'Activée',
    disabled: 'Désactivée',
    unavailable: 'Non disponible (Premium uniquement)',
  },
  blade: {
    kind: 'Registre de conteneurs',
    menu: 'Menu du registre',
    overview: 'Vue d’ensemble',
    accessControl: 'Contrôle d’accès (IAM)',
    services: 'Services',
    repositories: 'Référentiels',
    policies: 'Stratégies',
    contentTrust: 'Approbation de contenu',
    notFoundTitle: 'Ce registre n’est pas disponible',
    notFoundBody:
      'Il n’existe pas, ou aucun de vos rôles ne vous permet de le voir. Vérifiez l’adresse ou demandez l’accès à un propriétaire du registre.',
    backToList: 'Revenir aux registres de conteneurs',
  },
  overview: {
    essentials: 'Essentiels',
    resourceGroup: 'Groupe de ressources',
    location: 'Emplacement',
    subscription: 'Abonnement',
    subscriptionId: 'ID d’abonnement',
    sku: 'Référence SKU',
    loginServer: 'Serveur de connexion',
    created: 'Date de création',
    provisioningState: 'État de l’approvisionnement',
    contentTrust: 'Approbation de contenu',
    adminUser: 'Utilisateur administrateur',
    adminEnabled: 'Activé (ses informations d’identification ne peuvent jamais envoyer d’images signées)',
    adminDisabled: 'Désactivé',
    yourAccess: 'Votre accès',
    capabilities: {
      canPull: 'Tirer des images',
      canPush: 'Envoyer des images',
      canSign: 'Signer des images (envoyer des données d’approbation)',
      canChangeTrustPolicy: 'Modifier la stratégie d’approbation de contenu',
      canAssignRoles: 'Attribuer des rôles',
    },
    allowed: 'Autorisé',
    notAllowed: 'Non autorisé',
  },
  placeholder: {
    comingTitle: '{{blade}} arrive bientôt',
    accessControl:
      'Vous verrez ici qui a quel rôle sur ce registre, vous ajouterez des attributions de rôle (AcrImageSigner pour permettre de signer des images) et vérifierez ce qu’une personne peut faire.',
    repositories:
      'Vous verrez ici chaque référentiel avec ses étiquettes signées et non signées, vérifiées auprès du serveur d’approbation, et ce qu’un client avec approbation de contenu tirerait.',
    contentTrust:
      'Vous activerez ou désactiverez ici l’approbation de contenu de ce registre. La désactivation supprime les données d’approbation de tous les référentiels, après une confirmation saisie.',
  },
};
