import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loadStack } from '@ctp/devkit';
import type { StackDescription } from '@ctp/azure-local/stack-file';

/** The running stack with its portal, for browser tests. */
export async function portalStack(): Promise<StackDescription & { portal: { url: string } }> {
  const stack = await loadStack();
  if (!stack.portal) throw new Error('the local stack was started without the portal');
  return stack as StackDescription & { portal: { url: string } };
}

/** A seeded person's display name and sign-in name (keys: owner, reader, no-role, …). */
export function person(stack: StackDescription, key: string) {
  const found = stack.identities.find((i) => i.key === key);
  if (!found?.userPrincipalName) throw new Error(`stack.json has no seeded user "${key}"`);
  return { displayName: found.displayName, userPrincipalName: found.userPrincipalName };
}

/**
 * Signs in as a seeded person the way a person does: opens `path` on the portal, presses Sign in, picks
 * the person on the identity provider's page, and waits to be back on the same path, signed in.
 */
export async function signIn(page: Page, stack: StackDescription, key: string, path = '/registries') {
  const who = person(stack, key);
  const portalUrl = stack.portal!.url;
  await page.goto(`${portalUrl}${path}`);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: new RegExp(who.displayName) }).click();
  await expect(
    page.getByRole('banner').getByRole('button', { name: new RegExp(who.displayName) }),
  ).toBeVisible();
  return who;
}

/** The deep link of a registry blade, as the SPA builds it. */
export function bladePath(resourceId: string, blade: string): string {
  return `/resource${resourceId}/${blade}`;
}

/**
 * No serious or critical axe violation on the page as it is now. Tabster's focus sentinels
 * (`<i data-tabster-dummy tabindex=0 aria-hidden>`, which Fluent UI adds around focus groups and
 * redirects at once) are excluded: axe flags them, but no one can ever rest focus on them.
 */
export async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

/** Switches the UI language through the header's language picker. */
export async function chooseLanguage(
  page: Page,
  current: 'Language' | 'Langue',
  label: 'Français' | 'English',
) {
  // A native select: chosen as a person does with the keyboard or the list the browser draws.
  await page.getByRole('combobox', { name: current }).selectOption({ label });
}
