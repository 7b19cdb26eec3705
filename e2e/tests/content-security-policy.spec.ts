import { expect, test } from '@playwright/test';
import { loadStack } from '@ctp/devkit';
import type { StackDescription } from '@ctp/azure-local/stack-file';
import { cspOf, watchCsp } from '../support/csp.ts';

/**
 * The portal runs under its strict Content-Security-Policy in Chromium without a single violation,
 * through sign-in (MSAL talks to the identity provider) and on the home page. Blades add their own
 * page to this list, or call watchCsp() in their own spec.
 */
test.describe('Content-Security-Policy', () => {
  let stack: StackDescription;
  test.beforeAll(async () => {
    stack = await loadStack();
  });

  test('the home page is served under the strict policy and violates none of it', async ({ page }) => {
    const csp = await watchCsp(page);
    const response = await page.goto(stack.portal!.url);
    const policy = cspOf(response);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(["'self'", new URL(stack.identityProvider!.authority).origin]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
    await page.getByRole('switch', { name: 'Dark theme' }).check();
    csp.expectNone();
  });

  test('signing in and out through the identity provider violates nothing', async ({ page }) => {
    const owner = stack.identities.find((i) => i.key === 'owner')!;
    const csp = await watchCsp(page);
    await page.goto(stack.portal!.url);
    const signIn = page.waitForResponse(
      (r) => r.url().includes('/interaction/') && r.request().method() === 'GET',
    );
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: new RegExp(owner.displayName) }).waitFor();
    expect(cspOf(await signIn)['frame-ancestors']).toEqual(["'none'"]);
    await page.getByRole('button', { name: new RegExp(owner.displayName) }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Container registries' })).toBeVisible();
    await page.getByRole('link', { name: 'ctpdemo' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'ctpdemo | Overview' })).toBeVisible();
    await page.reload(); // the token comes from MSAL's cache and the BFF again
    await expect(page.getByRole('heading', { level: 1, name: 'ctpdemo | Overview' })).toBeVisible();
    await page
      .getByRole('banner')
      .getByRole('button', { name: new RegExp(owner.displayName) })
      .click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
    csp.expectNone();
  });

  test('the watcher sees what the policy refuses (an injected inline script)', async ({ page }) => {
    const csp = await watchCsp(page);
    await page.goto(stack.portal!.url);
    await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => csp.violations().map((v) => v.directive)).toContain('script-src-elem');
  });

  test('a site that frames the portal or the sign-in page gets nothing', async ({ page }) => {
    const refusals: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors 'none'/.test(m.text())) refusals.push(m.text());
    });
    const { portal, identityProvider } = stack;
    const authorize = new URL(`${identityProvider!.authority}/auth`);
    authorize.search = new URLSearchParams({
      client_id: identityProvider!.spaClientId,
      response_type: 'code',
      scope: 'openid',
      redirect_uri: `${portal!.url}/redirect.html`,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      prompt: 'login',
    }).toString();
    // Another origin (ARM's health page) frames the portal and the identity provider's sign-in page.
    await page.goto(`${stack.arm!.endpoint}/health`);
    await page.setContent(
      `<iframe src="${portal!.url}/"></iframe><iframe src="${authorize.toString()}"></iframe>`,
    );
    await expect.poll(() => refusals.length).toBe(2);
    expect(refusals.join('\n')).toContain(`Framing '${portal!.url}/'`);
    expect(refusals.join('\n')).toContain(`Framing '${new URL(identityProvider!.authority).origin}/'`);
  });
});
