// The two roles Docker treats as "released": a tag signed into either is what a content-trust pull takes.
export const RELEASES_ROLE = 'targets/releases';
export const BASE_TARGETS_ROLE = 'targets';

export function isReleasedRole(role: string): boolean {
  return role === RELEASES_ROLE || role === BASE_TARGETS_ROLE;
}
