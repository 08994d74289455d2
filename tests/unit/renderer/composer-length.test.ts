import { describe, expect, it } from 'vitest';
import { composerLength } from '../../../src/renderer/lib/composer-length';
import { createTranslator } from '../../../src/renderer/i18n/translate';

const EMOJI = '😀'; // 2 UTF-16 code units, 1 code point, 4 UTF-8 bytes

describe('composerLength: the composer counts and blocks the way the conversation channel does', () => {
  it('LINE counts UTF-16 code units: 2,600 emoji are blocked, 2,500 emoji and 5,000 Chinese characters may be sent', () => {
    expect(composerLength('line', EMOJI.repeat(2600))).toEqual({
      length: 5200,
      limit: 5000,
      unit: 'utf16_code_units',
      remaining: -200,
      counterVisible: true,
      tooLong: true,
      canSend: false,
    });
    expect(composerLength('line', EMOJI.repeat(2500))).toMatchObject({ length: 5000, remaining: 0, tooLong: false, canSend: true });
    expect(composerLength('line', '好'.repeat(5000))).toMatchObject({ length: 5000, tooLong: false, canSend: true });
    expect(composerLength('line', '好'.repeat(5001))).toMatchObject({ tooLong: true, canSend: false });
  });

  it('shows the counter only near the limit, counts like the core (trimmed) and never sends an empty reply', () => {
    expect(composerLength('line', 'a'.repeat(3999)).counterVisible).toBe(false);
    expect(composerLength('line', EMOJI.repeat(2000))).toMatchObject({ length: 4000, remaining: 1000, counterVisible: true });
    expect(composerLength('line', `${'a'.repeat(5000)}\n\n  `)).toMatchObject({ length: 5000, canSend: true });
    expect(composerLength('line', '  \n ')).toMatchObject({ length: 0, tooLong: false, canSend: false });
  });

  it("uses the conversation's channel: web chat counts code points, Instagram UTF-8 bytes", () => {
    expect(composerLength('webchat', EMOJI.repeat(2600))).toMatchObject({ length: 2600, canSend: true });
    expect(composerLength('instagram', '好'.repeat(334))).toMatchObject({ length: 1002, limit: 1000, unit: 'utf8_bytes', tooLong: true });
  });

  it('says in zh-TW and English how far over the limit a reply is and that an emoji counts 2', () => {
    const over = composerLength('line', EMOJI.repeat(2600));
    const values = { max: over.limit, over: -over.remaining };
    expect(createTranslator('zh-TW')(`composer.tooLong.${over.unit}`, values)).toBe('超過上限 5,000 字 200 字（表情符號算 2 字），請分成多則');
    expect(createTranslator('en')(`composer.tooLong.${over.unit}`, values)).toBe('200 over the limit of 5,000 (an emoji counts as 2) — please split it');
    const near = composerLength('line', 'a'.repeat(4200));
    expect(createTranslator('en')('composer.counter', { count: near.length, max: near.limit, remaining: near.remaining })).toBe('4,200 / 5,000 (800 left)');
  });
});
