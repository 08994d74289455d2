import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/shared/suggestions/normalize';

describe('normalizeText', () => {
  it('folds full-width letters, digits and punctuation (NFKC) and lower-cases', () => {
    expect(normalizeText('ＡＴＭ轉帳ＯＫ嗎？')).toBe('atm 轉帳 ok 嗎');
    expect(normalizeText('Ｓｉｚｅ　Ｃｈａｒｔ')).toBe('size chart');
  });

  it('converts Simplified Chinese to Taiwan Traditional', () => {
    expect(normalizeText('运费怎么算')).toBe('運費怎麼算');
    expect(normalizeText('请问退货要多久')).toBe('請問退貨要多久');
  });

  it('gives Simplified and Traditional spellings of the same words the same form', () => {
    expect(normalizeText('尺码表在哪里')).toBe(normalizeText('尺碼表在哪裡'));
    expect(normalizeText('台湾发票')).toBe(normalizeText('台灣發票'));
  });

  it.each(['711', '7-11', '7 11', '7-ELEVEN', 'seven eleven', 'seven', '小七', '統一超商'])('writes %s as 7-11', (variant) => {
    expect(normalizeText(`${variant}取貨`)).toBe('7-11 取貨');
  });

  it('undoes the input method\'s homophone slips in the words shops are asked about most', () => {
    expect(normalizeText('運廢怎麼算')).toBe('運費怎麼算');
    expect(normalizeText('保古多久')).toBe('保固多久');
    expect(normalizeText('什麼時候出或')).toBe('什麼時候出貨');
    expect(normalizeText('可以客制嗎')).toBe('可以客製嗎');
    // 或 stays "or" where it is one: 寄到家或超商.
    expect(normalizeText('寄到家或超商都可以')).toBe('寄到家或超商都可以');
    expect(normalizeText('可以取銷訂丹嗎')).toBe('可以取消訂單嗎');
    expect(normalizeText('發漂要打統編')).toBe('發票要打統編');
  });

  it('does not mistake 711 inside a longer number, or "seven days", for the store', () => {
    expect(normalizeText('訂單20240711')).toBe('訂單 20240711');
    expect(normalizeText('seven days')).toBe('seven days');
  });

  it('canonicalises payment and shop spellings', () => {
    expect(normalizeText('Line Pay')).toBe('linepay');
    expect(normalizeText('FamilyMart')).toBe('全家');
    expect(normalizeText('全家便利商店')).toBe('全家');
    expect(normalizeText('pre-order')).toBe('preorder');
    expect(normalizeText('3Q')).toBe('謝謝');
  });

  it('drops emoji and punctuation and separates Chinese from Latin runs', () => {
    expect(normalizeText('可以用LINE Pay嗎😂😂！！')).toBe('可以用 linepay 嗎');
    expect(normalizeText('size不對～')).toBe('size 不對');
    expect(normalizeText('我158cm 48kg')).toBe('我 158 cm 48 kg');
    expect(normalizeText('👍🙏')).toBe('');
  });
});
