import { stripVTControlCharacters } from 'node:util';

/**
 * oidc-provider prints this line when it is imported on any Node.js before 22 LTS. The project targets
 * Node 20.19+ (package.json `engines`), where the identity suites run it in full, so the line asks for an
 * action nobody needs to take; it is dropped while oidc-provider loads, and nothing else is filtered.
 */
const RUNTIME_WARNING =
  'oidc-provider WARNING: Unsupported runtime. Use Node.js v22.x LTS, or a later LTS release.';

const warn = console.warn;
const filtered: typeof console.warn = (...args: unknown[]) => {
  const line = args.length === 1 && typeof args[0] === 'string' ? stripVTControlCharacters(args[0]) : '';
  if (line !== RUNTIME_WARNING) warn.apply(console, args);
};
console.warn = filtered;

/** Called once oidc-provider's module has been evaluated (it warns synchronously while it is). */
export function endRuntimeWarningFilter(): void {
  if (console.warn === filtered) console.warn = warn;
}
