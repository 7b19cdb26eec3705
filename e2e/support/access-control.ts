// Helpers of the Access control (IAM) specs: a Premium registry of the spec's own (created through ARM
// as the Owner, deleted with every assignment made at it afterwards, so no other spec sees them) and
// keyboard-only navigation.
import { createPremiumRegistry } from '../stack/support/arm.ts';
import { expect, type Locator, type Page } from '@playwright/test';
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { PublicClientApplication } from '@azure/msal-node';
import type { StackDescription } from '@ctp/azure-local/stack-file';

const ARM_SCOPE = 'https://management.azure.com/.default';

function ownerClients(stack: StackDescription) {
  const owner = stack.identities.find((i) => i.key === 'owner');
  if (!stack.identityProvider || !stack.arm || !owner?.password || !owner.userPrincipalName)
    throw new Error('the stack has no control plane or no seeded owner');
  const app = new PublicClientApplication({
    auth: {
      clientId: stack.identityProvider.cliClientId,
      authority: stack.identityProvider.authority,
      knownAuthorities: [new URL(stack.identityProvider.authority).host],
    },
  });
  const credential = {
    async getToken(scopes: string | string[]) {
      const result = await app.acquireTokenByUsernamePassword({
        scopes: [scopes].flat(),
        username: owner.userPrincipalName!,
        password: owner.password!,
      });
      if (!result?.accessToken || !result.expiresOn) throw new Error('no ARM token for the owner');
      return { token: result.accessToken, expiresOnTimestamp: result.expiresOn.getTime() };
    },
  };
  const { endpoint, subscriptionId } = stack.arm;
  return {
    registries: new ContainerRegistryManagementClient(credential, subscriptionId, {
      endpoint,
      credentials: { scopes: [ARM_SCOPE] },
    }),
    authorization: new AuthorizationManagementClient(credential, subscriptionId, {
      endpoint,
      credentialScopes: [ARM_SCOPE],
    }),
  };
}

export interface OwnRegistry {
  name: string;
  resourceId: string;
  remove(): Promise<void>;
}

/** A Premium registry (admin user enabled) in registries-rg for one spec file. */
export async function createOwnRegistry(stack: StackDescription, prefix: string): Promise<OwnRegistry> {
  const arm = ownerClients(stack);
  const name = `${prefix}${Date.now().toString(36)}`;
  const registry = await createPremiumRegistry(arm, name, { adminUserEnabled: true });
  const resourceId = registry.id!;
  return {
    name,
    resourceId,
    async remove() {
      const scope = resourceId.slice(1);
      for await (const a of arm.authorization.roleAssignments.listForScope(scope, { filter: 'atScope()' }))
        if (a.scope?.toLowerCase() === resourceId.toLowerCase())
          await arm.authorization.roleAssignments.delete(scope, a.name!);
      await arm.registries.registries.delete('registries-rg', name, { updateIntervalInMs: 100 });
    },
  };
}

/** Presses Tab (Shift+Tab with `back`) until `target` has the focus: a person's way through a page. */
export async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `keyboard focus never reached ${target.toString()}`).toBeFocused();
}
