import { describe, expect, it } from 'vitest';
import type { ArmClients } from '../src/azure/arm.ts';
import type { GraphClient } from '../src/azure/graph.ts';
import { createLogger } from '../src/logging.ts';
import { assignmentName, RoleAssignmentService } from '../src/services/access-control-assignments.ts';
import { originOf } from '../src/services/access-control-scope.ts';

const sub = '0b1f6471-1bf0-4dda-aec3-cb9272f09590';
const ref = { subscriptionId: sub, resourceGroup: 'registries-rg', registryName: 'ctpdemo' };
const registryScope = `/subscriptions/${sub}/resourceGroups/registries-rg/providers/Microsoft.ContainerRegistry/registries/ctpdemo`;

async function* pages<T>(items: T[]) {
  for (const item of items) yield item;
}

describe('role assignments as the blade shows them', () => {
  it('names where an assignment comes from, case-insensitively', () => {
    expect(originOf(registryScope.toUpperCase(), registryScope)).toEqual({
      origin: 'thisResource',
      originName: 'This resource',
    });
    expect(originOf(`/subscriptions/${sub}/resourcegroups/registries-rg`, registryScope)).toEqual({
      origin: 'resourceGroup',
      originName: 'registries-rg',
    });
    expect(originOf(`/subscriptions/${sub}`, registryScope, 'contoso-dev')).toEqual({
      origin: 'subscription',
      originName: 'contoso-dev',
    });
    expect(originOf('/', registryScope).origin).toBe('root');
  });

  it('derives the same GUID name for the same scope, principal and role, whatever their casing', () => {
    const principal = '45b68d3c-4ebe-4ac2-94bc-a5616e2660e1';
    const role = '6cef56e8-d556-48e5-a04f-b8e64114680f';
    const name = assignmentName(registryScope, principal, role);
    expect(name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(assignmentName(registryScope.toLowerCase(), principal.toUpperCase(), role)).toBe(name);
    expect(assignmentName(registryScope, principal, '8311e382-0749-4cb8-b61a-304f252e45ec')).not.toBe(name);
  });

  it('shows a principal Graph no longer knows as "Identity not found" with its object id', async () => {
    // Fakes on purpose: the local tenant cannot delete a principal that still holds an assignment, so
    // this state (an orphaned assignment) is only reachable with a Graph that lacks the object.
    const graph: GraphClient = {
      get: () => Promise.reject(new Error('unused')),
      post: <T>() => Promise.resolve({ value: [] } as T),
    };
    const arm = {
      authorization: () => ({
        roleDefinitions: {
          list: () =>
            pages([{ name: '7f951dda-4ed3-4680-a7ca-43fe172d538d', roleName: 'AcrPull', permissions: [] }]),
        },
        classicAdministrators: { list: () => pages([]) },
      }),
      subscriptions: () => ({
        subscriptions: { get: () => Promise.resolve({ displayName: 'contoso-dev' }) },
      }),
    } as unknown as ArmClients;
    const service = new RoleAssignmentService({
      arm,
      graph,
      log: createLogger('silent'),
      ref,
      callerName: 'test',
    });
    const [row] = await service.shape([
      {
        id: `${registryScope}/providers/Microsoft.Authorization/roleAssignments/a`,
        name: 'a',
        scope: registryScope,
        roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d`,
        principalId: 'D1B9C0DE-0000-4000-8000-000000000001',
        principalType: 'User',
      },
    ]);
    expect(row).toMatchObject({
      roleName: 'AcrPull',
      principal: { id: 'D1B9C0DE-0000-4000-8000-000000000001', found: false, type: 'User' },
    });
    expect(row!.principal.displayName).toBeUndefined();
  });
});
