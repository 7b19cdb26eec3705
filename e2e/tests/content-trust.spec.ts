import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { loadStackConfig } from '@ctp/azure-local/config';
import type { StackDescription } from '@ctp/azure-local/stack-file';
import { openTrustStoreFaults } from '@ctp/azure-local/tools/trust-store-faults';
import { publishImage, type PublishResult } from '@ctp/azure-local/tools/publish-image';
import {
  armClients,
  roleDefinitionId,
  uniqueRegistryName,
  type ArmClients,
  createPremiumRegistry,
} from '../stack/support/arm.ts';
import { contentTrustInspect, notary, withTempDir, type Credentials } from '../stack/support/cli.ts';
import { eventually, headManifest } from '../stack/support/registry-http.ts';
import { basicCredentials, REGISTRIES_RG, ROLE, stack, type Stack } from '../stack/support/stack.ts';
import { bladePath, chooseLanguage, expectAccessible, portalStack, signIn } from '../support/portal.ts';

/** Policies > Content trust in Chromium: read-only and gated views, French, and the whole disable flow. */
test.describe('content trust blade', () => {
  let portal: StackDescription & { portal: { url: string } };
  let demo: StackDescription['registries'][number];
  let basic: StackDescription['registries'][number];
  test.beforeAll(async () => {
    portal = await portalStack();
    demo = portal.registries.find((r) => r.name === 'ctpdemo')!;
    basic = portal.registries.find((r) => r.sku === 'Basic')!;
  });

  test('Reader sees the blade read-only, with the reason and the deprecation dates', async ({ page }) => {
    await signIn(page, portal, 'reader', bladePath(demo.resourceId, 'content-trust'));
    await expect(page.getByRole('heading', { level: 1, name: 'ctpdemo | Content trust' })).toBeVisible();
    await expect(page.getByText('Current status:')).toBeVisible();
    await expect(page.getByText('You can view this page but not change it')).toBeVisible();
    await expect(page.getByText(/Microsoft\.ContainerRegistry\/registries\/write/)).toBeVisible();
    const choice = page.getByRole('radiogroup', { name: 'Content trust' });
    await expect(choice.getByRole('radio', { name: 'Enabled' })).toBeChecked();
    await expect(choice.getByRole('radio', { name: 'Disabled' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
    await expect(page.getByText(/May 31, 2026.*March 31, 2028|31 May 2026.*31 March 2028/)).toBeVisible();
    await expect(
      page.getByRole('button', { name: 'Copy export DOCKER_CONTENT_TRUST=1 command' }),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to Access control (IAM)' })).toBeVisible();
    await expectAccessible(page);
  });

  test('leaving with an unsaved choice asks first; Stay keeps it, Leave goes', async ({ page }) => {
    await signIn(page, portal, 'owner', bladePath(demo.resourceId, 'content-trust'));
    await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
    await page.getByRole('radio', { name: 'Disabled' }).check();
    await expect(page.getByRole('button', { name: 'Save' })).toBeEnabled();
    const menu = page.getByRole('navigation', { name: 'Registry menu' });
    await menu.getByRole('link', { name: 'Overview' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Leave without saving?' });
    await expect(ask).toBeVisible();
    await ask.getByRole('button', { name: 'Stay' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'ctpdemo | Content trust' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Disabled' })).toBeChecked();
    await menu.getByRole('link', { name: 'Overview' }).click();
    await ask.getByRole('button', { name: 'Leave' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'ctpdemo | Overview' })).toBeVisible();
    await expect(page.getByText('Enabled').first()).toBeVisible(); // nothing was changed
  });

  test('a Basic registry is gated: Premium only, with what to do', async ({ page }) => {
    await signIn(page, portal, 'owner', bladePath(basic.resourceId, 'content-trust'));
    await expect(page.getByText('Available only in the Premium tier')).toBeVisible();
    await expect(page.getByText(`az acr update --name ${basic.name} --sku Premium`)).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Enabled' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
    await expectAccessible(page);
  });

  test('French labels (Azure portal terms), accessible', async ({ page }) => {
    await signIn(page, portal, 'owner', bladePath(demo.resourceId, 'content-trust'));
    await chooseLanguage(page, 'Language', 'Français');
    await expect(
      page.getByRole('heading', { level: 1, name: 'ctpdemo | Approbation de contenu' }),
    ).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'Utilisation de l’approbation de contenu' }),
    ).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Modifications récentes' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Enregistrer' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Ignorer' })).toBeDisabled();
    await expect(page.getByText(/31 mai 2026.*31 mars 2028/)).toBeVisible();
    // Choosing Disabled makes the page dirty; Discard brings it back.
    await page.getByRole('radio', { name: 'Désactivée' }).check();
    await expect(page.getByText('Vous avez des modifications non enregistrées.')).toBeVisible();
    await page.getByRole('button', { name: 'Ignorer' }).click();
    await expect(page.getByRole('radio', { name: 'Activée', exact: true })).toBeChecked();
    await expectAccessible(page);
    await chooseLanguage(page, 'Langue', 'English');
  });
});

test.describe('content trust blade: enable, then the guarded disable, on a registry of this run', () => {
  const name = uniqueRegistryName('ctpui');
  let s: Stack;
  let arm: ArmClients;
  let registryId = '';
  let loginServer = '';
  let signer: Credentials;
  let puller: Credentials;
  const published: PublishResult[] = [];
  const tempDirs: string[] = [];
  const tempDir = async (prefix: string) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), `ctp-e2e-${prefix}-`));
    tempDirs.push(dir);
    return dir;
  };
  const publish = async (repository: string, tag: string, trustDir?: string) =>
    published.push(
      await publishImage({
        loginServer,
        caFile: s.caCertificate,
        repository,
        tag,
        credentials: signer,
        label: `${name} ${repository}:${tag} ${randomUUID()}`,
        ...(trustDir ? { sign: { trustDir, passphrase: 'e2e-content-trust' } } : {}),
      }),
    );

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    s = await stack();
    arm = armClients(s, 'owner');
    signer = basicCredentials(s, 'ci-signer');
    puller = basicCredentials(s, 'puller');
    const registry = await createPremiumRegistry(arm, name);
    registryId = registry.id!;
    loginServer = registry.loginServer!;
    for (const role of [ROLE.AcrPush, ROLE.AcrImageSigner])
      await arm.authorization.roleAssignments.create(registryId.slice(1), randomUUID(), {
        roleDefinitionId: roleDefinitionId(s, role),
        principalId: s.identity('ci-signer').objectId,
        principalType: 'ServicePrincipal',
      });
    await eventually(`the login server of ${name}`, async () =>
      (await fetch(`https://${loginServer}/v2/`)).status === 401 ? true : undefined,
    );
    await publish('team/app', 'v1', await tempDir('keys'));
    await publish('team/unsigned', '1.0');
    // "After a disable": content trust off, its first trust data gone.
    await arm.registries.registries.update(
      REGISTRIES_RG,
      name,
      { policies: { trustPolicy: { type: 'Notary', status: 'disabled' } } },
      { updateIntervalInMs: 100 },
    );
  });

  test.afterAll(async () => {
    await arm?.registries.registries
      .delete(REGISTRIES_RG, name, { updateIntervalInMs: 100 })
      .catch(() => undefined);
    for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
  });

  /** A toast's title (the toaster's live region repeats the text off screen). */
  const toast = (page: Page, text: string) => page.locator('.fui-ToastTitle').filter({ hasText: text });
  const expectStatus = async (page: Page, status: 'Enabled' | 'Disabled') =>
    expect(page.getByText('Current status:').locator('..')).toContainText(status);

  test('Owner enables, then disables with the impact, an export and the typed name; progress, toast, nothing signed left, every image pullable', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await signIn(page, s, 'owner', bladePath(registryId, 'content-trust'));
    await expectStatus(page, 'Disabled');

    // Enable: no confirmation; the toast and every view say so without a reload.
    await page.getByRole('radio', { name: 'Enabled' }).check();
    await expect(page.getByText('You have unsaved changes.')).toBeVisible();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(toast(page, `Content trust is enabled on ${name}.`)).toBeVisible();
    await expectStatus(page, 'Enabled');
    await expect(page.getByRole('table', { name: 'Recent changes' })).toContainText('Enabled content trust');

    // Sign again (new keys: the old trust data is gone), then look at it as a content-trust client would.
    const keys = await tempDir('keys2');
    await publish('team/app', 'v2', keys);
    await publish('team/app', 'v3', keys);
    await publish('team/tools', '1.0', keys);
    const images = [`${loginServer}/team/app`, `${loginServer}/team/tools`];
    const live = await contentTrustInspect(s.caCertificate, puller, images);
    expect(live.code, live.stderr).toBe(0);

    await page.getByRole('radio', { name: 'Disabled' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('alertdialog', { name: `Disable content trust on ${name}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expect(
      dialog.getByText('3 signed tags in 2 repositories will lose their signatures; 5 images stay.'),
    ).toBeVisible();
    await expect(dialog.getByRole('list', { name: 'Repositories that lose their trust data' })).toContainText(
      'team/app — 2 signed tags',
    );
    await expectAccessible(page);

    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export trust data' }).click();
    const download = await downloading;
    const archive = path.join(await tempDir('export'), download.suggestedFilename());
    await download.saveAs(archive);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${name}-trust-data-\\d{8}T\\d{6}Z\\.zip$`));
    await expect(dialog.getByText(`Downloaded ${download.suggestedFilename()}`)).toBeVisible();

    const confirm = dialog.getByRole('button', { name: 'Disable and delete trust data' });
    const field = dialog.getByRole('textbox', { name: /Type the registry name to confirm/ });
    await field.fill(name.toUpperCase());
    await expect(confirm).toBeDisabled();
    await field.fill(name);
    await field.press('Enter'); // never confirms
    await expect(dialog).toBeVisible();
    // The deletion can end within a frame: it is held on its second repository (a row lock in
    // notary-server's own store, as the reliability suite does), so the progress it shows is certain.
    const store = await openTrustStoreFaults({ ...loadStackConfig(process.env), dataDir: s.dataDir });
    try {
      const release = await store.lockGun(`${loginServer}/team/tools`);
      try {
        await confirm.click();
        await expect(page.getByRole('progressbar')).toBeVisible();
        await expect(page.getByText('Deleting trust data: 1 of 3 repositories')).toBeVisible();
      } finally {
        await release();
      }
    } finally {
      await store.close();
    }
    await expect(
      toast(page, `Content trust is disabled on ${name}; its trust data is deleted. Images are unchanged.`),
    ).toBeVisible({ timeout: 120_000 });
    await expectStatus(page, 'Disabled');
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expect(page.getByText('Trust data of 3 repositories was processed.')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Recent changes' })).toContainText('Disabled content trust');

    // The trust server holds nothing for any repository; every image is still there.
    for (const repository of ['team/app', 'team/tools', 'team/unsigned']) {
      const list = await withTempDir('notary', (trustDir) =>
        notary({ loginServer, caFile: s.caCertificate, trustDir, credentials: puller }, [
          'list',
          `${loginServer}/${repository}`,
        ]),
      );
      expect(list.code, repository).not.toBe(0);
      expect(`${list.stdout}${list.stderr}`, repository).toMatch(/does not have trust data/);
    }
    for (const image of published) {
      expect(await headManifest(loginServer, puller, image.repository, image.tag)).toEqual({
        status: 200,
        digest: image.digest,
      });
    }
    // The export is the record of what was deleted: offline, it prints what inspect printed live.
    const fromArchive = await contentTrustInspect(s.caCertificate, puller, ['--archive', archive, ...images]);
    expect(fromArchive.stdout).toBe(live.stdout);
  });
});
