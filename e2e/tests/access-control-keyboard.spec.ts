import { expect, test } from '@playwright/test';
import type { StackDescription } from '@ctp/azure-local/stack-file';
import { createOwnRegistry, tabTo, type OwnRegistry } from '../support/access-control.ts';
import { bladePath, chooseLanguage, expectAccessible, portalStack, signIn } from '../support/portal.ts';

/**
 * The Add role assignment wizard with the keyboard only (Tab, arrows, Space, Enter: no clicks after
 * sign-in), then the blade in French and in the dark theme, axe-clean. On a registry of this file's own.
 */
test.describe('access control (IAM) by keyboard, in French and in dark', () => {
  let stack: StackDescription & { portal: { url: string } };
  let registry: OwnRegistry;
  test.beforeAll(async () => {
    stack = await portalStack();
    registry = await createOwnRegistry(stack, 'ctpiamkb');
  });
  test.afterAll(async () => {
    await registry?.remove();
  });

  test('the whole wizard with the keyboard only', async ({ page }) => {
    await signIn(page, stack, 'owner', bladePath(registry.resourceId, 'access-control'));
    const add = page.getByRole('button', { name: 'Add role assignment' });
    await expect(add).toBeEnabled();
    await tabTo(page, add);
    await page.keyboard.press('Enter');

    // Role tab: the first role of the list takes the focus on Tab; arrows move the choice.
    const acrPull = page.getByRole('radio', { name: 'AcrPull' });
    await tabTo(page, acrPull);
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown'); // AcrPush
    await page.keyboard.press('ArrowDown'); // AcrDelete
    await expect(page.getByRole('radio', { name: 'AcrDelete' })).toBeChecked();
    await tabTo(page, page.getByRole('button', { name: 'Next' }));
    await page.keyboard.press('Enter');

    // Members tab: open the side panel, search, tick, Select.
    await tabTo(page, page.getByRole('button', { name: '+ Select members' }), { back: true });
    await page.keyboard.press('Enter');
    const picker = page.getByRole('dialog', { name: 'Select members' });
    const search = picker.getByRole('searchbox', { name: 'Select' });
    await tabTo(page, search);
    await page.keyboard.type('pierre');
    const pierre = picker.getByRole('checkbox', { name: 'Select Pierre Puller' });
    await expect(pierre).toBeVisible();
    await tabTo(page, pierre);
    await page.keyboard.press('Space');
    await expect(pierre).toBeChecked();
    await tabTo(page, picker.getByRole('button', { name: 'Select', exact: true }));
    await page.keyboard.press('Enter');
    await expect(picker).toBeHidden();
    await expect(page.getByRole('button', { name: '+ Select members' })).toBeFocused();

    const description = page.getByRole('textbox', { name: /Description/ });
    await tabTo(page, description);
    await page.keyboard.type('keyboard run');
    await tabTo(page, page.getByRole('button', { name: 'Next' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab', { name: 'Review + assign', selected: true })).toBeVisible();
    await expect(page.getByText('keyboard run')).toBeVisible();
    await tabTo(page, page.getByRole('button', { name: 'Review + assign' }), { back: true });
    await page.keyboard.press('Enter');

    await expect(page.getByText('Added AcrDelete for 1 member.')).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'AcrDelete', exact: true }).getByText('Pierre Puller'),
    ).toBeVisible();
  });

  test('speaks French with the Azure portal’s terms, axe-clean in light and dark', async ({ page }) => {
    await signIn(page, stack, 'owner', bladePath(registry.resourceId, 'access-control'));
    await chooseLanguage(page, 'Language', 'Français');
    await expect(
      page.getByRole('heading', {
        level: 1,
        name: new RegExp(`^${registry.name} \\| Contrôle d.accès \\(IAM\\)$`),
      }),
    ).toBeVisible();
    await expect(page.getByRole('tab', { name: "Vérifier l'accès" })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Attributions de rôles' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Ajouter une attribution de rôle' }).click();
    await expect(page.getByRole('tab', { name: 'Rôle', exact: true })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Membres' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Vérifier et attribuer' })).toBeVisible();
    await expect(page.getByRole('tab', { name: /Rôles de fonction de travail/ })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('tab', { name: "Vérifier l'accès" }).click();
    await expect(
      page.getByRole('searchbox', {
        name: 'Rechercher un utilisateur, un groupe ou un principal de service',
      }),
    ).toBeVisible();

    await page.getByRole('switch', { name: /Thème sombre|Dark theme/ }).check();
    await expectAccessible(page);
    await page.getByRole('tab', { name: 'Attributions de rôles' }).click();
    await expect(page.getByText(/\(Hérité\)/).first()).toBeVisible();
    await expectAccessible(page);
  });
});
