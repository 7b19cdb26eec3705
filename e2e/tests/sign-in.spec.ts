import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loadStack } from '@ctp/devkit';
import type { StackDescription } from '@ctp/azure-local/stack-file';

/**
 * A silent sign-in (prompt=none) with this browser's cookies, as MSAL's ssoSilent sends it: the query of
 * the identity provider's redirect back to the SPA (a code, or an error such as login_required).
 */
async function silentSignIn(
  page: Page,
  idp: NonNullable<StackDescription['identityProvider']>,
  portal: string,
): Promise<URLSearchParams> {
  const redirectUri = `${portal}/redirect.html`;
  const url = new URL(`${idp.authority}/auth`);
  url.search = new URLSearchParams({
    client_id: idp.spaClientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: `openid profile ${idp.bffApiScope}`,
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    prompt: 'none',
    state: 'silent',
  }).toString();
  // The context's request API shares the browser's cookies; redirects are followed by hand.
  let next = url.toString();
  for (let hops = 0; hops < 8; hops++) {
    const response = await page.context().request.get(next, { maxRedirects: 0 });
    const location = response.headers()['location'];
    if (!location) throw new Error(`silent sign-in stopped at ${response.status()}`);
    next = new URL(location, next).toString();
    if (next.startsWith(redirectUri)) return new URL(next).searchParams;
  }
  throw new Error('silent sign-in: too many redirects');
}

/**
 * msal-browser, unchanged, signs in against the local identity provider in a real browser: the
 * provider's sign-in page lists the seeded people, the SPA gets a token for the BFF, and the BFF
 * verifies it (GET /api/me). Then sign-out ends the session at the provider too (a silent sign-in fails there).
 */
test.describe('sign-in with MSAL', () => {
  let stack: StackDescription;
  test.beforeAll(async () => {
    stack = await loadStack();
  });

  test('signs in as a seeded person, shows who the BFF verified, and signs out', async ({ page }) => {
    const owner = stack.identities.find((i) => i.key === 'owner');
    if (!owner?.userPrincipalName || !stack.portal || !stack.identityProvider)
      throw new Error('stack.json lacks the owner, portal or identity provider');

    await page.goto(stack.portal.url);
    await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();

    // The identity provider's own page, on its own origin.
    await expect(page).toHaveURL(new RegExp(`^${new URL(stack.identityProvider.authority).origin}/`));
    await page.getByRole('button', { name: new RegExp(owner.displayName) }).click();

    await expect(page).toHaveURL(new RegExp(`^${stack.portal.url}/registries`));
    await expect(
      page.getByRole('banner').getByRole('button', { name: new RegExp(owner.displayName) }),
    ).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Container registries' })).toBeVisible();

    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // Control: while signed in, the browser's provider session answers a silent sign-in with a code.
    const idp = stack.identityProvider;
    const portal = stack.portal.url;
    expect((await silentSignIn(page, idp, portal)).get('code')).toBeTruthy();

    await page
      .getByRole('banner')
      .getByRole('button', { name: new RegExp(owner.displayName) })
      .click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();

    // The provider session is gone as well: a silent sign-in from this browser is refused there.
    const after = await silentSignIn(page, idp, portal);
    expect(after.get('error')).toBe('login_required');
    expect(after.get('code')).toBeNull();
  });

  test('the BFF refuses API calls without a token, with a problem the SPA can show', async ({ request }) => {
    const response = await request.get(`${stack.portal?.url}/api/me`);
    expect(response.status()).toBe(401);
    expect(response.headers()['www-authenticate']).toBe('Bearer');
    expect(await response.json()).toMatchObject({ title: 'Sign-in required' });
  });
});
