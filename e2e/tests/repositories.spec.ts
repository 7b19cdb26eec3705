import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { StackDescription } from '@ctp/azure-local/stack-file';
import { ensureLargeRepository, LARGE, largeTag } from '../support/large-repository.ts';
import { bladePath, chooseLanguage, expectAccessible, portalStack, signIn } from '../support/portal.ts';
import { withTrustServerFault } from '../reliability/support/arm-switches.ts';
import { stack as stackForArm, type Stack } from '../stack/support/stack.ts';

/** The Repositories blade in Chromium: scan with progress and cancel, the repository page, 10 000 tags, keys, CSV, French. */
test.describe('Repositories blade', () => {
  let stack: StackDescription & { portal: { url: string } };
  let premium: StackDescription['registries'][number];
  let largeId = '';
  let s: Stack;

  test.beforeAll(async () => {
    test.setTimeout(900_000);
    stack = await portalStack();
    premium = stack.registries.find((r) => r.name === 'ctpdemo')!;
    s = await stackForArm();
    const large = await ensureLargeRepository(s);
    largeId = `/subscriptions/${s.arm.subscriptionId}/resourceGroups/registries-rg/providers/Microsoft.ContainerRegistry/registries/${large.registryName}`;
  });

  test('scans every repository with bars and numbers, sorts and filters them, and is accessible', async ({
    page,
  }) => {
    await signIn(page, stack, 'owner', bladePath(premium.resourceId, 'repositories'));
    await expect(page.getByRole('heading', { level: 1, name: 'ctpdemo | Repositories' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Repositories' });
    const hello = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'hello-world' }) });
    await expect(
      hello.getByRole('img', { name: /hello-world: 2 Signed, 1 Signed, digest changed, 1 Unsigned/ }),
    ).toBeVisible();
    await expect(table.getByRole('row').filter({ hasText: 'tools/unsigned' })).toContainText('No trust data');
    await page.getByRole('combobox', { name: 'Sort by' }).click();
    await page.getByRole('option', { name: 'Most tags' }).click();
    await expect(table.getByRole('row').nth(1)).toContainText('hello-world');
    await page.getByRole('switch', { name: /Only repositories with unsigned/ }).check();
    await expect(table.getByRole('link', { name: 'payments/api' })).toHaveCount(0);
    await page.getByRole('searchbox', { name: 'Filter repositories' }).fill('tools');
    await expect(table.getByRole('link')).toHaveText(['tools/unsigned']);
    await expectAccessible(page);
  });

  test('shows the scan’s progress and stops it with Cancel', async ({ page }) => {
    // The large repository's timestamp stalls on its way from the trust server (the emulator's fault
    // switch; the BFF gives up after its 15 s deadline), so the scan is still running when Cancel is pressed.
    const stalled = {
      registry: LARGE.registryName,
      repository: LARGE.repository,
      file: 'timestamp',
      mode: 'stall' as const,
    };
    await withTrustServerFault(s, stalled, async () => {
      await signIn(page, stack, 'owner', bladePath(largeId, 'repositories'));
      await expect(page.getByText('Scanned 0 of 1 repositories')).toBeVisible();
      await expect(page.getByRole('progressbar')).toBeVisible();
      await page.getByRole('button', { name: 'Cancel scan' }).click();
      await expect(page.getByText('Scan cancelled after 0 of 1 repositories.')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Scan again' })).toBeVisible();
      await expectAccessible(page);
    });
  });

  test('lists a repository’s tags with every seeded status, filters, sorts and the client view', async ({
    page,
  }) => {
    await signIn(page, stack, 'owner', `${bladePath(premium.resourceId, 'repositories')}/hello-world`);
    const tags = page.getByRole('table', { name: 'Tags' });
    const row = (tag: string) => tags.getByRole('row').filter({ has: page.getByText(tag, { exact: true }) });
    await expect(row('v1')).toContainText('Signed');
    await expect(row('latest')).toContainText('Signed, digest changed');
    await expect(row('dev')).toContainText('Unsigned');
    await expect(row('v2')).toContainText('Repo Admin');
    await expect(page.getByText('4 of 4 tags shown')).toBeVisible();

    await page.getByRole('button', { name: 'Tag' }).click(); // descending
    await expect(tags.getByRole('row').nth(1)).toContainText('v2');
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Unsigned' }).click();
    await expect(page.getByText('1 of 4 tags shown')).toBeVisible();
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'All statuses' }).click();
    await page.getByRole('combobox', { name: 'Signer' }).click();
    await page.getByRole('option', { name: 'ci', exact: true }).click();
    await expect(page.getByText('2 of 4 tags shown')).toBeVisible();
    await page.getByRole('combobox', { name: 'Signer' }).click();
    await page.getByRole('option', { name: 'All signers' }).click();

    await page.getByRole('switch', { name: 'As a content-trust client sees it' }).check();
    await expect(page.getByText('3 of 4 tags shown')).toBeVisible();
    await expect(row('dev')).toHaveCount(0);
    await expect(row('latest')).toContainText('targets/releases');
    await expect(page.getByRole('button', { name: 'Copy docker pull command for latest' })).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Trust details' }).getByText('targets/releases'),
    ).toBeVisible();
    await expect(
      page.getByText(/timestamp expires on .* The trust server renews timestamp itself/),
    ).toBeVisible();
    await expectAccessible(page);
  });

  test('scrolls a 10 000-tag repository to its last row', async ({ page }) => {
    test.setTimeout(300_000);
    await signIn(page, stack, 'owner', `${bladePath(largeId, 'repositories')}/${LARGE.repository}`);
    const total = LARGE.tags + LARGE.missing;
    await expect(page.getByText(`${total} of ${total} tags shown`)).toBeVisible({ timeout: 240_000 });
    const tags = page.getByRole('table', { name: 'Tags' });
    await expect(tags).toHaveAttribute('aria-rowcount', String(total + 1));
    // Only the rows in view are rendered; scrolling to the end brings the last one.
    expect(await tags.getByRole('row').count()).toBeLessThan(100);
    const scroller = tags.getByLabel(`${total} of ${total} tags shown`);
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = tags
      .getByRole('row')
      .filter({ has: page.getByText(largeTag(LARGE.tags - 1), { exact: true }) });
    await expect(last).toBeVisible();
    await expect(last).toContainText('Signed, digest changed');
    await expect(last).toHaveAttribute('aria-rowindex', String(total + 1));
  });

  test('shows the keys of the registry with the repositories they sign', async ({ page }) => {
    await signIn(page, stack, 'owner', `${bladePath(premium.resourceId, 'repositories')}?view=keys`);
    const keys = page.getByRole('table', { name: 'Keys across the registry' });
    const ci = keys.getByRole('row').filter({ hasText: 'ci' });
    await expect(ci).toContainText('Signer key');
    await expect(ci.getByRole('link', { name: 'hello-world' })).toBeVisible();
    await expect(ci.getByRole('link', { name: 'payments/api' })).toBeVisible();
    await expect(keys.getByRole('row').filter({ hasText: 'Root key' })).toHaveCount(2);
    await expectAccessible(page);
  });

  test('downloads the CSV report', async ({ page }) => {
    await signIn(page, stack, 'owner', bladePath(premium.resourceId, 'repositories'));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV report' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ctpdemo-tags-\d{4}-\d\d-\d\d\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      'repository,tag,status,digest,signedDigest,signers,role,lastPushed,contentTrustPull,reason',
    );
    expect(text).toContain('hello-world,latest,signed-digest-mismatch,');
  });

  test('speaks French, in light and dark themes, and stays accessible', async ({ page }) => {
    await signIn(page, stack, 'owner', bladePath(premium.resourceId, 'repositories'));
    await chooseLanguage(page, 'Language', 'Français');
    await expect(page.getByRole('heading', { level: 1, name: 'ctpdemo | Référentiels' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Clés' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Télécharger le rapport CSV' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'hello-world' }).click();
    await expect(
      page.getByRole('switch', { name: 'Tel qu’un client d’approbation de contenu le voit' }),
    ).toBeVisible();
    await expect(page.getByText('Signée, digest modifié')).toBeVisible();
    await page.getByRole('switch', { name: 'Thème sombre' }).check();
    await expectAccessible(page);
  });
});
