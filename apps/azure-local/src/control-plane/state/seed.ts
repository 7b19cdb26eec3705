import { randomBytes, randomUUID } from 'node:crypto';
import {
  BFF_CLIENT_ID,
  LOCATION,
  REGISTRIES_RESOURCE_GROUP,
  SUBSCRIPTION_ID,
  SUBSCRIPTION_NAME,
  TENANT_DOMAIN,
} from '../constants.ts';
import { ROLE_IDS } from '../rbac/role-definitions.ts';
import { getSetting, setSetting, type Db } from './db.ts';
import { DirectoryStore } from './directory.ts';
import {
  defaultPolicies,
  newAdminPassword,
  registryResourceId,
  RegistryStore,
  type RegistryState,
} from './registries.ts';
import { ResourceContainerStore } from './resources.ts';
import { RoleAssignmentStore, type PrincipalType } from './role-assignments.ts';

/** A seeded identity as stack.json describes it. */
export interface SeedPerson {
  key: string;
  kind: 'user' | 'servicePrincipal';
  displayName: string;
  /** Local part of the UPN (users). */
  alias?: string;
  summary: string;
  classicAdminRole?: string;
  jobTitle?: string;
}

export const SEED_PEOPLE: SeedPerson[] = [
  {
    key: 'owner',
    kind: 'user',
    displayName: 'Olivia Owner',
    alias: 'olivia.owner',
    jobTitle: 'Platform lead',
    summary: 'Owner of the subscription: can change policies and assign roles',
  },
  {
    key: 'contributor',
    kind: 'user',
    displayName: 'Conrad Contributor',
    alias: 'conrad.contributor',
    jobTitle: 'Developer',
    summary: 'Contributor on the subscription: can change policies, cannot assign roles',
  },
  {
    key: 'reader',
    kind: 'user',
    displayName: 'Rita Reader',
    alias: 'rita.reader',
    jobTitle: 'Auditor',
    summary: 'Reader on the subscription: can look, cannot change anything',
  },
  {
    key: 'no-role',
    kind: 'user',
    displayName: 'Nora Norole',
    alias: 'nora.norole',
    jobTitle: 'Guest',
    summary: 'No role assignment: sees no registry',
  },
  {
    key: 'classic-admin',
    kind: 'user',
    displayName: 'Cecil Classic',
    alias: 'cecil.classic',
    classicAdminRole: 'ServiceAdministrator',
    jobTitle: 'Legacy administrator',
    summary: 'Classic subscription administrator (Owner-equivalent); can never be granted trusted push',
  },
  {
    key: 'pusher',
    kind: 'user',
    displayName: 'Paula Pusher',
    alias: 'paula.pusher',
    jobTitle: 'Build engineer',
    summary: 'AcrPush on registries-rg: push and pull, no signing',
  },
  {
    key: 'puller',
    kind: 'user',
    displayName: 'Pierre Puller',
    alias: 'pierre.puller',
    jobTitle: 'Operator',
    summary: 'AcrPull on registries-rg: pull only',
  },
  {
    key: 'access-admin',
    kind: 'user',
    displayName: 'Ulla Useraccess',
    alias: 'ulla.useraccess',
    jobTitle: 'Identity administrator',
    summary: 'User Access Administrator on the subscription: can assign roles, cannot change registries',
  },
  {
    key: 'rbac-admin',
    kind: 'user',
    displayName: 'Ravi Rbacadmin',
    alias: 'ravi.rbacadmin',
    jobTitle: 'Team lead',
    summary: 'Role Based Access Control Administrator on registries-rg: can assign roles there',
  },
  {
    key: 'ci-signer',
    kind: 'servicePrincipal',
    displayName: 'ci-signer',
    summary: 'Service principal for CI: AcrPush + AcrImageSigner on ctpdemo (client credentials)',
  },
];

export const SEED_REGISTRIES = [
  { name: 'ctpdemo', sku: 'Premium', trustPolicy: 'enabled', adminUserEnabled: true },
  { name: 'ctpbasic', sku: 'Basic', trustPolicy: 'disabled', adminUserEnabled: false },
] as const;

function localSecret(): string {
  // LOCAL-ONLY credential; base64url without padding so it can be typed into shells unquoted.
  return randomBytes(18).toString('base64url');
}

/**
 * First start: tenant directory, subscription and resource group, the two registries, and the role
 * assignments that make the seeded signing and the RBAC matrix work. Runs once per data folder.
 */
