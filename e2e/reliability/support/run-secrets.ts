// Every token the suite obtains is written down (one per line, in the stack's data folder), so the log
// grep at the end can look for each of them in the BFF's and the stack's logs. Tokens go through here,
// never through userToken directly.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { userToken, type Stack } from '../../stack/support/stack.ts';

export const PORTAL_SCOPE = 'api://content-trust-bff/access_as_user';
export const ARM_SCOPE = 'https://management.azure.com/.default';

function ledger(s: Stack): string {
  return path.join(s.dataDir, 'reliability', 'minted-tokens.txt');
}

/** Notes a secret the run handled (a token it minted or was given), for the log grep. */
export function remember(s: Stack, secret: string): string {
  mkdirSync(path.dirname(ledger(s)), { recursive: true });
  appendFileSync(ledger(s), `${secret}\n`);
  return secret;
}

export function remembered(s: Stack): string[] {
  try {
    return readFileSync(ledger(s), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** A seeded identity's real token from the identity provider (portal API scope unless told). */
export async function tokenOf(s: Stack, key: string, scope = PORTAL_SCOPE): Promise<string> {
  return remember(s, await userToken(s, key, scope));
}

/** Portal tokens per identity, fetched once per file. */
export function portalTokens(s: Stack): (key: string) => Promise<string> {
  const cache = new Map<string, Promise<string>>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, tokenOf(s, key));
    return cache.get(key)!;
  };
}
