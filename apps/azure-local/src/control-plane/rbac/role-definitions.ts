/**
 * Azure built-in role definitions the portal works with, with their real GUIDs, names, descriptions
 * and permissions (as `az role definition list` shows them; Contributor's long notActions list is
 * trimmed to the entries that matter here plus the ones that stop it from assigning roles).
 */
export interface Permission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

export interface RoleDefinition {
  /** GUID (the `name` of the ARM resource). */
  name: string;
  roleName: string;
  description: string;
  type: 'BuiltInRole' | 'CustomRole';
  /** Portal grouping: privileged administrator roles vs job-function roles. */
  privileged: boolean;
  permissions: Permission[];
}

const ACR = 'Microsoft.ContainerRegistry/registries';

function role(
  name: string,
  roleName: string,
  description: string,
  actions: string[],
  dataActions: string[] = [],
  notActions: string[] = [],
  privileged = false,
): RoleDefinition {
  return {
    name,
    roleName,
    description,
    type: 'BuiltInRole',
    privileged,
    permissions: [{ actions, notActions, dataActions, notDataActions: [] }],
  };
}

export const ROLE_IDS = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  UserAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  RbacAdministrator: 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
  AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  AcrPush: '8311e382-0749-4cb8-b61a-304f252e45ec',
  AcrDelete: 'c2f4ef07-c644-48eb-af81-4b1b4947fb11',
  AcrImageSigner: '6cef56e8-d556-48e5-a04f-b8e64114680f',
  AcrQuarantineReader: 'cdda3590-29a3-44f6-95f2-9f980659eb04',
  AcrQuarantineWriter: 'c8d4ff99-41c3-41a8-9f60-21dfdad59608',
} as const;

export const BUILT_IN_ROLES: RoleDefinition[] = [
  role(
    ROLE_IDS.Owner,
    'Owner',
    'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    ['*'],
    [],
    [],
    true,
  ),
  role(
    ROLE_IDS.Contributor,
    'Contributor',
    'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
    ['*'],
    [],
    [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
      'Microsoft.Blueprint/blueprintAssignments/write',
      'Microsoft.Blueprint/blueprintAssignments/delete',
      'Microsoft.Compute/galleries/share/action',
      'Microsoft.Purview/consents/write',
      'Microsoft.Purview/consents/delete',
      'Microsoft.Resources/deploymentStacks/manageDenySetting/action',
      'Microsoft.Subscription/cancel/action',
      'Microsoft.Subscription/enable/action',
    ],
    true,
  ),
  role(ROLE_IDS.Reader, 'Reader', 'View all resources, but does not allow you to make any changes.', [
    '*/read',
  ]),
  role(
    ROLE_IDS.UserAccessAdministrator,
    'User Access Administrator',
    'Lets you manage user access to Azure resources.',
    ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
    [],
    [],
    true,
  ),
  role(
    ROLE_IDS.RbacAdministrator,
    'Role Based Access Control Administrator',
    'Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage access using other ways, such as Azure Policy.',
    [
      'Microsoft.Authorization/roleAssignments/write',
      'Microsoft.Authorization/roleAssignments/delete',
      '*/read',
      'Microsoft.Support/*',
    ],
    [],
    [],
    true,
  ),
  role(ROLE_IDS.AcrPull, 'AcrPull', 'acr pull', [`${ACR}/pull/read`]),
  role(ROLE_IDS.AcrPush, 'AcrPush', 'acr push', [`${ACR}/pull/read`, `${ACR}/push/write`]),
  role(ROLE_IDS.AcrDelete, 'AcrDelete', 'acr delete', [`${ACR}/artifacts/delete`]),
  role(
    ROLE_IDS.AcrImageSigner,
    'AcrImageSigner',
    'acr image signer',
    [`${ACR}/sign/write`],
    [`${ACR}/trustedCollections/write`],
  ),
  role(
    ROLE_IDS.AcrQuarantineReader,
    'AcrQuarantineReader',
    'acr quarantine data reader',
    [`${ACR}/quarantine/read`],
    [`${ACR}/quarantinedArtifacts/read`],
  ),
  role(
    ROLE_IDS.AcrQuarantineWriter,
    'AcrQuarantineWriter',
    'acr quarantine data writer',
    [`${ACR}/quarantine/read`, `${ACR}/quarantine/write`],
    [`${ACR}/quarantinedArtifacts/read`, `${ACR}/quarantinedArtifacts/write`],
  ),
  role(
    'b93aa761-3e63-49ed-ac28-beffa264f7ac',
    'Container Registry Repository Reader',
    'Allows for read access to Azure Container Registry repositories, but excluding catalog listing.',
    [],
    [`${ACR}/repositories/metadata/read`, `${ACR}/repositories/content/read`],
  ),
  role(
    '2a1e307c-b015-4ebd-883e-5b7698a07328',
    'Container Registry Repository Writer',
    'Allows for read and write access to Azure Container Registry repositories, but excluding catalog listing.',
    [],
    [
      `${ACR}/repositories/metadata/read`,
      `${ACR}/repositories/content/read`,
      `${ACR}/repositories/metadata/write`,
      `${ACR}/repositories/content/write`,
    ],
  ),
  role(
    '2efddaa5-3f1f-4df3-97df-af3f13818f4c',
    'Container Registry Repository Contributor',
    'Allows for read, write, and delete access to Azure Container Registry repositories, but excluding catalog listing.',
    [],
    [
      `${ACR}/repositories/metadata/read`,
      `${ACR}/repositories/content/read`,
      `${ACR}/repositories/metadata/write`,
      `${ACR}/repositories/content/write`,
      `${ACR}/repositories/metadata/delete`,
      `${ACR}/repositories/content/delete`,
    ],
  ),
  role(
    'bfdb9389-c9a5-478a-bb2f-ba9ca092c3c7',
    'Container Registry Repository Catalog Lister',
    'Allows for listing all repositories in an Azure Container Registry.',
    [],
    [`${ACR}/catalog/read`],
  ),
];