export function seedIfEmpty(db: Db): void {
  if (getSetting(db, 'seeded') === '1') return;
  const directory = new DirectoryStore(db);
  const containers = new ResourceContainerStore(db);
  const registries = new RegistryStore(db);
  const assignments = new RoleAssignmentStore(db);
  db.transaction(() => {
    containers.addSubscription({
      subscriptionId: SUBSCRIPTION_ID,
      displayName: SUBSCRIPTION_NAME,
      state: 'Enabled',
    });
    containers.addResourceGroup({
      subscriptionId: SUBSCRIPTION_ID,
      name: REGISTRIES_RESOURCE_GROUP,
      location: LOCATION,
    });
    containers.addResourceGroup({ subscriptionId: SUBSCRIPTION_ID, name: 'apps-rg', location: LOCATION });

    const ids: Record<string, string> = {};
    for (const person of SEED_PEOPLE) {
      const id = randomUUID();
      ids[person.key] = id;
      const [given, family] = person.displayName.split(' ');
      directory.insert(
        person.kind === 'user'
          ? {
              id,
              kind: 'user',
              seedKey: person.key,
              displayName: person.displayName,
              userPrincipalName: `${person.alias}@${TENANT_DOMAIN}`,
              mail: `${person.alias}@${TENANT_DOMAIN}`,
              givenName: given ?? null,
              surname: family ?? null,
              jobTitle: person.jobTitle ?? null,
              localSecret: localSecret(),
              classicAdminRole: person.classicAdminRole ?? null,
            }
          : {
              id,
              kind: 'servicePrincipal',
              seedKey: person.key,
              displayName: person.displayName,
              appId: randomUUID(),
              servicePrincipalType: 'Application',
              description: person.summary,
              localSecret: localSecret(),
            },
      );
    }
    // The BFF's own app registration has a service principal too (client credentials, OBO).
    directory.insert({
      id: randomUUID(),
      kind: 'servicePrincipal',
      seedKey: 'bff',
      displayName: 'Content Trust Portal (BFF)',
      appId: BFF_CLIENT_ID,
      servicePrincipalType: 'Application',
      localSecret: localSecret(),
    });
    const operators = directory.insert({
      id: randomUUID(),
      kind: 'group',
      seedKey: 'group-registry-operators',
      displayName: 'Registry Operators',
      description: 'People who push and pull images',
      mail: `registry-operators@${TENANT_DOMAIN}`,
    });
    directory.addMember(operators.id, ids.pusher!);
    directory.addMember(operators.id, ids.puller!);
    directory.insert({
      id: randomUUID(),
      kind: 'group',
      seedKey: 'group-release-signers',
      displayName: 'Release Signers',
      description: 'Identities allowed to sign releases (no assignment yet)',
    });

    const now = new Date().toISOString();
    const registryIds: Record<string, string> = {};
    SEED_REGISTRIES.forEach((seed, slot) => {
      const resourceId = registryResourceId(SUBSCRIPTION_ID, REGISTRIES_RESOURCE_GROUP, seed.name);
      registryIds[seed.name] = resourceId;
      const state: RegistryState = {
        resourceId,
        subscriptionId: SUBSCRIPTION_ID,
        resourceGroup: REGISTRIES_RESOURCE_GROUP,
        name: seed.name,
        location: LOCATION,
        sku: seed.sku,
        slot,
        trustPolicy: seed.trustPolicy,
        trustEverEnabled: seed.trustPolicy === 'enabled',
        trustDeletionPending: false,
        contentTrustUnsupported: false,
        adminUserEnabled: seed.adminUserEnabled,
        adminPasswords: [newAdminPassword(), newAdminPassword()],
        provisioningState: 'Succeeded',
        policies: defaultPolicies(now),
        tags: {},
        createdAt: now,
        createdBy: null,
        updatedAt: now,
      };
      registries.insert(state);
      addRegistryAdminPrincipal(directory, state);
    });

    const subscriptionScope = `/subscriptions/${SUBSCRIPTION_ID}`;
    const rgScope = `${subscriptionScope}/resourceGroups/${REGISTRIES_RESOURCE_GROUP}`;
    const assign = (
      scope: string,
      role: string,
      principalKey: string,
      principalType: PrincipalType,
      description: string,
    ) =>
      assignments.insert({
        name: randomUUID(),
        scope,
        roleDefinitionId: role,
        principalId: ids[principalKey]!,
        principalType,
        description,
        condition: null,
        conditionVersion: null,
        createdOn: now,
        updatedOn: now,
        createdBy: null,
        updatedBy: null,
      });
    assign(subscriptionScope, ROLE_IDS.Owner, 'owner', 'User', 'Seeded: subscription owner');
    assign(
      subscriptionScope,
      ROLE_IDS.Contributor,
      'contributor',
      'User',
      'Seeded: subscription contributor',
    );
    assign(subscriptionScope, ROLE_IDS.Reader, 'reader', 'User', 'Seeded: subscription reader');
    assign(
      subscriptionScope,
      ROLE_IDS.UserAccessAdministrator,
      'access-admin',
      'User',
      'Seeded: manages access',
    );
    assign(
      rgScope,
      ROLE_IDS.RbacAdministrator,
      'rbac-admin',
      'User',
      'Seeded: manages access to the registries',
    );
    assign(rgScope, ROLE_IDS.AcrPush, 'pusher', 'User', 'Seeded: pushes images');
    assign(rgScope, ROLE_IDS.AcrPull, 'puller', 'User', 'Seeded: pulls images');
    assign(
      registryIds.ctpdemo!,
      ROLE_IDS.AcrPush,
      'ci-signer',
      'ServicePrincipal',
      'Seeded: CI pushes images',
    );
    assign(
      registryIds.ctpdemo!,
      ROLE_IDS.AcrImageSigner,
      'ci-signer',
      'ServicePrincipal',
      'Seeded: CI signs images',
    );
    setSetting(db, 'seeded', '1');
  })();
}

/**
 * Emulator-only: the registry's admin account is not a directory object in Azure. The local tenant
 * lists a pseudo service principal for it so the portal's member picker can offer it and ARM can show
 * the "never trusted push for the admin account" refusal.
 */
export function addRegistryAdminPrincipal(directory: DirectoryStore, registry: RegistryState): void {
  if (directory.byRegistryAdminOf(registry.resourceId)) return;
  directory.insert({
    id: randomUUID(),
    kind: 'servicePrincipal',
    displayName: `${registry.name} (admin account)`,
    appId: randomUUID(),
    servicePrincipalType: 'Legacy',
    description: `Admin user of registry ${registry.name}; username ${registry.name}`,
    registryAdminOf: registry.resourceId,
  });
}
