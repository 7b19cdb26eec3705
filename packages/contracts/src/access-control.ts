import * as z from 'zod';

/** Entra object ids, role definition names and role assignment names are GUIDs. */
export const guidSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'expected a GUID');

/** ARM's principalType; `Unknown` for an object Graph no longer knows (deleted, or another tenant's). */
export const principalTypeSchema = z.enum(['User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Unknown']);
export type PrincipalType = z.infer<typeof principalTypeSchema>;

/** A directory object as the blade shows it, resolved through Graph (`getByIds` or a search). */
export const principalSchema = z.object({
  /** The Entra object id (what ARM assigns roles to; never the appId). */
  id: z.string(),
  type: principalTypeSchema,
  /** False when Graph has no such object: the portal shows "Identity not found" with the id. */
  found: z.boolean(),
  displayName: z.string().optional(),
  /** Users: their sign-in name. */
  userPrincipalName: z.string().optional(),
  mail: z.string().optional(),
  /** Service principals: the application (client) id. */
  appId: z.string().optional(),
  /** Service principals: `Application`, `ManagedIdentity`, `Legacy`… */
  servicePrincipalType: z.string().optional(),
  /** A classic subscription administrator: can never be granted trusted push (signing). */
  classicAdministrator: z.boolean().optional(),
});
export type Principal = z.infer<typeof principalSchema>;

/** Where an assignment is made, relative to the registry: at it, or inherited from above. */
export const assignmentOriginSchema = z.enum([
  'thisResource',
  'resourceGroup',
  'subscription',
  'managementGroup',
  'root',
]);
export type AssignmentOrigin = z.infer<typeof assignmentOriginSchema>;

/** One role assignment that applies at the registry's scope. */
export const roleAssignmentSchema = z.object({
  /** ARM id: `{scope}/providers/Microsoft.Authorization/roleAssignments/{name}`. */
  id: z.string(),
  /** The assignment's GUID name. */
  name: z.string(),
  /** The scope it is made at (the registry, its resource group or subscription, …). */
  scope: z.string(),
  origin: assignmentOriginSchema,
  /** Display text of the origin scope: the resource group or subscription name. */
  originName: z.string(),
  inherited: z.boolean(),
  /** The role definition GUID. */
  roleDefinitionId: z.string(),
  roleName: z.string(),
  principal: principalSchema,
  description: z.string().optional(),
  condition: z.string().optional(),
  createdOn: z.string().optional(),
});
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

/** GET …/access-control/role-assignments */
export const roleAssignmentListSchema = z.object({
  /** The registry's ARM id (the scope "This resource" means). */
  scope: z.string(),
  value: z.array(roleAssignmentSchema),
});
export type RoleAssignmentList = z.infer<typeof roleAssignmentListSchema>;

/** What holding a role means on a registry, computed from its actions and data actions. */
export const registryAccessSchema = z.object({
  canPull: z.boolean(),
  canPush: z.boolean(),
  /** Push trust data (`…/trustedCollections/write`): sign images with content trust. */
  canSign: z.boolean(),
  /** `Microsoft.ContainerRegistry/registries/write`. */
  canChangeTrustPolicy: z.boolean(),
  /** `Microsoft.Authorization/roleAssignments/write`. */
  canAssignRoles: z.boolean(),
});
export type RegistryAccess = z.infer<typeof registryAccessSchema>;

export const permissionSchema = z.object({
  actions: z.array(z.string()),
  notActions: z.array(z.string()),
  dataActions: z.array(z.string()),
  notDataActions: z.array(z.string()),
});

/** A role definition for the wizard's Role tab. */
export const roleDefinitionSchema = z.object({
  /** The GUID (same as Azure's built-in role ids). */
  name: z.string(),
  roleName: z.string(),
  description: z.string(),
  roleType: z.string(),
  /** The portal's two lists: job-function roles, and privileged administrator roles. */
  category: z.enum(['jobFunction', 'privileged']),
  /** Container Registry's own roles, listed first. */
  containerRegistry: z.boolean(),
  permissions: z.array(permissionSchema),
  /** What the role alone grants on this registry. */
  grants: registryAccessSchema,
});
export type RoleDefinition = z.infer<typeof roleDefinitionSchema>;

