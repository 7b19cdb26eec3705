import type { z } from '@hono/zod-openapi';
import { createRoute } from '@hono/zod-openapi';
import {
  checkAccessQuerySchema,
  checkAccessSchema,
  createRoleAssignmentSchema,
  guidSchema,
  principalListSchema,
  principalSearchQuerySchema,
  registryRefSchema,
  roleAssignmentListSchema,
  roleAssignmentSchema,
  roleDefinitionListSchema,
  signerListSchema,
  registryResourceId,
} from '@ctp/contracts';
import type { Context } from 'hono';
import type { PortalEnv } from '../env.ts';
import { RegistryAccessService } from '../services/access-control-access.ts';
import { RoleAssignmentService } from '../services/access-control-assignments.ts';
import { bearerSecurity, createRouter, problemResponses } from './router.ts';
import { registryPath } from './registries.ts';

const base = `${registryPath}/access-control`;
const tags = ['Access control (IAM)'];
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const listAssignments = createRoute({
  method: 'get',
  path: `${base}/role-assignments`,
  tags,
  summary: 'Role assignments that apply at the registry (at it, or inherited from above)',
  security: bearerSecurity,
  request: { params: registryRefSchema },
  responses: { 200: json(roleAssignmentListSchema, 'Role assignments'), ...problemResponses },
});

const createAssignment = createRoute({
  method: 'post',
  path: `${base}/role-assignments`,
  tags,
  summary: 'Assign a role to one member at the registry’s scope',
  description:
    'Refused before ARM is called when the caller cannot assign roles, the member does not exist, already has the role here, or can never sign (classic administrators and AcrImageSigner).',
  security: bearerSecurity,
  request: {
    params: registryRefSchema,
    body: { required: true, content: { 'application/json': { schema: createRoleAssignmentSchema } } },
  },
  responses: {
    201: json(roleAssignmentSchema, 'The new assignment'),
    409: { description: 'The member already has the role here (`RoleAssignmentExists`).' },
    ...problemResponses,
  },
});

const deleteAssignment = createRoute({
  method: 'delete',
  path: `${base}/role-assignments/{assignmentName}`,
  tags,
  summary: 'Remove a role assignment made at the registry (inherited ones are refused)',
  security: bearerSecurity,
  request: { params: registryRefSchema.extend({ assignmentName: guidSchema }) },
  responses: {
    200: json(roleAssignmentSchema, 'The removed assignment'),
    409: { description: 'The assignment is inherited (`InheritedRoleAssignment`): remove it at its scope.' },
    ...problemResponses,
  },
});

const listRoles = createRoute({
  method: 'get',
  path: `${base}/role-definitions`,
  tags,
  summary: 'Roles that can be assigned here (job-function and privileged), with their permissions',
  security: bearerSecurity,
  request: { params: registryRefSchema },
  responses: { 200: json(roleDefinitionListSchema, 'Role definitions'), ...problemResponses },
});

const searchPrincipals = createRoute({
  method: 'get',
  path: `${base}/principals`,
  tags,
  summary: 'Search users, groups and service principals (the member picker)',
  security: bearerSecurity,
  request: { params: registryRefSchema, query: principalSearchQuerySchema },
  responses: { 200: json(principalListSchema, 'Matching principals'), ...problemResponses },
});

const checkAccess = createRoute({
  method: 'get',
  path: `${base}/check-access`,
  tags,
  summary: 'Every role a principal holds here and what it may do on the registry',
  security: bearerSecurity,
  request: { params: registryRefSchema, query: checkAccessQuerySchema },
  responses: { 200: json(checkAccessSchema, 'The principal’s access'), ...problemResponses },
});

const listSigners = createRoute({
  method: 'get',
  path: `${base}/signers`,
  tags,
  summary: 'Who can push trust data (sign) on this registry, and through which assignments',
  security: bearerSecurity,
  request: { params: registryRefSchema },
  responses: { 200: json(signerListSchema, 'Signers'), ...problemResponses },
});

function service(c: Context<PortalEnv>, ref: z.infer<typeof registryRefSchema>) {
  c.header('cache-control', 'no-store');
  return new RoleAssignmentService({
    arm: c.get('arm'),
    graph: c.get('graph'),
    log: c.get('log'),
    ref,
    callerName: c.get('caller').name || c.get('caller').username,
  });
}

/** The Access control (IAM) blade: role assignments, the wizard's roles and members, check access. */
export function accessControlRoutes() {
  return createRouter<PortalEnv>()
    .openapi(listAssignments, async (c) => {
      const ref = c.req.valid('param');
      const value = await service(c, ref).list();
      return c.json({ scope: registryResourceId(ref), value }, 200);
    })
    .openapi(createAssignment, async (c) => {
      const created = await service(c, c.req.valid('param')).create(c.req.valid('json'));
      return c.json(created, 201);
    })
    .openapi(deleteAssignment, async (c) => {
      const { assignmentName, ...ref } = c.req.valid('param');
      return c.json(await service(c, ref).remove(assignmentName), 200);
    })
    .openapi(listRoles, async (c) => {
      return c.json({ value: await service(c, c.req.valid('param')).roles.sorted() }, 200);
    })
    .openapi(searchPrincipals, async (c) => {
      const { search, kind } = c.req.valid('query');
      const value = await service(c, c.req.valid('param')).directory.search(search ?? '', kind ?? 'all');
      return c.json({ value }, 200);
    })
    .openapi(checkAccess, async (c) => {
      const assignments = service(c, c.req.valid('param'));
      return c.json(
        await new RegistryAccessService(assignments).check(c.req.valid('query').principalId),
        200,
      );
    })
    .openapi(listSigners, async (c) => {
      const assignments = service(c, c.req.valid('param'));
      return c.json({ value: await new RegistryAccessService(assignments).signers() }, 200);
    });
}
