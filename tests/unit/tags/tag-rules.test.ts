import { describe, expect, it } from 'vitest';
import { MAX_TAGS_PER_FRIEND, TAG_NAME_MAX_LENGTH, checkTagCap, normaliseTagName, tagNameSchema } from '../../../src/shared/tags';

describe('tag names', () => {
  it('trims, folds full-width forms with NFKC and keys case-insensitively', () => {
    expect(normaliseTagName('  ＶＩＰ  ')).toEqual({ ok: true, name: 'VIP', key: 'vip' });
    expect(normaliseTagName('vip')).toMatchObject({ key: 'vip', name: 'vip' });
    expect(normaliseTagName('尺寸 Ｍ')).toEqual({ ok: true, name: '尺寸 M', key: '尺寸 m' });
    expect(normaliseTagName('已下單\u3000\u3000待出貨')).toMatchObject({ name: '已下單 待出貨' });
    expect(normaliseTagName('ｶﾀｶﾅ')).toMatchObject({ name: 'カタカナ' });
  });

  it('counts length in characters, up to the limit', () => {
    expect(normaliseTagName('退'.repeat(TAG_NAME_MAX_LENGTH))).toMatchObject({ ok: true });
    expect(normaliseTagName('😀'.repeat(TAG_NAME_MAX_LENGTH))).toMatchObject({ ok: true });
    const tooLong = normaliseTagName('退'.repeat(TAG_NAME_MAX_LENGTH + 1));
    expect(tooLong).toMatchObject({ ok: false, problem: 'too_long' });
    if (!tooLong.ok) expect(tooLong.message).toMatch(/21 characters; at most 20/);
  });

  it('names empty names, also when nothing but invisible characters was typed', () => {
    expect(normaliseTagName('   ')).toEqual({ ok: false, problem: 'empty', message: 'Tag name is empty' });
    expect(normaliseTagName('\u200b\u202e\u2066\ufeff\u0007')).toEqual({ ok: false, problem: 'empty', message: 'Tag name is empty' });
  });

  it('removes invisible, bidi and control characters so a tag is what it looks like', () => {
    expect(normaliseTagName('VIP\u0007')).toEqual({ ok: true, name: 'VIP', key: 'vip' });
    expect(normaliseTagName('V\u200bIP')).toEqual({ ok: true, name: 'VIP', key: 'vip' });
    expect(normaliseTagName('\u202eVIP\u202c')).toMatchObject({ name: 'VIP' });
    expect(normaliseTagName('\u2067已下單\u2069')).toMatchObject({ name: '已下單' });
    expect(normaliseTagName('VIP\u{E0041}\u00ad\u061c')).toMatchObject({ name: 'VIP' });
    expect(normaliseTagName('VIP\ufe0f')).toMatchObject({ name: 'VIP' });
    expect(normaliseTagName('已下單\n待出貨\t')).toMatchObject({ name: '已下單 待出貨' });
    // Removing the ZWSP brings the e and its accent together: the result is composed, as NFKC would.
    expect(normaliseTagName('cafe\u200b\u0301')).toMatchObject({ name: 'café' });
  });

  it('keeps names that are normal for Taiwanese shops, emoji and meaningful selectors', () => {
    for (const name of ['VIP客戶', '7-11取貨', '尺寸M', 'ㄅㄆㄇ', '已下單', '❤️', 'שלום', 'مرحبا']) {
      expect(normaliseTagName(name)).toMatchObject({ ok: true, name });
    }
    // A tag name holds no format characters at all: the ZWJs of a family emoji go, the people stay.
    expect(normaliseTagName('👨\u200d👩\u200d👧')).toMatchObject({ ok: true, name: '👨👩👧' });
  });

  it('is usable as a zod schema at boundaries', () => {
    expect(tagNameSchema.parse(' ＶＩＰ ')).toBe('VIP');
    expect(tagNameSchema.safeParse('').error?.issues[0]?.message).toBe('Tag name is empty');
  });
});

describe('the tag cap', () => {
  const keys = (n: number) => Array.from({ length: n }, (_, index) => `t${index}`);

  it(`allows up to ${MAX_TAGS_PER_FRIEND} distinct tags`, () => {
    expect(checkTagCap(keys(9), 'new')).toEqual({ allowed: true, alreadyPresent: false, count: 9 });
    const refused = checkTagCap(keys(10), 'new', '新標籤');
    expect(refused).toMatchObject({ allowed: false, count: 10 });
    if (!refused.allowed) expect(refused.message).toBe('Cannot add "新標籤": this friend already has 10 of 10 tags');
  });

  it('never refuses a tag the friend already has', () => {
    expect(checkTagCap(keys(10), 't3')).toEqual({ allowed: true, alreadyPresent: true, count: 10 });
  });
});
