import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loadStack } from '@ctp/devkit';

test.describe('portal home page', () => {
  let portalUrl: string;
  test.beforeAll(async () => {
    const stack = await loadStack();
    if (!stack.portal) throw new Error('the local stack was started without the portal');
    portalUrl = stack.portal.url;
  });

  test('opens over HTTPS with the local CA and shows the backend health', async ({ page }) => {
    const response = await page.goto(portalUrl);
    expect(response?.status()).toBe(200);
    expect(page.url()).toMatch(/^https:\/\//);
    await expect(page.getByRole('heading', { level: 1, name: 'Content Trust Portal' })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('The portal backend is healthy.');
  });

  test('switches to French and remembers it', async ({ page }) => {
    await page.goto(portalUrl);
    await page.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'Français' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Portail de confiance du contenu' }),
    ).toBeVisible();
    await expect(page.getByRole('status')).toContainText('Le service du portail fonctionne.');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await page.reload();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Portail de confiance du contenu' }),
    ).toBeVisible();
  });

  test('has no detectable accessibility violations in light and dark themes', async ({ page }) => {
    await page.goto(portalUrl);
    await expect(page.getByRole('status')).toBeVisible();
    const light = await new AxeBuilder({ page }).analyze();
    expect(light.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.getByRole('switch', { name: 'Dark theme' }).check();
    const dark = await new AxeBuilder({ page }).analyze();
    expect(dark.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test('unknown API routes answer problem+json, not the SPA', async ({ request }) => {
    const response = await request.get(`${portalUrl}/api/no-such-route`);
    expect(response.status()).toBe(404);
    expect(response.headers()['content-type']).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, title: 'Not found' });
  });
});
