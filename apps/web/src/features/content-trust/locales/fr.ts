import type { Shape } from '../../../i18n/locales/en.ts';
import type { contentTrustEn } from './en.ts';

/** Chaînes de Stratégies > Approbation de contenu (termes français du portail Azure). */
export const contentTrustFr: Shape<typeof contentTrustEn> = {
  title: 'Approbation de contenu',
  what: {
    heading: 'Ce que fait l’approbation de contenu',
    enable:
      'Activée, les signataires (AcrImageSigner avec AcrPush) peuvent envoyer des données d’approbation (signatures Docker Content Trust), et les clients qui définissent DOCKER_CONTENT_TRUST=1 ne voient et ne tirent que les étiquettes signées.',
    notEnforced:
      'Elle n’empêche pas les autres clients de tirer des images non signées : les clients sans approbation de contenu tirent tout comme avant.',
    disable:
      'La désactiver supprime toutes les données d’approbation — les signatures de chaque dépôt — de façon irréversible. Aucune image n’est supprimée.',
  },
  status: {
    label: 'État actuel',
    enabled: 'Activée',
    disabled: 'Désactivée',
    updating: 'Mise à jour…',
    choice: 'Approbation de contenu',
    save: 'Enregistrer',
    discard: 'Ignorer',
    unsaved: 'Vous avez des modifications non enregistrées.',
    refresh: 'Actualiser',
  },
  gating: {
    skuTitle: 'Disponible uniquement dans le niveau Premium',
    permissionTitle: 'Vous pouvez consulter cette page mais pas la modifier',
    skuBody:
      'L’approbation de contenu n’est disponible que dans le niveau de service Premium ; {{name}} est {{sku}}. Passez-le d’abord en Premium (Propriétés > Niveau tarifaire, ou az acr update --name {{name}} --sku Premium), puis activez l’approbation de contenu dans un second temps. Depuis le {{noNewEnablementFrom}}, Azure peut toutefois la refuser pour les registres qui ne l’ont jamais utilisée : signez plutôt avec Notation.',
    permissionBody:
      'Modifier l’approbation de contenu nécessite l’autorisation Microsoft.ContainerRegistry/registries/write sur {{name}} (par exemple le rôle Propriétaire ou Contributeur). Demandez-la à un propriétaire du registre.',
  },
  deprecation: {
    title: 'Docker Content Trust est en cours de retrait d’Azure Container Registry',
    body: 'Depuis le {{noNewEnablementFrom}}, elle ne peut plus être activée sur les registres qui ne l’ont jamais utilisée, et elle sera supprimée le {{removedOn}}. Prévoyez le passage aux signatures {{successor}}.',
    learnMore: 'À propos du retrait',
    successor: 'Signer avec Notation',
  },
  using: {
    heading: 'Utilisation de l’approbation de contenu',
    clientTitle: 'L’activer dans un client Docker',
    clientBody:
      'Définissez la variable pour toute la session du shell, ou choisissez par commande : --disable-content-trust=false pour exiger les signatures pour une commande, --disable-content-trust pour les ignorer.',
    signersTitle: 'Qui peut envoyer des images signées',
    signersBody:
      'Envoyer des images signées nécessite le rôle AcrImageSigner en plus d’AcrPush. Il ne peut jamais être attribué au compte administrateur du registre ni à un administrateur d’abonnement classique. Après un changement de rôle, reconnectez-vous avec az acr login pour que le jeton contienne le nouveau rôle. Tirer des images signées ne nécessite qu’AcrPull.',
    accessControl: 'Accéder au contrôle d’accès (IAM)',
    keysTitle: 'Où se trouvent les clés de signature, et comment les sauvegarder',
    keysBody:
      'Les clés sont sur la machine de l’éditeur, dans ~/.docker/trust/private. Sauvegardez-les dans un endroit hors connexion :',
    rootTitle: 'Si la clé racine est perdue',
    rootBody:
      'Sans la clé racine, personne ne peut signer de nouvelles étiquettes ni renouveler les clés de ce dépôt, et le registre ne peut pas la restaurer. La seule issue est de désactiver l’approbation de contenu — ce qui supprime les données d’approbation de chaque dépôt — puis de la réactiver et de signer à nouveau avec de nouvelles clés.',
    copyLabel: 'commande {{what}}',
  },
  changes: {
    heading: 'Modifications récentes',
    description:
      'Qui a activé ou désactivé l’approbation de contenu sur ce registre au cours des 90 derniers jours (journal d’activité).',
    empty: 'Aucune modification de l’approbation de contenu au cours des 90 derniers jours.',
    noPermission: 'Vous ne pouvez pas lire le journal d’activité de ce registre.',
    columns: { when: 'Heure', who: 'Lancé par', change: 'Modification', result: 'Résultat' },
    enabled: 'A activé l’approbation de contenu',
    disabled: 'A désactivé l’approbation de contenu',
    unknown: 'A modifié la stratégie d’approbation',
    result: {
      Succeeded: 'Réussi',
      Failed: 'Échec',
      Accepted: 'Accepté',
      InProgress: 'En cours',
    },
  },
  dialog: {
    title: 'Désactiver l’approbation de contenu sur {{name}} ?',
    irreversible:
      'Cette action supprime définitivement les données d’approbation de chaque dépôt de {{name}}. Elle ne peut être ni annulée ni récupérée. Les images ne sont pas supprimées.',
    impactLoading: 'Décompte des étiquettes signées sur le serveur d’approbation…',
    impact_one:
      '{{signedTags}} étiquettes signées dans {{count}} dépôt perdront leurs signatures ; {{imagesKept}} images restent.',
    impact_other:
      '{{signedTags}} étiquettes signées dans {{count}} dépôts perdront leurs signatures ; {{imagesKept}} images restent.',
    impactUnknown_one:
      'Les données d’approbation de {{count}} dépôt n’ont pas pu être lues : les chiffres sont un minimum.',
    impactUnknown_other:
      'Les données d’approbation de {{count}} dépôts n’ont pas pu être lues : les chiffres sont un minimum.',
    repositoriesLabel: 'Dépôts qui perdent leurs données d’approbation',
    repositoryLine_one: '{{repository}} — {{count}} étiquette signée',
    repositoryLine_other: '{{repository}} — {{count}} étiquettes signées',
    invalidLine: '{{repository}} — données d’approbation non vérifiables',
    exportTitle: 'Exportez d’abord les données d’approbation',
    exportBody:
      'Téléchargez les métadonnées TUF de chaque dépôt (root, targets, snapshot, timestamp et chaque délégation) avec un manifeste. Ensuite, content-trust inspect --archive FICHIER NOM affiche à partir de l’archive ce qu’inspect affiche aujourd’hui.',
    export: 'Exporter les données d’approbation',
    exporting: 'Exportation…',
    exported: '{{file}} téléchargé',
    confirmLabel: 'Tapez le nom du registre pour confirmer',
    confirmHint: 'Tapez {{name}} exactement (respect de la casse).',
    cancel: 'Annuler',
    confirm: 'Désactiver et supprimer les données d’approbation',
  },
  leave: {
    title: 'Quitter sans enregistrer ?',
    body: 'Votre modification de l’approbation de contenu n’est pas enregistrée.',
    stay: 'Rester',
    leave: 'Quitter',
  },
  progress: {
    label: 'Désactivation de l’approbation de contenu',
    deleting: 'Suppression des données d’approbation : {{done}} dépôts sur {{total}}',
    deletingUnknown: 'Suppression des données d’approbation…',
    enabling: 'Activation de l’approbation de contenu…',
    deleted_one: 'Les données d’approbation de {{count}} dépôt ont été traitées.',
    deleted_other: 'Les données d’approbation de {{count}} dépôts ont été traitées.',
    dismiss: 'Fermer',
  },
  toast: {
    enabled: 'L’approbation de contenu est activée sur {{name}}.',
    disabled:
      'L’approbation de contenu est désactivée sur {{name}} ; ses données d’approbation sont supprimées. Les images sont inchangées.',
    failed: 'La modification de l’approbation de contenu sur {{name}} a échoué',
    stale:
      'Le registre a changé depuis le chargement de la page. Vérifiez l’état actuel et confirmez à nouveau.',
  },
};
