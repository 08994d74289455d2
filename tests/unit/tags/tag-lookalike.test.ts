import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLookalikeTag, lookalikeMessage, normaliseTagName, tagSkeleton } from '../../../src/shared/tags';

function tag(raw: string): { key: string; name: string } {
  const normalised = normaliseTagName(raw);
  if (!normalised.ok) throw new Error(normalised.message);
  return { key: normalised.key, name: normalised.name };
}

const shop = ['VIP', '已下單', '7-11取貨', 'Amy'].map(tag);

describe('tag look-alikes', () => {
  it('finds Cyrillic and Greek imitations of an existing Latin tag', () => {
    expect(findLookalikeTag(tag('VІР'), shop)?.name).toBe('VIP'); // Cyrillic І, Р
    expect(findLookalikeTag(tag('VΙΡ'), shop)?.name).toBe('VIP'); // Greek Ι, Ρ
    expect(findLookalikeTag(tag('vір'), shop)?.name).toBe('VIP'); // lower case, Cyrillic і, р
    expect(findLookalikeTag(tag('Аmу'), shop)?.name).toBe('Amy'); // Cyrillic А, у
  });

  it('finds a Latin name imitating an existing Cyrillic-spelt tag the other way round', () => {
    expect(findLookalikeTag(tag('VIP'), [tag('VІР')])?.name).toBe('VІР');
  });

  it('does not call the same tag, or other words, look-alikes', () => {
    expect(findLookalikeTag(tag('vip'), shop)).toBeNull();
    expect(findLookalikeTag(tag('ＶＩＰ'), shop)).toBeNull(); // NFKC made it the same tag
    for (const name of ['VIP客戶', '7-11', 'ㄅㄆㄇ', '已出貨', 'BIP', 'Москва', 'β-胡蘿蔔素']) expect(findLookalikeTag(tag(name), shop)).toBeNull();
  });

  it('maps Han, Bopomofo and digits to themselves', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'客戶取貨已下單尺寸ㄅㄆㄇㄈ0123456789-') }), (name) => {
        expect(tagSkeleton(name)).toBe(name);
      }),
    );
  });

  it('says which letters differ', () => {
    expect(lookalikeMessage('VІР', 'VIP')).toBe(
      'Tag "VІР" looks the same as the existing tag "VIP" but is spelt with other letters; "VІР" uses Cyrillic І, Cyrillic Р. Use "VIP", or ask a lead to rename it',
    );
  });
});
