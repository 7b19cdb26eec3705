import { expect, test } from '@playwright/test';
import { watchCsp } from '../support/csp.ts';
import { bladePath, portalStack, signIn } from '../support/portal.ts';

/**
 * Hostile input, issue 17 (the reliability suite's browser case): markup and script typed where the
 * portal shows text back — a role assignment's description on the wizard's Review tab, and the member
 * search — render as literal text in Chromium. React's escaping holds (no element is created from the
 * input, no handler runs) and the CSP reports nothing. Nothing is assigned: the wizard is left at Review.
 */
const PAYLOAD = `"><img src=x onerror="window.__xss=1"><script>window.__xss=2</script><svg onload="window.__xss=3">`;

test('markup in a description and a search renders as text; no script runs; no CSP violation', async ({
  page,
}) => {
  const stack = await portalStack();
  const registry = stack.registries.find((r) => r.sku === 'Premium' && r.trustPolicy === 'enabled')!;
  const csp = await watchCsp(page);
  await signIn(page, stack, 'owner', bladePath(registry.resourceId, 'access-control'));
  await page.getByRole('button', { name: 'Add role assignment' }).click();
  await page.getByRole('radio', { name: 'AcrPull' }).check();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('button', { name: '+ Select members' }).click();
  const picker = page.getByRole('dialog', { name: 'Select members' });
  const search = picker.getByRole('searchbox', { name: 'Select' });
  await search.fill(PAYLOAD);
  await expect(picker.getByText('No user, group or service principal matches.')).toBeVisible();
  await search.fill('rita');
  await picker.getByRole('checkbox', { name: 'Select Rita Reader' }).check();
  await picker.getByRole('button', { name: 'Select', exact: true }).click();
  await expect(picker).toBeHidden();

  await page.getByRole('textbox', { name: /Description/ }).fill(PAYLOAD);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText(PAYLOAD, { exact: true })).toBeVisible();

  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator('img[src="x"], svg[onload], script:not([src])')).toHaveCount(0);
  csp.expectNone();

  // Control, so the checks above can fail: the same markup parsed as HTML does create the element, and
  // the CSP refuses its inline handler (reported), so no script runs even then.
  await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), PAYLOAD);
  await expect(page.locator('img[src="x"]')).toHaveCount(1);
  await expect.poll(() => csp.violations().length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});
