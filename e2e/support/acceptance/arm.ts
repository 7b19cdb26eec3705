// The Azure side of the lifecycle, read and changed straight through ARM (the official SDK clients, or
// plain REST for the activity log) to check what the portal says against what the control plane holds.
import { builtInRoleIds } from '@ctp/contracts';
import {
  armClients,
  roleDefinitionId,
  type ArmClients,
  createPremiumRegistry,
} from '../../stack/support/arm.ts';
import { eventually } from '../../stack/support/registry-http.ts';
import { ARM_SCOPE, REGISTRIES_RG, userToken, type Stack } from '../../stack/support/stack.ts';

export interface OwnRegistry {
  name: string;
  id: string;
  loginServer: string;
}

/**
 * A Premium registry of this run, created by the Owner through ARM (content trust still off, so the
 * Owner's first step in the portal really enables it; the admin user on, so its refusal can be shown).
 * The emulator provisions its login server and trust server; this waits until the login server answers.
 */
export async function createOwnRegistry(arm: ArmClients, name: string): Promise<OwnRegistry> {
  const registry = await createPremiumRegistry(arm, name, {
    contentTrust: 'disabled',
    adminUserEnabled: true,
  });
  const loginServer = registry.loginServer!;
  await eventually(`the login server of ${name}`, async () =>
    (await fetch(`https://${loginServer}/v2/`)).status === 401 ? true : undefined,
  );
  return { name, id: registry.id!, loginServer };
}

export async function trustPolicyStatus(arm: ArmClients, name: string): Promise<string | undefined> {
  return (await arm.registries.registries.get(REGISTRIES_RG, name)).policies?.trustPolicy?.status;
}

/** Role assignments made at the registry's own scope: [principalId, role name] pairs. */
export async function assignmentsAt(s: Stack, arm: ArmClients, registryId: string) {
  const names = new Map<string, string>(
    Object.entries(builtInRoleIds).map(([role, id]) => [roleDefinitionId(s, id).toLowerCase(), role]),
  );
  const out: Array<{ principalId: string; role: string }> = [];
  for await (const a of arm.authorization.roleAssignments.listForScope(registryId.slice(1)))
    if (a.scope?.toLowerCase() === registryId.toLowerCase())
      out.push({
        principalId: a.principalId!,
        role: names.get(a.roleDefinitionId!.toLowerCase()) ?? a.roleDefinitionId!,
      });
  return out;
}

export interface ActivityEvent {
  caller: string;
  correlationId: string;
  operationName: { value: string };
  status: { value: string };
  resourceId: string;
  properties: { requestbody?: string };
}

/** The registry's entries in the ARM activity log (Microsoft.Insights), read as the Owner. */
export async function activityLog(s: Stack, resourceId: string, since: Date): Promise<ActivityEvent[]> {
  const filter = `eventTimestamp ge '${since.toISOString()}' and resourceUri eq '${resourceId}'`;
  const url = `${s.arm.endpoint}/subscriptions/${s.arm.subscriptionId}/providers/Microsoft.Insights/eventtypes/management/values?api-version=2015-04-01&$filter=${encodeURIComponent(filter)}`;
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${await userToken(s, 'owner', ARM_SCOPE)}` },
  });
  if (!response.ok) throw new Error(`the activity log answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { value: ActivityEvent[] }).value;
}

export { armClients };
