import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { DirectoryStore } from '../state/directory.ts';
import { RESOURCES } from '../constants.ts';
import { escapeHtml, page } from './provider.ts';
import { resourceOfScope, resourcesInScope } from './resources.ts';

/** Sign-in forms carry one account id: anything larger is refused, and reading stops at the limit. */
const MAX_FORM_BYTES = 16 * 1024;

class FormTooLarge extends Error {}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new FormTooLarge(`the sign-in form exceeds ${MAX_FORM_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The sign-in page may not be framed (clickjacking a person picker signs the victim in as somebody
 * else); it runs no script and loads nothing, so everything else is denied too.
 */
export const SIGN_IN_PAGE_HEADERS = {
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
};

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    ...SIGN_IN_PAGE_HEADERS,
  });
  res.end(html);
}

/**
 * The local sign-in page: a list of the seeded people (no passwords locally), one button each.
 * Choosing a person signs them in and grants every requested scope (first-party apps, no consent
 * screen), as a tenant with admin consent does.
 */
export async function handleInteraction(
  provider: () => Provider,
  directory: DirectoryStore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://localhost');
  const [, , uid, action] = url.pathname.split('/');
  const oidc = provider();
  let details: Awaited<ReturnType<Provider['interactionDetails']>>;
  try {
    details = await oidc.interactionDetails(req, res);
  } catch {
    send(
      res,
      400,
      page(
        'Sign-in expired',
        '<p>This sign-in request has expired or was already used. Go back to the app and sign in again.</p>',
      ),
    );
    return;
  }
  if (details.uid !== uid) {
    send(res, 400, page('Sign-in error', '<p>The sign-in request does not match this page.</p>'));
    return;
  }

  if (req.method === 'GET' && !action) {
    if (details.prompt.name === 'consent' && details.session?.accountId) {
      await finish(oidc, req, res, details, details.session.accountId);
      return;
    }
    const people = directory.list('user');
    const items = people
      .map(
        (p) => `<li><form method="post" action="/interaction/${escapeHtml(details.uid)}/login">
  <input type="hidden" name="accountId" value="${escapeHtml(p.id)}">
  <button class="person" type="submit"><strong>${escapeHtml(p.displayName)}</strong>
  <span class="upn">${escapeHtml(p.userPrincipalName ?? '')}</span>
  ${p.jobTitle ? `<span class="summary">${escapeHtml(p.jobTitle)}</span>` : ''}</button></form></li>`,
      )
      .join('\n');
    send(
      res,
      200,
      page(
        'Pick an account',
        `<p>Local identity provider for the Content Trust Portal. Choose who you want to be; no password is needed locally.</p>
<ul>${items}</ul><p class="note">Signing in to ${escapeHtml(String(details.params.client_id ?? ''))} · this page exists only in the local stack.</p>`,
      ),
    );
    return;
  }

  if (req.method === 'POST' && action === 'login') {
    let form: URLSearchParams;
    try {
      form = await readForm(req);
    } catch (error) {
      if (!(error instanceof FormTooLarge)) throw error;
      send(
        res,
        413,
        page('Sign-in error', `<p>${escapeHtml(error.message)}. Go back and pick a person.</p>`),
      );
      return;
    }
    const accountId = form.get('accountId') ?? '';
    const user = directory.get(accountId);
    if (!user || user.kind !== 'user') {
      send(
        res,
        400,
        page('Sign-in error', '<p>Unknown account. Go back and pick one of the listed people.</p>'),
      );
      return;
    }
    await finish(oidc, req, res, details, user.id);
    return;
  }
  send(res, 405, page('Sign-in error', '<p>Unsupported request.</p>'));
}

async function finish(
  oidc: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  details: Awaited<ReturnType<Provider['interactionDetails']>>,
  accountId: string,
): Promise<void> {
  const clientId = String(details.params.client_id);
  const existing = details.grantId ? await oidc.Grant.find(details.grantId) : undefined;
  const grant =
    existing && existing.accountId === accountId ? existing : new oidc.Grant({ accountId, clientId });
  const missingOidc = (details.prompt.details.missingOIDCScope as string[] | undefined) ?? [];
  const missingResources =
    (details.prompt.details.missingResourceScopes as Record<string, string[]> | undefined) ?? {};
  const requested = String(details.params.scope ?? '')
    .split(' ')
    .filter(Boolean);
  grant.addOIDCScope(
    [
      ...new Set([
        ...missingOidc,
        ...requested.filter((s) => ['openid', 'profile', 'email', 'offline_access'].includes(s)),
      ]),
    ].join(' '),
  );
  for (const [resource, scopes] of Object.entries(missingResources))
    grant.addResourceScope(resource, scopes.join(' '));
  // On the login prompt the missing resource scopes are not computed yet: grant what the request names.
  for (const key of resourcesInScope(requested.join(' '))) {
    grant.addResourceScope(RESOURCES[key], requested.filter((s) => resourceOfScope(s) === key).join(' '));
  }
  const grantId = await grant.save();
  await oidc.interactionFinished(
    req,
    res,
    { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}
