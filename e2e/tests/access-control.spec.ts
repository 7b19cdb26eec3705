import { expect, test, type Page } from '@playwright/test';
import type { StackDescription } from '@ctp/azure-local/stack-file';
import { createOwnRegistry, type OwnRegistry } from '../support/access-control.ts';
import { bladePath, expectAccessible, portalStack, signIn } from '../support/portal.ts';

/**
 * Access control (IAM) in Chromium on a registry of this file's own: the Owner grants AcrImageSigner to
 * a user and the service principal through the wizard (with "also assign AcrPush"), sees them in the
 * list, in check access and among the signers, removes one; refusals show their reasons; a Reader
 * sees the blade read-only.
 */
test.describe('access control (IAM)', () => {
  let stack: StackDescription & { portal: { url: string } };
  let registry: OwnRegistry;
  test.beforeAll(async () => {
    stack = await portalStack();
    registry = await createOwnRegistry(stack, 'ctpiamui');
  });
  test.afterAll(async () => {
    await registry?.remove();
  });

  const open = async (page: Page, key: string) => {
    await signIn(page, stack, key, bladePath(registry.resourceId, 'access-control'));
    await expect(
      page.getByRole('heading', { level: 1, name: `${registry.name} | Access control (IAM)` }),
    ).toBeVisible();
  };
  const group = (page: Page, role: string) => page.getByRole('region', { name: role, exact: true });

  test('the Owner grants AcrImageSigner to a user and the service principal, checks and removes', async ({
    page,
  }) => {
    await open(page, 'owner');
    await expect(page.getByText('The admin user is enabled on this registry')).toBeVisible();
    await page.getByRole('button', { name: 'Add role assignment' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Add role assignment' })).toBeVisible();
    await page.getByRole('radio', { name: 'AcrImageSigner' }).check();
    await page.getByRole('button', { name: 'View the details of AcrImageSigner' }).click();
    const details = page.getByRole('dialog', { name: 'AcrImageSigner details' });
    await expect(
      details.getByText('Microsoft.ContainerRegistry/registries/trustedCollections/write'),
    ).toBeVisible();
    await details.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Next' }).click();

    await expect(page.getByText('About AcrImageSigner')).toBeVisible();
    await expect(page.getByText(/az acr login/)).toBeVisible();
    await page.getByRole('button', { name: '+ Select members' }).click();
    const picker = page.getByRole('dialog', { name: 'Select members' });
    const search = picker.getByRole('searchbox', { name: 'Select' });
    await search.fill('paula');
    await picker.getByRole('checkbox', { name: 'Select Paula Pusher' }).check();
    await search.fill('ci-signer');
    await picker.getByRole('checkbox', { name: 'Select ci-signer' }).check();
    await expect(picker.getByText('2 selected')).toBeVisible();
    await picker.getByRole('button', { name: 'Select', exact: true }).click();
    await expect(picker).toBeHidden();

    // ci-signer's seeded push is on ctpdemo only: here it could sign but not push the image.
    await expect(page.getByText('ci-signer cannot push to this registry', { exact: false })).toBeVisible();
    await page.getByRole('button', { name: 'Also assign AcrPush' }).click();
    await page.getByRole('textbox', { name: /Description/ }).fill('release signers');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('AcrPush (for signing)')).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Review + assign' }).click();

    await expect(page.getByText('Added AcrImageSigner for 2 members.')).toBeVisible();
    const signers = group(page, 'AcrImageSigner');
    await expect(signers.getByText('Paula Pusher')).toBeVisible();
    await expect(signers.getByText('ci-signer')).toBeVisible();
    await expect(group(page, 'AcrPush').getByText('ci-signer')).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('tab', { name: 'Check access' }).click();
    await page.getByRole('searchbox', { name: 'Find a user, group or service principal' }).fill('paula');
    await page
      .getByRole('list', { name: 'Search results' })
      .getByRole('button', { name: /Paula Pusher/ })
      .click();
    const result = page.getByRole('region', { name: 'Paula Pusher' });
    await expect(result.getByRole('listitem').filter({ hasText: 'Sign images' })).toContainText('Allowed');
    await expect(result.getByRole('listitem').filter({ hasText: 'Push images' })).toContainText('Allowed');
    await expect(result.getByRole('listitem').filter({ hasText: 'Assign roles' })).toContainText(
      'Not allowed',
    );
    await expect(result.getByRole('cell', { name: 'AcrImageSigner' })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('tab', { name: 'Signers at a glance' }).click();
    const signerTable = page.getByRole('table', { name: 'Signers at a glance' });
    await expect(signerTable.getByText('Paula Pusher')).toBeVisible();
    await expect(signerTable.getByText('ci-signer')).toBeVisible();

    await page.getByRole('tab', { name: 'Role assignments' }).click();
    await page.getByRole('button', { name: 'Remove AcrImageSigner for Paula Pusher' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove role assignment' });
    await expect(confirm).toContainText('AcrImageSigner');
    await expect(confirm).toContainText('Paula Pusher');
    await expect(confirm).toContainText(registry.name);
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByText('AcrImageSigner was removed from Paula Pusher.')).toBeVisible();
    await expect(group(page, 'AcrImageSigner').getByText('Paula Pusher')).toHaveCount(0);
    await expect(group(page, 'AcrImageSigner').getByText('ci-signer')).toBeVisible();
  });

  test('refusals show their reasons: classic administrator, existing assignment, inherited, no member', async ({
    page,
  }) => {
    await open(page, 'owner');
    // Inherited assignments say where to remove them.
    const inherited = page.getByRole('button', { name: 'Remove AcrPull for Pierre Puller' });
    await expect(inherited).toBeDisabled();
    await expect(inherited).toHaveAccessibleDescription(/Inherited from Resource group registries-rg/);

    await page.getByRole('button', { name: 'Add role assignment' }).click();
    await page.getByRole('button', { name: 'Review + assign' }).click();
    await expect(page.getByText('Select a role on the Role tab.')).toBeVisible();
    await expect(page.getByText('Select at least one member on the Members tab.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Review + assign' })).toBeDisabled();

    await page.getByRole('tab', { name: 'Role', exact: true }).click();
    await page.getByRole('radio', { name: 'AcrImageSigner' }).check();
    await page.getByRole('tab', { name: 'Members' }).click();
    await page.getByRole('button', { name: '+ Select members' }).click();
    const picker = page.getByRole('dialog', { name: 'Select members' });
    await picker.getByRole('searchbox', { name: 'Select' }).fill('cecil');
    await expect(
      picker.getByText(/Refused: a classic subscription administrator can never be granted/),
    ).toBeVisible();
    await expect(picker.getByRole('checkbox', { name: 'Select Cecil Classic' })).toBeDisabled();
    // ci-signer already holds AcrImageSigner here (from the first test, or not: then it is selectable).
    await picker.getByRole('searchbox', { name: 'Select' }).fill(registry.name);
    await expect(picker.getByText('No user, group or service principal matches.')).toBeVisible();
    await expectAccessible(page);
    await picker.getByRole('button', { name: 'Close' }).last().click();
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  test('a Reader sees the blade read-only, with the reason', async ({ page }) => {
    await open(page, 'reader');
    const add = page.getByRole('button', { name: 'Add role assignment' });
    await expect(add).toBeDisabled();
    await expect(add).toHaveAccessibleDescription(/roleAssignments\/write/);
    await expect(page.getByText(/You cannot add role assignments here/).first()).toBeVisible();
    const remove = page.getByRole('button', { name: /^Remove / }).first();
    await expect(remove).toBeDisabled();
    await expectAccessible(page);
  });
});
