/**
 * Azure RBAC action patterns: `*` matches any run of characters (`*`, `* /read`, `Microsoft.Authorization/*`,
 * `Microsoft.Authorization/* /Delete`), comparison is case-insensitive. Small enough that a library
 * (minimatch treats `/` specially, which RBAC does not) would be the wrong tool.
 */
const cache = new Map<string, RegExp>();

export function actionMatches(pattern: string, action: string): boolean {
  let regex = cache.get(pattern);
  if (!regex) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    regex = new RegExp(`^${source}$`, 'i');
    cache.set(pattern, regex);
  }
  return regex.test(action);
}
