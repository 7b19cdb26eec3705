import { expect, test } from '@playwright/test';
import type { StackDescription } from '@ctp/azure-local/stack-file';
import { bladePath, chooseLanguage, expectAccessible, portalStack, signIn } from '../support/portal.ts';

/** The portal's spine in a real browser: registry list, registry blade, deep links, breadcrumb, languages. */
test.describe('container registries and the registry blade', () => {
  let stack: StackDescription & { portal: { url: string } };
  let premium: StackDescription['registries'][number];
  test.beforeAll(async () => {
    stack = await portalStack();
    const found = stack.registries.find((r) => r.name === 'ctpdemo');
    if (!found) throw new Error('the seed has no ctpdemo registry');
    premium = found;
  });

  test('the Owner sees every registry with its SKU and content-trust status, and filters them', async ({
    page,
  }) => {
    await signIn(page, stack, 'owner');
    await expect(page.getByRole('heading', { level: 1, name: 'Container registries' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Container registries' });
    const demo = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'ctpdemo' }) });
    const basic = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'ctpbasic' }) });
    await expect(demo).toContainText('Premium');
    await expect(demo).toContainText('Enabled');
    await expect(basic).toContainText('Basic');
    await expect(basic).toContainText('Not available (Premium only)');
    await expectAccessible(page);

    await page.getByRole('searchbox', { name: 'Filter registries' }).fill('basic');
    await expect(table.getByRole('link', { name: 'ctpdemo' })).toHaveCount(0);
    await expect(table.getByRole('link', { name: 'ctpbasic' })).toBeVisible();
    await expect(page).toHaveURL(/q=basic/);
    await page.getByRole('searchbox', { name: 'Filter registries' }).fill('no-such-registry');
    await expect(page.getByText('No registry matches these filters')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(table.getByRole('link', { name: 'ctpdemo' })).toBeVisible();
  });

  test('opens a registry’s Overview, survives a reload on the deep link, and navigates by breadcrumb', async ({
    page,
  }) => {
    await signIn(page, stack, 'owner');
    await page.getByRole('link', { name: 'ctpdemo' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'ctpdemo | Overview' })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`${bladePath(premium.resourceId, 'overview')}$`));
    const essentials = page
      .getByRole('region', { name: 'Essentials' })
      .or(page.getByRole('group', { name: 'Essentials' }));
    await expect(essentials.getByText(premium.loginServer)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copy Login server' })).toBeVisible();
    await expect(page.getByText('Change the content-trust policy: Allowed')).toBeVisible();
    await expectAccessible(page);

    // Every menu entry opens a page that says what it is for; none is a dead link.
    const menu = page.getByRole('navigation', { name: 'Registry menu' });
    await menu.getByRole('link', { name: 'Access control (IAM)' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'ctpdemo | Access control (IAM)' }),
    ).toBeVisible();
    await menu.getByText('Content trust').click();
    await expect(page.getByRole('heading', { level: 1, name: 'ctpdemo | Content trust' })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`${bladePath(premium.resourceId, 'content-trust')}$`));

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'ctpdemo | Content trust' })).toBeVisible();

    const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
    await breadcrumb.getByRole('link', { name: 'ctpdemo' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'ctpdemo | Overview' })).toBeVisible();
    await breadcrumb.getByRole('link', { name: 'Container registries' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Container registries' })).toBeVisible();
  });

  test('signing in from a deep link lands on that blade', async ({ page }) => {
    await signIn(page, stack, 'reader', bladePath(premium.resourceId, 'overview'));
    await expect(page.getByRole('heading', { level: 1, name: 'ctpdemo | Overview' })).toBeVisible();
    await expect(page.getByText('Change the content-trust policy: Not allowed')).toBeVisible();
  });

  test('when the session ends at the identity provider, a banner asks to sign in again and keeps the page', async ({
    page,
  }) => {
    await signIn(page, stack, 'owner', bladePath(premium.resourceId, 'overview'));
    await expect(page.getByRole('heading', { level: 1, name: 'ctpdemo | Overview' })).toBeVisible();
    // The session ends as it does when it expires: the provider forgets the browser (its cookies go) and
    // MSAL's tokens are past their time (its refresh token no longer accepted by the provider).
    await page.context().clearCookies();
    await page.evaluate(() => {
      for (const key of Object.keys(sessionStorage)) {
        let entry: Record<string, unknown> | null;
        try {
          entry = JSON.parse(sessionStorage.getItem(key) ?? 'null') as Record<string, unknown> | null;
        } catch {
          continue; // not one of MSAL's JSON entries
        }
        if (entry?.credentialType === 'AccessToken') {
          sessionStorage.setItem(key, JSON.stringify({ ...entry, expiresOn: '1', extendedExpiresOn: '1' }));
        }
        if (entry?.credentialType === 'RefreshToken') {
          sessionStorage.setItem(key, JSON.stringify({ ...entry, secret: 'revoked' }));
        }
      }
    });
    await page
      .getByRole('navigation', { name: 'Breadcrumb' })
      .getByRole('link', { name: 'Container registries' })
      .click();
    await page.getByRole('button', { name: 'Refresh' }).click();
    const banner = page.getByRole('alert').filter({ hasText: 'Your session has expired' });
    await expect(banner).toBeVisible();
    await banner.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /Olivia Owner/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Container registries' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'ctpdemo' })).toBeVisible();
    await expect(page.getByText('Your session has expired')).toHaveCount(0);
  });

  test('a person without any role sees why the list is empty and whom to ask', async ({ page }) => {
    await signIn(page, stack, 'no-role');
    await expect(page.getByText('You don’t have access to any container registry')).toBeVisible();
    await expect(page.getByText(/Ask an Owner or a User Access Administrator/)).toBeVisible();
    await expectAccessible(page);
    // A deep link to a registry they cannot see says so instead of failing silently.
    await page.goto(`${stack.portal.url}${bladePath(premium.resourceId, 'overview')}`);
    await expect(page.getByText('This registry is not available')).toBeVisible();
    await expect(page.getByText(/AuthorizationFailed|does not have authorization/)).toBeVisible();
  });

  test('speaks French with the Azure portal’s terms, in light and dark themes', async ({ page }) => {
    await signIn(page, stack, 'owner');
    await chooseLanguage(page, 'Language', 'Français');
    await expect(page.getByRole('heading', { level: 1, name: 'Registres de conteneurs' })).toBeVisible();
    await page.getByRole('link', { name: 'ctpdemo' }).click();
    const menu = page.getByRole('navigation', { name: 'Menu du registre' });
    await expect(menu.getByRole('link', { name: 'Vue d’ensemble' })).toBeVisible();
    await expect(menu.getByRole('link', { name: 'Contrôle d’accès (IAM)' })).toBeVisible();
    await expect(menu.getByText('Stratégies')).toBeVisible();
    await expect(menu.getByText('Approbation de contenu')).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('switch', { name: 'Thème sombre' }).check();
    await expectAccessible(page);
  });
});
