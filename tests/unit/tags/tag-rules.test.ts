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

  it('names empty names and control or invisible characters', () => {
    expect(normaliseTagName('   ')).toEqual({ ok: false, problem: 'empty', message: 'Tag name is empty' });
    expect(normaliseTagName('VIP\u0007')).toMatchObject({ ok: false, problem: 'control_characters' });
    const zeroWidth = normaliseTagName('V\u200bIP');
    expect(zeroWidth).toMatchObject({ ok: false, problem: 'control_characters' });
    if (!zeroWidth.ok) expect(zeroWidth.message).toContain('\\u200b');
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
