import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loadStack } from '@ctp/devkit';
import type { StackDescription } from '@ctp/azure-local/stack-file';

/**
 * msal-browser, unchanged, signs in against the local identity provider in a real browser: the
 * provider's sign-in page lists the seeded people, the SPA gets a token for the BFF, and the BFF
 * verifies it (GET /api/me). Then sign-out ends the session at the provider too.
 */
test.describe('sign-in with MSAL', () => {
  let stack: StackDescription;
  test.beforeAll(async () => {
    stack = await loadStack();
  });

  test('signs in as a seeded person, shows who the BFF verified, and signs out', async ({ page }) => {
    const owner = stack.identities.find((i) => i.key === 'owner');
    if (!owner?.userPrincipalName || !stack.portal || !stack.identityProvider)
      throw new Error('stack.json lacks the owner, portal or identity provider');

    await page.goto(stack.portal.url);
    await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();

    // The identity provider's own page, on its own origin.
    await expect(page).toHaveURL(new RegExp(`^${new URL(stack.identityProvider.authority).origin}/`));
    await page.getByRole('button', { name: new RegExp(owner.displayName) }).click();

    await expect(page).toHaveURL(new RegExp(`^${stack.portal.url}/registries`));
    await expect(
      page.getByRole('banner').getByRole('button', { name: new RegExp(owner.displayName) }),
    ).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Container registries' })).toBeVisible();

    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    await page
      .getByRole('banner')
      .getByRole('button', { name: new RegExp(owner.displayName) })
      .click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();

    // The provider session is gone as well: signing in again asks who you are.
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: new RegExp(owner.displayName) })).toBeVisible();
  });

  test('the BFF refuses API calls without a token, with a problem the SPA can show', async ({ request }) => {
    const response = await request.get(`${stack.portal?.url}/api/me`);
    expect(response.status()).toBe(401);
    expect(response.headers()['www-authenticate']).toBe('Bearer');
    expect(await response.json()).toMatchObject({ title: 'Sign-in required' });
  });
});
