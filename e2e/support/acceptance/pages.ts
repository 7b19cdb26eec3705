// The portal's pages as the lifecycle's people use them, by what they see: accessible names and text
// (the same names the blades' own specs use).
import { expect, type Locator, type Page } from '@playwright/test';

/** A toast's title (the toaster's live region repeats the text off screen). */
export const toast = (page: Page, text: string): Locator =>
  page.locator('.fui-ToastTitle').filter({ hasText: text });

export async function expectTrustStatus(page: Page, status: 'Enabled' | 'Disabled'): Promise<void> {
  await expect(page.getByText('Current status:').locator('..')).toContainText(status);
}

/** Policies > Content trust > Enabled > Save, with the toast that confirms it. */
export async function enableContentTrust(page: Page, registryName: string): Promise<void> {
  await expectTrustStatus(page, 'Disabled');
  await page.getByRole('radio', { name: 'Enabled' }).check();
  await expect(page.getByText('You have unsaved changes.')).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(toast(page, `Content trust is enabled on ${registryName}.`)).toBeVisible();
  await expectTrustStatus(page, 'Enabled');
}

/** Access control (IAM) > Add role assignment, up to the member picker with `search` typed in it. */
export async function startRoleAssignment(page: Page, role: string, search: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Add role assignment' }).click();
  await page.getByRole('radio', { name: role, exact: true }).click();
  await expect(page.getByText(`Selected role: ${role}`)).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('About AcrImageSigner')).toBeVisible();
  await page.getByRole('button', { name: '+ Select members' }).click();
  const picker = page.getByRole('dialog', { name: 'Select members' });
  await picker.getByRole('searchbox', { name: 'Select' }).fill(search);
  return picker;
}

/** A row of the repository page's tag table. */
export function tagRow(page: Page, tag: string): Locator {
  return page
    .getByRole('table', { name: 'Tags' })
    .getByRole('row')
    .filter({ has: page.getByText(tag, { exact: true }) });
}

/** The full key IDs the Trust details table shows for a role (each key's title holds its whole ID). */
export async function trustDetailsKeys(page: Page, role: string): Promise<string[]> {
  const row = page
    .getByRole('table', { name: 'Trust details' })
    .getByRole('row')
    .filter({ has: page.getByText(role, { exact: true }) });
  await expect(row).toHaveCount(1);
  return row.locator('[title]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('title') ?? ''));
}
