import { TENANT_ID } from '../constants.ts';
import type { ActivityEvent } from '../state/activity-log.ts';
import { checkApiVersion } from './api-versions.ts';
import { authorize, can, type ArmServices } from './context.ts';
import { ArmError, armErrors } from './errors.ts';
import type { Router } from './router.ts';

function subscriptionJson(s: { subscriptionId: string; displayName: string; state: string }) {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: TENANT_ID,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
  };
}

/** An activity-log entry in the shape of Microsoft.Insights eventtypes/management/values. */
function eventJson(e: ActivityEvent) {
  const provider = e.operationName.split('/')[0] ?? '';
  return {
    authorization: { action: e.operationName, scope: e.resourceId },
    caller: e.caller,
    channels: 'Operation',
    claims: { 'http://schemas.microsoft.com/identity/claims/objectidentifier': e.callerObjectId },
    correlationId: e.correlationId,
    description: '',
    eventDataId: e.eventDataId,
    eventName: { value: e.httpMethod === 'LRO' ? 'EndRequest' : 'EndRequest', localizedValue: 'End request' },
    category: { value: 'Administrative', localizedValue: 'Administrative' },
    eventTimestamp: e.eventTimestamp,
    id: `${e.resourceId}/events/${e.eventDataId}/ticks/${Date.parse(e.eventTimestamp) * 10000}`,
    level: e.status === 'Failed' ? 'Error' : 'Informational',
    operationId: e.correlationId,
    operationName: { value: e.operationName, localizedValue: e.operationName },
    resourceGroupName: e.resourceGroup,
    resourceProviderName: { value: provider, localizedValue: provider },
    resourceType: { value: e.operationName.split('/').slice(0, -1).join('/'), localizedValue: '' },
    resourceId: e.resourceId,
    status: { value: e.status, localizedValue: e.status },
    subStatus: { value: String(e.statusCode), localizedValue: String(e.statusCode) },
    submissionTimestamp: e.eventTimestamp,
    subscriptionId: e.subscriptionId,
    tenantId: TENANT_ID,
    properties: {
      statusCode: String(e.statusCode),
      httpMethod: e.httpMethod,
      ...(e.error ? { statusMessage: JSON.stringify({ error: e.error }) } : {}),
      ...(e.requestBody ? { requestbody: e.requestBody } : {}),
    },
  };
}

export function resourceRoutes(router: Router, services: ArmServices): void {
  router.get('/subscriptions', (c) => {
    checkApiVersion('resources', c.req.query('api-version'), 'subscriptions');
    const caller = c.get('caller');
    const value = services.containers
      .subscriptions()
      .filter((s) => services.authorizer.hasAnyAccessIn(caller.objectId, s.subscriptionId))
      .map(subscriptionJson);
    return c.json({ value });
  });

  router.get('/subscriptions/{sub}', (c, p) => {
    checkApiVersion('resources', c.req.query('api-version'), 'subscriptions');
    const subscription = services.containers.subscription(p.sub!);
    if (
      !subscription ||
      !services.authorizer.hasAnyAccessIn(c.get('caller').objectId, subscription.subscriptionId)
    ) {
      throw armErrors.subscriptionNotFound(p.sub!);
    }
    return c.json(subscriptionJson(subscription));
  });

  router.get('/subscriptions/{sub}/resourceGroups', (c, p) => {
    checkApiVersion('resources', c.req.query('api-version'), 'resourceGroups');
    if (!services.containers.subscription(p.sub!)) throw armErrors.subscriptionNotFound(p.sub!);
    const value = services.containers
      .resourceGroups(p.sub!)
      .map((g) => ({ g, id: `/subscriptions/${g.subscriptionId}/resourceGroups/${g.name}` }))
      .filter(({ id }) => can(c, services, 'Microsoft.Resources/subscriptions/resourceGroups/read', id))
      .map(({ g, id }) => ({
        id,
        name: g.name,
        type: 'Microsoft.Resources/resourceGroups',
        location: g.location,
        properties: { provisioningState: 'Succeeded' },
      }));
    return c.json({ value });
  });

  router.get('/subscriptions/{sub}/resourceGroups/{rg}', (c, p) => {
    checkApiVersion('resources', c.req.query('api-version'), 'resourceGroups');
    authorize(
      c,
      services,
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      `/subscriptions/${p.sub}/resourceGroups/${p.rg}`,
    );
    if (!services.containers.subscription(p.sub!)) throw armErrors.subscriptionNotFound(p.sub!);
    const g = services.containers.resourceGroup(p.sub!, p.rg!);
    if (!g) throw armErrors.resourceGroupNotFound(p.rg!);
    const id = `/subscriptions/${g.subscriptionId}/resourceGroups/${g.name}`;
    return c.json({
      id,
      name: g.name,
      type: 'Microsoft.Resources/resourceGroups',
      location: g.location,
      properties: { provisioningState: 'Succeeded' },
    });
  });

  // Activity log (Microsoft.Insights): writes with caller, operation, time and result, per resource.
  router.get('/subscriptions/{sub}/providers/Microsoft.Insights/eventtypes/management/values', (c, p) => {
    checkApiVersion('insights', c.req.query('api-version'), 'eventtypes');
    const filter = c.req.query('$filter') ?? '';
    const clauses = filter
      .split(/\s+and\s+/i)
      .map((s) => s.trim())
      .filter(Boolean);
    const query: {
      subscriptionId: string;
      resourceId?: string;
      resourceGroup?: string;
      from?: string;
      to?: string;
    } = { subscriptionId: p.sub! };
    for (const clause of clauses) {
      let m: RegExpMatchArray | null;
      if ((m = clause.match(/^eventTimestamp\s+ge\s+'([^']+)'$/i)))
        query.from = new Date(m[1]!).toISOString();
      else if ((m = clause.match(/^eventTimestamp\s+le\s+'([^']+)'$/i)))
        query.to = new Date(m[1]!).toISOString();
      else if ((m = clause.match(/^resourceUri\s+eq\s+'([^']+)'$/i))) query.resourceId = m[1]!;
      else if ((m = clause.match(/^resourceGroupName\s+eq\s+'([^']+)'$/i))) query.resourceGroup = m[1]!;
      else
        throw new ArmError(
          400,
          'BadRequest',
          `The $filter clause '${clause}' is not supported. Use eventTimestamp ge/le, resourceUri eq, resourceGroupName eq.`,
        );
    }
    if (!query.from) {
      throw new ArmError(
        400,
        'BadRequest',
        "The $filter must include eventTimestamp ge '<ISO time>' (as Azure requires).",
      );
    }
    const scope =
      query.resourceId ??
      (query.resourceGroup
        ? `/subscriptions/${p.sub}/resourceGroups/${query.resourceGroup}`
        : `/subscriptions/${p.sub}`);
    authorize(c, services, 'Microsoft.Insights/eventtypes/values/read', scope);
    return c.json({ value: services.activity.query(query).map(eventJson) });
  });
}