export function findRoleDefinition(guid: string): RoleDefinition | undefined {
  const lower = guid.toLowerCase();
  return BUILT_IN_ROLES.find((r) => r.name === lower);
}

export function findRoleByName(roleName: string): RoleDefinition | undefined {
  return BUILT_IN_ROLES.find((r) => r.roleName.toLowerCase() === roleName.toLowerCase());
}

/**
 * Concrete actions the data plane and the portal ask about. `permissionsAt` expands wildcard roles
 * (Owner's `*`, Reader's `* /read`) against this catalog so callers can test membership without a
 * wildcard matcher.
 */
export const KNOWN_ACTIONS: string[] = [
  ...new Set([
    ...BUILT_IN_ROLES.flatMap((r) => r.permissions.flatMap((p) => p.actions)).filter((a) => !a.includes('*')),
    `${ACR}/read`,
    `${ACR}/write`,
    `${ACR}/delete`,
    `${ACR}/listCredentials/action`,
    `${ACR}/regenerateCredential/action`,
    `${ACR}/operationStatuses/read`,
    'Microsoft.Authorization/roleAssignments/read',
    'Microsoft.Authorization/roleAssignments/write',
    'Microsoft.Authorization/roleAssignments/delete',
    'Microsoft.Authorization/roleDefinitions/read',
    'Microsoft.Resources/subscriptions/read',
    'Microsoft.Resources/subscriptions/resourceGroups/read',
    'Microsoft.Insights/eventtypes/values/read',
  ]),
];

export const KNOWN_DATA_ACTIONS: string[] = [
  ...new Set(BUILT_IN_ROLES.flatMap((r) => r.permissions.flatMap((p) => p.dataActions))),
];

/** Actions that make a role grant trusted push (signing); never assignable to the admin account or classic admins. */
export const TRUSTED_PUSH_ACTIONS = [`${ACR}/sign/write`, `${ACR}/trustedCollections/write`].map((a) =>
  a.toLowerCase(),
);

export function grantsTrustedPush(definition: RoleDefinition): boolean {
  return definition.permissions.some((p) =>
    [...p.actions, ...p.dataActions].some((a) => TRUSTED_PUSH_ACTIONS.includes(a.toLowerCase())),
  );
}