export const roleDefinitionListSchema = z.object({ value: z.array(roleDefinitionSchema) });
export type RoleDefinitionList = z.infer<typeof roleDefinitionListSchema>;

/** POST …/access-control/role-assignments — one member, one role, at the registry's scope. */
export const createRoleAssignmentSchema = z.object({
  roleDefinitionId: guidSchema,
  principalId: guidSchema,
  principalType: z.enum(['User', 'Group', 'ServicePrincipal']),
  description: z.string().max(2048).optional(),
});
export type CreateRoleAssignment = z.infer<typeof createRoleAssignmentSchema>;

export const principalSearchKindSchema = z.enum(['all', 'user', 'group', 'servicePrincipal']);
export type PrincipalSearchKind = z.infer<typeof principalSearchKindSchema>;

/** GET …/access-control/principals?search=… — the member picker's results. */
export const principalSearchQuerySchema = z.object({
  search: z.string().max(120).optional(),
  kind: principalSearchKindSchema.optional(),
});
export const principalListSchema = z.object({ value: z.array(principalSchema) });
export type PrincipalList = z.infer<typeof principalListSchema>;

/** GET …/access-control/check-access?principalId=… */
export const checkAccessQuerySchema = z.object({ principalId: guidSchema });
export const checkAccessSchema = z.object({
  principal: principalSchema,
  /** Every assignment at or above the registry held by the principal or one of its groups. */
  assignments: z.array(
    roleAssignmentSchema.extend({
      /** Set when the assignment is held through a group the principal belongs to. */
      viaGroup: principalSchema.optional(),
    }),
  ),
  access: registryAccessSchema,
  /** Why `canSign` is false although a role carries the data action (classic administrator). */
  signingBlockedReason: z.string().optional(),
});
export type CheckAccess = z.infer<typeof checkAccessSchema>;

/** GET …/access-control/signers — who can push trust data on this registry right now. */
export const signerSchema = z.object({
  principal: principalSchema,
  /** The assignments whose data actions include trusted push. */
  assignments: z.array(roleAssignmentSchema),
  /** Signing images also needs push (AcrPush or a role that includes it). */
  canPush: z.boolean(),
  /** Set when the login server refuses this identity trusted push anyway (classic administrator). */
  blockedReason: z.string().optional(),
});
export type Signer = z.infer<typeof signerSchema>;
export const signerListSchema = z.object({ value: z.array(signerSchema) });
export type SignerList = z.infer<typeof signerListSchema>;

/** Role definition GUIDs the blade refers to by name (Azure's built-in role ids). */
export const builtInRoleIds = {
  AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  AcrPush: '8311e382-0749-4cb8-b61a-304f252e45ec',
  AcrDelete: 'c2f4ef07-c644-48eb-af81-4b1b4947fb11',
  AcrImageSigner: '6cef56e8-d556-48e5-a04f-b8e64114680f',
  AcrQuarantineReader: 'cdda3590-29a3-44f6-95f2-9f980659eb04',
  AcrQuarantineWriter: 'c8d4ff99-41c3-41a8-9f60-21dfdad59608',
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  UserAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  RbacAdministrator: 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
} as const;

/** Codes the access-control routes set on refusals they make before (or instead of) ARM. */
export const accessControlProblemCodes = {
  classicAdministratorCannotSign: 'ClassicAdministratorCannotSign',
  registryAdminAccountCannotSign: 'RegistryAdminAccountCannotSign',
  inheritedAssignment: 'InheritedRoleAssignment',
  principalTypeMismatch: 'UnmatchedPrincipalType',
} as const;
