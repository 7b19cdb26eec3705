import { beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '../../../i18n/index.ts';
import { frenchResources } from '../../../i18n/resources-fr.ts';

const tagCount = (language: 'en' | 'fr', shown: number, total: number) =>
  i18n.getFixedT(language)('repositories.repository.tagCount', { shown, total });

describe('the tag count, in plural forms', () => {
  beforeAll(() => {
    i18n.addResourceBundle('fr', 'translation', frenchResources, true, true);
  });

  it('agrees with the total in English', () => {
    expect(tagCount('en', 1, 1)).toBe('1 of 1 tag shown');
    expect(tagCount('en', 0, 1)).toBe('0 of 1 tag shown');
    expect(tagCount('en', 1, 4)).toBe('1 of 4 tags shown');
    expect(tagCount('en', 10005, 10005)).toBe('10005 of 10005 tags shown');
  });

  it('agrees with the number shown in French', () => {
    expect(tagCount('fr', 1, 1)).toBe('1 étiquette affichée sur 1');
    expect(tagCount('fr', 0, 4)).toBe('0 étiquette affichée sur 4');
    expect(tagCount('fr', 3, 4)).toBe('3 étiquettes affichées sur 4');
  });
});
