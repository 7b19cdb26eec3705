import { expect, test } from '@playwright/test';
import { chooseLanguage, expectAccessible, portalStack } from '../support/portal.ts';

test.describe('portal, signed out', () => {
  let portalUrl: string;
  test.beforeAll(async () => {
    portalUrl = (await portalStack()).portal.url;
  });

  test('opens over HTTPS with the local CA and invites to sign in', async ({ page }) => {
    const response = await page.goto(portalUrl);
    expect(response?.status()).toBe(200);
    expect(page.url()).toMatch(/^https:\/\//);
    await expect(page.getByRole('link', { name: 'Content Trust Portal' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('button', { name: 'Sign in' })).toBeVisible();
  });

  test('switches to French and remembers it', async ({ page }) => {
    await page.goto(portalUrl);
    await chooseLanguage(page, 'Language', 'Français');
    await expect(page.getByRole('heading', { name: 'Bienvenue' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Portail d’approbation de contenu' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await page.reload();
    await expect(page.getByRole('main').getByRole('button', { name: 'Se connecter' })).toBeVisible();
  });

  test('has no serious accessibility violations in light and dark themes', async ({ page }) => {
    await page.goto(portalUrl);
    await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('switch', { name: 'Dark theme' }).check();
    await expectAccessible(page);
  });

  test('the skip link moves focus to the main content', async ({ page }) => {
    await page.goto(portalUrl);
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    // The SPA renders after its start-up awaits; a Tab pressed before that focuses nothing.
    await skip.waitFor({ state: 'attached' });
    await page.keyboard.press('Tab');
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();
  });

  test('API routes answer problem+json, never the SPA, also without a token', async ({ request }) => {
    const response = await request.get(`${portalUrl}/api/no-such-route`);
    expect(response.status()).toBe(401);
    expect(response.headers()['content-type']).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 401, code: 'SessionExpired' });
  });
});
