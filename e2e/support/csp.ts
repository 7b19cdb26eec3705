import { expect, type Page, type Response } from '@playwright/test';

/** One Content-Security-Policy violation seen in the browser. */
export interface CspViolation {
  /** The page (or frame) whose policy was violated. */
  documentURI: string;
  directive: string;
  blockedURI: string;
  sample: string;
}

export interface CspWatch {
  /** Everything refused so far, in every frame and after every navigation of the page. */
  violations(): CspViolation[];
  /** Fails the test with the list of violations, if there are any. */
  expectNone(): void;
}

/**
 * Records CSP violations on a page from before its first script runs: the `securitypolicyviolation`
 * events of every document (through an init script, so navigations and frames are covered) and
 * Chromium's console reports (which also name refusals no event reaches, e.g. a blocked frame).
 * Call it before `page.goto`, then `expectNone()` at the end of a test:
 *
 *   const csp = await watchCsp(page);
 *   await page.goto(url);
 *   ...
 *   csp.expectNone();
 */
export async function watchCsp(page: Page): Promise<CspWatch> {
  const seen: CspViolation[] = [];
  await page.exposeBinding('__ctpCspViolation', (_source, violation: CspViolation) => {
    seen.push(violation);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __ctpCspViolation(v: CspViolation): void }).__ctpCspViolation({
        documentURI: event.documentURI,
        directive: event.effectiveDirective,
        blockedURI: event.blockedURI,
        sample: event.sample,
      });
    });
  });
  page.on('console', (message) => {
    const text = message.text();
    if (!/Content Security Policy/i.test(text)) return;
    // The event above reports the same refusal with its details; keep console-only ones.
    if (seen.some((v) => text.includes(v.directive))) return;
    seen.push({ documentURI: message.location().url, directive: 'console', blockedURI: '', sample: text });
  });
  return {
    violations: () => [...seen],
    expectNone: () => expect(seen, 'Content-Security-Policy violations').toEqual([]),
  };
}

/** The policy of a response, directive → sources, for assertions on its strictness. */
export function cspOf(response: Response | null): Record<string, string[]> {
  const header = response?.headers()['content-security-policy'] ?? '';
  return Object.fromEntries(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}
