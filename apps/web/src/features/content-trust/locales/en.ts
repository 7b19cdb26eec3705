/** Strings of Policies > Content trust. */
export const contentTrustEn = {
  title: 'Content trust',
  what: {
    heading: 'What content trust does',
    enable:
      'Enabled, signers (AcrImageSigner with AcrPush) can push trust data (Docker Content Trust signatures), and clients that set DOCKER_CONTENT_TRUST=1 see and pull only signed tags.',
    notEnforced:
      'It does not stop other clients from pulling unsigned images: clients without content trust pull everything as before.',
    disable:
      'Disabling deletes all trust data — the signatures of every repository — irreversibly. No image is deleted.',
  },
  status: {
    label: 'Current status',
    enabled: 'Enabled',
    disabled: 'Disabled',
    updating: 'Updating…',
    choice: 'Content trust',
    save: 'Save',
    discard: 'Discard',
    unsaved: 'You have unsaved changes.',
    refresh: 'Refresh',
  },
  gating: {
    skuTitle: 'Available only in the Premium tier',
    permissionTitle: 'You can view this page but not change it',
    skuBody:
      'Content trust is available only in the Premium service tier; {{name}} is {{sku}}. Upgrade it to Premium first (Properties > Pricing plan, or az acr update --name {{name}} --sku Premium), then enable content trust in a second step. Since {{noNewEnablementFrom}} Azure may refuse it anyway for registries that never used content trust: sign with Notation instead.',
    permissionBody:
      'Changing content trust needs the permission Microsoft.ContainerRegistry/registries/write on {{name}} (for example the Owner or Contributor role). Ask an Owner of the registry for it.',
  },
  deprecation: {
    title: 'Docker Content Trust is being retired in Azure Container Registry',
    body: 'Since {{noNewEnablementFrom}}, it can no longer be enabled on registries that never used it, and it will be removed on {{removedOn}}. Plan the move to {{successor}} signatures.',
    learnMore: 'About the retirement',
    successor: 'Sign with Notation',
  },
  using: {
    heading: 'Using content trust',
    clientTitle: 'Turn it on in a Docker client',
    clientBody:
      'Set the variable for the whole shell session, or choose per command: --disable-content-trust=false to require signatures for one command, --disable-content-trust to skip them.',
    signersTitle: 'Who can push signed images',
    signersBody:
      'Pushing signed images needs the AcrImageSigner role in addition to AcrPush. It can never be granted to the registry’s admin account or to a classic subscription administrator. After a role change, sign in again with az acr login so the new role is in the token. Pulling signed images needs only AcrPull.',
    accessControl: 'Go to Access control (IAM)',
    keysTitle: 'Where signing keys live, and how to back them up',
    keysBody:
      'Keys are on the publisher’s machine, in ~/.docker/trust/private. Back them up to an offline place:',
    rootTitle: 'If the root key is lost',
    rootBody:
      'Without the root key nobody can sign new tags or rotate keys for that repository, and the registry cannot restore it. The only way out is to disable content trust — which deletes the trust data of every repository — and enable it again, then sign again with new keys.',
    copyLabel: '{{what}} command',
  },
  changes: {
    heading: 'Recent changes',
    description: 'Who enabled or disabled content trust on this registry in the last 90 days (activity log).',
    empty: 'No content-trust change in the last 90 days.',
    noPermission: 'You cannot read this registry’s activity log.',
    columns: { when: 'Time', who: 'Initiated by', change: 'Change', result: 'Result' },
    enabled: 'Enabled content trust',
    disabled: 'Disabled content trust',
    unknown: 'Changed the trust policy',
    result: {
      Succeeded: 'Succeeded',
      Failed: 'Failed',
      Accepted: 'Accepted',
      InProgress: 'In progress',
    },
  },
  dialog: {
    title: 'Disable content trust on {{name}}?',
    irreversible:
      'This deletes the trust data of every repository in {{name}}, permanently. It cannot be undone or recovered. Images are not deleted.',
    impactLoading: 'Counting the signed tags on the trust server…',
    impact_one:
      '{{signedTags}} signed tags in {{count}} repository will lose their signatures; {{imagesKept}} images stay.',
    impact_other:
      '{{signedTags}} signed tags in {{count}} repositories will lose their signatures; {{imagesKept}} images stay.',
    impactUnknown_one:
      'The trust data of {{count}} repository could not be read: the numbers are a lower bound.',
    impactUnknown_other:
      'The trust data of {{count}} repositories could not be read: the numbers are a lower bound.',
    repositoriesLabel: 'Repositories that lose their trust data',
    repositoryLine_one: '{{repository}} — {{count}} signed tag',
    repositoryLine_other: '{{repository}} — {{count}} signed tags',
    invalidLine: '{{repository}} — trust data that does not verify',
    exportTitle: 'Export the trust data first',
    exportBody:
      'Download every repository’s TUF metadata (root, targets, snapshot, timestamp and every delegation) with a manifest. Afterwards, content-trust inspect --archive FILE NAME prints from it what inspect prints today.',
    export: 'Export trust data',
    exporting: 'Exporting…',
    exported: 'Downloaded {{file}}',
    confirmLabel: 'Type the registry name to confirm',
    confirmHint: 'Type {{name}} exactly (case-sensitive).',
    cancel: 'Cancel',
    confirm: 'Disable and delete trust data',
  },
  leave: {
    title: 'Leave without saving?',
    body: 'Your change to content trust is not saved.',
    stay: 'Stay',
    leave: 'Leave',
  },
  progress: {
    label: 'Disabling content trust',
    deleting: 'Deleting trust data: {{done}} of {{total}} repositories',
    deletingUnknown: 'Deleting trust data…',
    enabling: 'Enabling content trust…',
    deleted_one: 'Trust data of {{count}} repository was processed.',
    deleted_other: 'Trust data of {{count}} repositories was processed.',
    dismiss: 'Dismiss',
  },
  toast: {
    enabled: 'Content trust is enabled on {{name}}.',
    disabled: 'Content trust is disabled on {{name}}; its trust data is deleted. Images are unchanged.',
    failed: 'The change to content trust on {{name}} failed',
    stale: 'The registry changed since the page loaded. Review the current status and confirm again.',
  },
};
