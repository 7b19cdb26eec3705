import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import type { PublishResult } from '@ctp/azure-local/tools/publish-image';
import { trustExportManifestSchema } from '@ctp/contracts';
import { armFailure, roleDefinitionId, uniqueRegistryName, type ArmClients } from '../stack/support/arm.ts';
import { accessControlPath, PortalApi, repositoriesPath } from '../stack/support/portal-api.ts';
import { headManifest } from '../stack/support/registry-http.ts';
import { basicCredentials, REGISTRIES_RG, ROLE, stack, type Stack } from '../stack/support/stack.ts';
import { bladePath, expectAccessible, signIn } from '../support/portal.ts';
import {
  activityLog,
  armClients,
  assignmentsAt,
  createOwnRegistry,
  trustPolicyStatus,
  type OwnRegistry,
} from '../support/acceptance/arm.ts';
import {
  dockerInspect,
  dockerInspectView,
  dockerPull,
  inspect,
  notaryList,
  resolve,
  type Consumer,
} from '../support/acceptance/clients.ts';
import {
  enableContentTrust,
  expectTrustStatus,
  startRoleAssignment,
  tagRow,
  toast,
  trustDetailsKeys,
} from '../support/acceptance/pages.ts';
import {
  localKeys,
  loseKeys,
  notaryAs,
  pushImage,
  signTag,
  type Publisher,
} from '../support/acceptance/publisher.ts';

/**
 * Acceptance: the documented content-trust lifecycle ("Manage signed images" in Azure Container
 * Registry), end to end. An Owner and a Reader in Chromium, publishers with the real notary CLI, and a
 * consumer with the Docker CLI (no engine), `notary` and `content-trust`, side by side, on a Premium
 * registry this run creates through ARM and deletes at the end (the seeded ctpdemo is never touched;
 * the seeded Basic registry is only read). Each step checks what a person sees and what the real
 * servers hold. The steps build on each other, so they run in order and stop at the first failure.
 */
test.describe.configure({ mode: 'serial' });

/** What a CLI printed, both streams (notary prints some errors on stdout). */
const output = (r: { stdout: string; stderr: string }) => `${r.stdout}${r.stderr}`;

test.describe('acceptance: the content-trust lifecycle, portal and clients side by side', () => {
  let s: Stack;
  let arm: ArmClients;
  let registry: OwnRegistry;
  let browser: Browser;
  let owner: Page;
  let consumer: Consumer;
  let user: Publisher;
  let servicePrincipal: Publisher;
  const tempDirs: string[] = [];
  const pushed: PublishResult[] = [];
  const signed: Record<string, PublishResult> = {};
  /** Key IDs the first signatures used (root, repository), to tell the new keys of step 7 from them. */
  const firstKeys: { root: string[]; targets: string[] } = { root: [], targets: [] };
  let liveView = '';
  const name = uniqueRegistryName('ctpaccept');
  // Repository names of this run only: the emulator reuses a deleted registry's login server (as Azure
  // reuses a deleted registry's name), so a rerun's GUNs never meet what an earlier run left anywhere.
  const run = name.slice('ctpaccept'.length);
  const APP = `web-${run}/app`;
  const CI = `ci-${run}/api`;
  const PUSH_ONLY = `web-${run}/push-only`;
  const ADMIN = `web-${run}/admin`;

  const tempDir = async (prefix: string) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), `ctp-accept-${prefix}-`));
    tempDirs.push(dir);
    return dir;
  };
  const target = () => ({ loginServer: registry.loginServer, caFile: s.caCertificate });
  const push = async (publisher: Publisher, repository: string, tag: string) => {
    const image = await pushImage(target(), publisher, repository, tag, `${name} ${tag} ${randomUUID()}`);
    pushed.push(image);
    return image;
  };
  const repositoryPage = (repository: string, query = '') =>
    `${bladePath(registry.id, 'repositories')}/${repository}${query}`;

  test.beforeAll(async ({ browser: b }) => {
    test.setTimeout(180_000);
    browser = b;
    s = await stack();
    arm = armClients(s, 'owner');
    registry = await createOwnRegistry(arm, name);
    consumer = {
      loginServer: registry.loginServer,
      caFile: s.caCertificate,
      credentials: basicCredentials(s, 'puller'),
    };
    user = {
      name: 'Paula Pusher',
      credentials: basicCredentials(s, 'pusher'),
      trustDir: await tempDir('paula-trust'),
      passphrase: `paula-${randomUUID()}`,
    };
    servicePrincipal = {
      name: 'ci-signer',
      credentials: basicCredentials(s, 'ci-signer'),
      trustDir: await tempDir('ci-trust'),
      passphrase: `ci-${randomUUID()}`,
    };
    const context = await browser.newContext();
    owner = await context.newPage();
    await signIn(owner, s, 'owner', bladePath(registry.id, 'content-trust'));
  });

  test.afterAll(async () => {
    await owner?.context().close();
    if (arm && registry) {
      for await (const a of arm.authorization.roleAssignments.listForScope(registry.id.slice(1)))
        if (a.scope?.toLowerCase() === registry.id.toLowerCase())
          await arm.authorization.roleAssignments.deleteById(a.id!);
      await arm.registries.registries.delete(REGISTRIES_RG, name, { updateIntervalInMs: 100 });
    }
    for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
  });

  test('1. the Owner enables content trust on the Premium registry; on a Basic registry it is refused with the reason', async () => {
    await expect(owner.getByRole('heading', { level: 1, name: `${name} | Content trust` })).toBeVisible();
    await enableContentTrust(owner, name);
    await expect(owner.getByRole('table', { name: 'Recent changes' })).toContainText('Enabled content trust');
    expect(await trustPolicyStatus(arm, name)).toBe('enabled');

    const basic = s.registries.find((r) => r.sku === 'Basic')!;
    await owner.goto(`${s.portal!.url}${bladePath(basic.resourceId, 'content-trust')}`);
    await expect(owner.getByText('Available only in the Premium tier')).toBeVisible();
    await expect(owner.getByText(`az acr update --name ${basic.name} --sku Premium`)).toBeVisible();
    await expect(owner.getByRole('radio', { name: 'Enabled' })).toBeDisabled();
    await expect(owner.getByRole('button', { name: 'Save' })).toBeDisabled();
    await expectAccessible(owner);
    // The server refuses it too (not only the page), and nothing changes in ARM.
    const bff = await PortalApi.as(s, 'owner');
    const refused = await bff.send<{ code: string; detail: string }>(
      'PUT',
      `/api/subscriptions/${s.arm.subscriptionId}/resourceGroups/${REGISTRIES_RG}/registries/${basic.name}/content-trust`,
      { status: 'enabled' },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('ContentTrustRequiresPremium');
    expect(await trustPolicyStatus(arm, basic.name)).toBe('disabled');
  });

  test('2. the Owner grants AcrImageSigner to a user and to the service principal (with AcrPush); a classic administrator and the admin account are refused', async () => {
    test.setTimeout(120_000);
    await owner.goto(`${s.portal!.url}${bladePath(registry.id, 'access-control')}`);
    await expect(owner.getByText('The admin user is enabled on this registry')).toBeVisible();

    // Paula already pushes (AcrPush inherited from the resource group): AcrImageSigner is all she needs.
    let picker = await startRoleAssignment(owner, 'AcrImageSigner', 'Paula');
    await picker.getByRole('checkbox', { name: 'Select Paula Pusher' }).check();
    await picker.getByRole('button', { name: 'Select', exact: true }).click();
    await expect(owner.getByRole('table', { name: 'Members' })).toContainText('Paula Pusher');
    await expect(owner.getByText(/Paula Pusher cannot push/)).toHaveCount(0);
    await owner.getByRole('button', { name: 'Review + assign' }).click(); // to the Review tab
    await owner.getByRole('button', { name: 'Review + assign' }).click(); // assign
    await expect(owner.getByText('Added AcrImageSigner for 1 member.')).toBeVisible();

    // The service principal holds nothing here yet: the wizard offers AcrPush with it.
    picker = await startRoleAssignment(owner, 'AcrImageSigner', 'ci-signer');
    await picker.getByRole('checkbox', { name: 'Select ci-signer' }).check();
    await picker.getByRole('button', { name: 'Select', exact: true }).click();
    await expect(owner.getByText(/ci-signer cannot push to this registry/)).toBeVisible();
    await owner.getByRole('button', { name: 'Also assign AcrPush' }).click();
    await expect(owner.getByText(/AcrPush will be assigned too/)).toBeVisible();
    await owner.getByRole('button', { name: 'Review + assign' }).click();
    await expect(owner.getByText('AcrPush (for signing)')).toBeVisible();
    await owner.getByRole('button', { name: 'Review + assign' }).click();
    await expect(owner.getByText('Added AcrImageSigner for 1 member.')).toBeVisible();

    // A classic subscription administrator can never be a signer: refused in the picker, with why.
    picker = await startRoleAssignment(owner, 'AcrImageSigner', 'Cecil');
    await expect(picker.getByRole('checkbox', { name: 'Select Cecil Classic' })).toBeDisabled();
    await expect(
      picker.getByText(
        'Refused: a classic subscription administrator can never be granted trusted push (AcrImageSigner).',
      ),
    ).toBeVisible();
    await picker.getByRole('button', { name: 'Close' }).first().click();
    await owner.getByRole('button', { name: 'Cancel' }).click();

    // What ARM holds at the registry's scope now.
    const held = await assignmentsAt(s, arm, registry.id);
    expect(held).toEqual(
      expect.arrayContaining([
        { principalId: s.identity('pusher').objectId, role: 'AcrImageSigner' },
        { principalId: s.identity('ci-signer').objectId, role: 'AcrImageSigner' },
        { principalId: s.identity('ci-signer').objectId, role: 'AcrPush' },
      ]),
    );
    expect(held).toHaveLength(3);
    // The BFF refuses the classic administrator when called directly, and so does ARM.
    const bff = await PortalApi.as(s, 'owner');
    const viaBff = await bff.send<{ detail: string }>(
      'POST',
      `${accessControlPath(s, name)}/role-assignments`,
      {
        roleDefinitionId: ROLE.AcrImageSigner,
        principalId: s.identity('classic-admin').objectId,
        principalType: 'User',
      },
    );
    expect(viaBff.status).toBeGreaterThanOrEqual(400);
    expect(viaBff.body.detail).toMatch(/classic/i);
    const viaArm = await armFailure(
      arm.authorization.roleAssignments.create(registry.id.slice(1), randomUUID(), {
        roleDefinitionId: roleDefinitionId(s, ROLE.AcrImageSigner),
        principalId: s.identity('classic-admin').objectId,
        principalType: 'User',
      }),
    );
    expect(viaArm?.message).toMatch(/classic/i);
    expect(await assignmentsAt(s, arm, registry.id)).toHaveLength(3);

    // The admin account's credentials push images but never trust data.
    const admin = await arm.registries.registries.listCredentials(REGISTRIES_RG, name);
    const adminPublisher: Publisher = {
      name: 'admin account',
      credentials: { username: admin.username!, password: admin.passwords![0]!.value! },
      trustDir: await tempDir('admin-trust'),
      passphrase: `admin-${randomUUID()}`,
    };
    const gun = `${registry.loginServer}/${ADMIN}`;
    const adminImage = await push(adminPublisher, ADMIN, '1.0');
    expect(await headManifest(registry.loginServer, consumer.credentials, ADMIN, '1.0')).toEqual({
      status: 200,
      digest: adminImage.digest,
    });
    await notaryAs(target(), adminPublisher, ['init', gun]);
    const adminPublish = await notaryAs(target(), adminPublisher, ['publish', gun]);
    expect(adminPublish.code).not.toBe(0);
    expect(output(adminPublish)).toMatch(/unauthorized|denied|not authorized/i);
    expect(output(await notaryList(consumer, ADMIN))).toMatch(/does not have trust data/);
  });

  test('3. the user and the service principal push and sign with the notary CLI; a second tag stays unsigned; AcrPush alone cannot publish trust data', async () => {
    test.setTimeout(120_000);
    signed.v1 = await push(user, APP, 'v1');
    await signTag(target(), user, signed.v1);
    signed.v2 = await push(user, APP, 'v2'); // pushed, never signed
    signed.ci = await push(servicePrincipal, CI, '1.0');
    await signTag(target(), servicePrincipal, signed.ci);

    // The trust server holds exactly those signatures (a fresh notary client, as a puller).
    const listed = await notaryList(consumer, APP);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(signed.v1.digest.replace('sha256:', ''));
    expect(listed.stdout).not.toMatch(/\bv2\b/);
    expect((await notaryList(consumer, CI)).stdout).toContain(signed.ci.digest.replace('sha256:', ''));

    // Pierre gets AcrPush only: he can push, but his trust data is refused.
    await arm.authorization.roleAssignments.create(registry.id.slice(1), randomUUID(), {
      roleDefinitionId: roleDefinitionId(s, ROLE.AcrPush),
      principalId: s.identity('puller').objectId,
      principalType: 'User',
    });
    const pushOnly: Publisher = {
      name: 'Pierre Puller (AcrPush only)',
      credentials: basicCredentials(s, 'puller'),
      trustDir: await tempDir('pierre-trust'),
      passphrase: `pierre-${randomUUID()}`,
    };
    const image = await push(pushOnly, PUSH_ONLY, '1.0');
    expect((await headManifest(registry.loginServer, consumer.credentials, PUSH_ONLY, '1.0')).digest).toBe(
      image.digest,
    );
    await expect(signTag(target(), pushOnly, image)).rejects.toThrow(/unauthorized|denied|not authorized/i);
    expect(output(await notaryList(consumer, PUSH_ONLY))).toMatch(/does not have trust data/);
  });

  test('4. the portal shows the signed tag (signer, digest) and the unsigned one; the Docker CLI and content-trust agree', async () => {
    test.setTimeout(120_000);
    await owner.goto(`${s.portal!.url}${repositoryPage(APP)}`);
    const v1 = tagRow(owner, 'v1');
    await expect(v1).toContainText('Signed');
    await expect(v1).not.toContainText('digest changed');
    await expect(v1).toContainText('Repo Admin');
    await expect(v1.getByTitle(signed.v1!.digest)).toBeVisible();
    await expect(tagRow(owner, 'v2')).toContainText('Unsigned');
    await expect(tagRow(owner, 'v2').getByTitle(signed.v2!.digest)).toBeVisible();
    await expect(owner.getByText('2 of 2 tags shown')).toBeVisible();
    // The repository key the portal shows is the one in Paula's trust folder.
    const paulaKeys = await localKeys(target(), user);
    const targetsKey = paulaKeys.find((k) => k.role === 'targets' && k.gun.endsWith(APP))!.id;
    firstKeys.targets = await trustDetailsKeys(owner, 'targets');
    firstKeys.root = await trustDetailsKeys(owner, 'root');
    expect(firstKeys.targets).toEqual([targetsKey]);

    await owner.getByRole('switch', { name: 'As a content-trust client sees it' }).check();
    await expect(owner.getByText('1 of 2 tags shown')).toBeVisible();
    await expect(tagRow(owner, 'v2')).toHaveCount(0);
    await expect(tagRow(owner, 'v1').getByTitle(signed.v1!.digest)).toBeVisible();
    await expect(owner.getByRole('button', { name: 'Copy docker pull command for v1' })).toBeVisible();
    await expectAccessible(owner);

    // docker trust inspect: the same signed tag, digest, signer and keys.
    const view = await dockerInspectView(consumer, APP);
    expect(view.SignedTags).toEqual([
      { SignedTag: 'v1', Digest: signed.v1!.digest.replace('sha256:', ''), Signers: ['Repo Admin'] },
    ]);
    const adminKeys = Object.fromEntries(
      view.AdministrativeKeys.map((k) => [k.Name, k.Keys.map((x) => x.ID)]),
    );
    expect(adminKeys.Repository).toEqual(firstKeys.targets);
    expect((await dockerInspectView(consumer, CI)).SignedTags.map((t) => t.SignedTag)).toEqual(['1.0']);

    // A trusted pull resolves v1 to the digest the portal shows and refuses v2.
    expect(await dockerPull(consumer, APP, 'v1')).toEqual({ kind: 'signed', digest: signed.v1!.digest });
    const refused = await dockerPull(consumer, APP, 'v2');
    expect(refused.kind).toBe('refused');
    expect(refused.kind === 'refused' && refused.output).toMatch(/No valid trust data for v2/);
    const resolved = await resolve(consumer, [`${registry.loginServer}/${APP}:v1`]);
    expect(resolved.stdout).toBe(`${registry.loginServer}/${APP}:v1@${signed.v1!.digest}\n`);
    // Pulling by the signed digest works against the registry itself.
    expect(await headManifest(registry.loginServer, consumer.credentials, APP, signed.v1!.digest)).toEqual({
      status: 200,
      digest: signed.v1!.digest,
    });
  });

  test('5. the signed tag re-pushed to a new digest without signing: the portal shows the mismatch and what a trusted pull gets', async () => {
    const moved = await push(user, APP, 'v1');
    expect(moved.digest).not.toBe(signed.v1!.digest);
    expect((await headManifest(registry.loginServer, consumer.credentials, APP, 'v1')).digest).toBe(
      moved.digest,
    );

    await owner.goto(`${s.portal!.url}${repositoryPage(APP)}`);
    const v1 = tagRow(owner, 'v1');
    await expect(v1).toContainText('Signed, digest changed');
    await expect(v1.getByTitle(moved.digest)).toBeVisible(); // what the registry serves
    await expect(v1.getByTitle(signed.v1!.digest)).toBeVisible(); // what was signed
    await owner.getByRole('switch', { name: 'As a content-trust client sees it' }).check();
    await expect(tagRow(owner, 'v1').getByTitle(signed.v1!.digest)).toBeVisible();
    await expect(tagRow(owner, 'v1').getByTitle(moved.digest)).toHaveCount(0);
    // The trusted pull still gets the signed digest, not the latest push.
    expect(await dockerPull(consumer, APP, 'v1')).toEqual({ kind: 'signed', digest: signed.v1!.digest });
  });

  test('6. the root key is lost: the Owner exports, then disables with the typed name; every GUN loses its trust data, every image stays, the change is recorded', async () => {
    test.setTimeout(240_000);
    await loseKeys(user);
    const images = [`${registry.loginServer}/${APP}`, `${registry.loginServer}/${CI}`];
    const live = await inspect(consumer, images);
    expect(live.code, live.stderr).toBe(0);
    liveView = live.stdout;

    await owner.goto(`${s.portal!.url}${bladePath(registry.id, 'content-trust')}`);
    await expectTrustStatus(owner, 'Enabled');
    await owner.getByRole('radio', { name: 'Disabled' }).check();
    await owner.getByRole('button', { name: 'Save' }).click();
    const dialog = owner.getByRole('alertdialog', { name: `Disable content trust on ${name}?` });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expect(
      dialog.getByText(/^2 signed tags in 2 repositories will lose their signatures; \d+ images stay\.$/),
    ).toBeVisible();
    const downloading = owner.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export trust data' }).click();
    const download = await downloading;
    const archive = path.join(await tempDir('export'), download.suggestedFilename());
    await download.saveAs(archive);
    await expect(dialog.getByText(`Downloaded ${download.suggestedFilename()}`)).toBeVisible();

    const confirm = dialog.getByRole('button', { name: 'Disable and delete trust data' });
    await expect(confirm).toBeDisabled();
    await dialog.getByRole('textbox', { name: /Type the registry name to confirm/ }).fill(name);
    const disabledAt = new Date();
    await confirm.click();
    await expect(
      toast(owner, `Content trust is disabled on ${name}; its trust data is deleted. Images are unchanged.`),
    ).toBeVisible({ timeout: 120_000 });
    await expectTrustStatus(owner, 'Disabled');
    // Newest first: the disable just done, by the Owner. (The registry's creation, with content trust
    // off, is an older "Disabled" entry of its own.)
    const newest = owner.getByRole('table', { name: 'Recent changes' }).getByRole('row').nth(1);
    await expect(newest).toContainText('Disabled content trust');
    await expect(newest).toContainText(s.identity('owner').userPrincipalName!);
    await expect(newest).toContainText('Succeeded');
    expect(await trustPolicyStatus(arm, name)).toBe('disabled');

    // The export holds every GUN's metadata, and reproduces the pre-disable view offline.
    const manifest = trustExportManifestSchema.parse(
      JSON.parse(strFromU8(unzipSync(new Uint8Array(await readFile(archive)))['manifest.json']!)),
    );
    const exportedGuns = new Set(manifest.files.map((f) => f.gun));
    expect([...exportedGuns].sort()).toEqual([...images].sort());
    for (const gun of exportedGuns)
      expect(manifest.files.filter((f) => f.gun === gun).map((f) => f.role)).toEqual(
        expect.arrayContaining(['root', 'targets', 'snapshot', 'timestamp']),
      );
    const fromArchive = await inspect(consumer, ['--archive', archive, ...images]);
    expect(fromArchive.stdout).toBe(liveView);

    // Afterwards no GUN of the registry has trust data (notary and docker say so); every image is there.
    for (const repository of [APP, CI, ADMIN, PUSH_ONLY]) {
      const list = await notaryList(consumer, repository);
      expect(list.code, repository).not.toBe(0);
      expect(output(list), repository).toMatch(/does not have trust data/);
      const docker = await dockerInspect(consumer, repository);
      expect(docker.code, repository).not.toBe(0);
      expect(docker.stderr, repository).toMatch(/No signatures or cannot access/i);
    }
    for (const image of pushed) {
      const served = await headManifest(
        registry.loginServer,
        consumer.credentials,
        image.repository,
        image.digest,
      );
      expect(served, `${image.repository}@${image.digest}`).toEqual({ status: 200, digest: image.digest });
    }
    // The activity log (read from ARM, not the portal) records who disabled it.
    const events = await activityLog(s, registry.id, disabledAt);
    // ARM logs the request (with its body) when it accepts it, and the long-running operation's end
    // under the same correlation id.
    const request = events.find(
      (e) =>
        e.operationName.value === 'Microsoft.ContainerRegistry/registries/write' &&
        /"trustPolicy":\{[^}]*"status":"disabled"/.test(e.properties.requestbody ?? ''),
    );
    expect(request?.caller, JSON.stringify(events)).toBe(s.identity('owner').userPrincipalName);
    expect(
      events.filter((e) => e.correlationId === request!.correlationId).map((e) => e.status.value),
    ).toContain('Succeeded');
  });

  test('7. enabled again and signed with a new root key: the portal shows the new key IDs, the Keys view the new root key', async () => {
    test.setTimeout(120_000);
    await owner.goto(`${s.portal!.url}${bladePath(registry.id, 'content-trust')}`);
    await enableContentTrust(owner, name);
    expect(await trustPolicyStatus(arm, name)).toBe('enabled');

    const current = await headManifest(registry.loginServer, consumer.credentials, APP, 'v1');
    const v1 = pushed.filter((p) => p.repository === APP && p.tag === 'v1').at(-1)!;
    expect(current.digest).toBe(v1.digest);
    await signTag(target(), user, v1); // Paula's trust folder is empty: new root and repository keys
    const newKeys = await localKeys(target(), user);
    const newRoot = newKeys.filter((k) => k.role === 'root').map((k) => k.id);
    expect(newRoot).toHaveLength(1);

    // What the portal's server says of the repository's trust data now (and why, if not verified).
    const details = await (
      await PortalApi.as(s, 'owner')
    ).get<{ trust: string; reason?: string }>(
      repositoriesPath(
        { subscriptionId: s.arm.subscriptionId, resourceGroup: REGISTRIES_RG, registryName: name },
        `trust?repository=${encodeURIComponent(APP)}`,
      ),
    );
    expect(details.body.trust, JSON.stringify(details.body)).toBe('verified');
    await owner.goto(`${s.portal!.url}${repositoryPage(APP)}`);
    const row = tagRow(owner, 'v1');
    await expect(row).toContainText('Signed');
    await expect(row).not.toContainText('digest changed');
    await expect(row.getByTitle(v1.digest)).toBeVisible();
    const targets = await trustDetailsKeys(owner, 'targets');
    const root = await trustDetailsKeys(owner, 'root');
    expect(targets).toEqual([newKeys.find((k) => k.role === 'targets' && k.gun.endsWith(APP))!.id]);
    expect(targets).not.toEqual(firstKeys.targets);
    expect(root).not.toEqual(firstKeys.root);
    const view = await dockerInspectView(consumer, APP);
    expect(view.SignedTags).toEqual([
      { SignedTag: 'v1', Digest: v1.digest.replace('sha256:', ''), Signers: ['Repo Admin'] },
    ]);
    const dockerRoot = view.AdministrativeKeys.find((k) => k.Name === 'Root')!.Keys.map((k) => k.ID);
    expect(await dockerPull(consumer, APP, 'v1')).toEqual({ kind: 'signed', digest: v1.digest });

    await owner.goto(`${s.portal!.url}${bladePath(registry.id, 'repositories')}?view=keys`);
    const keys = owner.getByRole('table', { name: 'Keys across the registry' });
    const rootRows = keys.getByRole('row').filter({ hasText: 'Root key' });
    await expect(rootRows).toHaveCount(1);
    await expect(rootRows.getByRole('link', { name: APP })).toBeVisible();
    const shownRoot = await rootRows.locator('[title]').first().getAttribute('title');
    expect([...root, ...dockerRoot]).toContain(shownRoot);
    expect(firstKeys.root).not.toContain(shownRoot);
    await expectAccessible(owner);
  });

  test('8. a Reader sees all of it but cannot change the policy or role assignments; the BFF refuses when called directly', async () => {
    const context = await browser.newContext();
    const reader = await context.newPage();
    try {
      await signIn(reader, s, 'reader', bladePath(registry.id, 'content-trust'));
      await expectTrustStatus(reader, 'Enabled');
      await expect(reader.getByText('You can view this page but not change it')).toBeVisible();
      await expect(reader.getByText(/Microsoft\.ContainerRegistry\/registries\/write/)).toBeVisible();
      await expect(reader.getByRole('radio', { name: 'Disabled' })).toBeDisabled();
      await expect(reader.getByRole('button', { name: 'Save' })).toBeDisabled();
      await expect(reader.getByRole('table', { name: 'Recent changes' })).toContainText(
        'Disabled content trust',
      );

      await reader.goto(`${s.portal!.url}${bladePath(registry.id, 'access-control')}`);
      const add = reader.getByRole('button', { name: 'Add role assignment' });
      const cannotAssign =
        /^You cannot add role assignments here: that needs Microsoft\.Authorization\/roleAssignments\/write/;
      await expect(add).toBeDisabled();
      await expect(add).toHaveAccessibleDescription(cannotAssign);
      await expect(reader.getByRole('main').getByText(cannotAssign)).toBeVisible();

      await reader.goto(`${s.portal!.url}${repositoryPage(APP)}`);
      await expect(tagRow(reader, 'v1')).toContainText('Signed');
      await expect(tagRow(reader, 'v2')).toContainText('Unsigned');
      await expectAccessible(reader);
    } finally {
      await context.close();
    }

    const bff = await PortalApi.as(s, 'reader');
    const trustPath = `/api/subscriptions/${s.arm.subscriptionId}/resourceGroups/${REGISTRIES_RG}/registries/${name}/content-trust`;
    const status = await bff.get<{ etag: string }>(trustPath);
    expect(status.status).toBe(200);
    // A well-formed, confirmed disable with the current ETag: refused for who is asking, not for its form.
    const disable = await bff.fetch(trustPath, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': status.body.etag },
      body: JSON.stringify({ status: 'disabled', confirmRegistryName: name }),
    });
    expect(disable.status, await disable.text()).toBe(403);
    const assign = await bff.send('POST', `${accessControlPath(s, name)}/role-assignments`, {
      roleDefinitionId: ROLE.AcrImageSigner,
      principalId: s.identity('reader').objectId,
      principalType: 'User',
    });
    expect(assign.status).toBe(403);
    // Nothing changed on the servers.
    expect(await trustPolicyStatus(arm, name)).toBe('enabled');
    expect(await assignmentsAt(s, arm, registry.id)).toHaveLength(4);
  });
});
