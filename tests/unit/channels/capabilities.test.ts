import { describe, expect, it } from 'vitest';
import { CHANNEL_CAPABILITIES, checkText, textLength } from '../../../src/shared/channels/capabilities';

const EMOJI = '😀'; // U+1F600: 2 UTF-16 code units, 1 code point, 4 UTF-8 bytes
const CJK = '貨'; // 1 UTF-16 code unit, 1 code point, 3 UTF-8 bytes

describe('channel text limits', () => {
  it('counts an emoji the way each platform does', () => {
    expect(textLength('line', EMOJI)).toBe(2);
    expect(textLength('messenger', EMOJI)).toBe(1);
    expect(textLength('instagram', EMOJI)).toBe(4);
    expect(textLength('webchat', EMOJI)).toBe(1);
  });

  it('counts Chinese as 3 UTF-8 bytes on Instagram and 1 elsewhere', () => {
    const text = '請問有貨嗎';
    expect(textLength('instagram', text)).toBe(15);
    expect(textLength('messenger', text)).toBe(5);
    expect(textLength('line', text)).toBe(5);
    expect(textLength('instagram', 'a\u00e9')).toBe(3); // é is 2 bytes
  });

  it('LINE: 5,000 UTF-16 code units, so 2,500 emoji fit and 2,501 do not', () => {
    expect(checkText('line', 'a'.repeat(5000))).toMatchObject({ ok: true, length: 5000 });
    expect(checkText('line', EMOJI.repeat(2500))).toMatchObject({ ok: true, length: 5000 });
    expect(checkText('line', EMOJI.repeat(2501))).toEqual({ ok: false, problem: 'too_long', length: 5002, limit: 5000, unit: 'utf16_code_units' });
  });

  it('Messenger: 2,000 code points, emoji counting one each', () => {
    expect(checkText('messenger', EMOJI.repeat(2000))).toMatchObject({ ok: true, length: 2000 });
    expect(checkText('messenger', `${EMOJI.repeat(1999)}ab`)).toMatchObject({ ok: false, problem: 'too_long', length: 2001 });
  });

  it('Instagram: 1,000 UTF-8 bytes, so 333 Chinese characters fit and 334 do not', () => {
    expect(checkText('instagram', CJK.repeat(333))).toMatchObject({ ok: true, length: 999 });
    expect(checkText('instagram', `${CJK.repeat(333)}a`)).toMatchObject({ ok: true, length: 1000 });
    expect(checkText('instagram', CJK.repeat(334))).toMatchObject({ ok: false, problem: 'too_long', length: 1002, limit: 1000 });
    expect(checkText('instagram', EMOJI.repeat(250))).toMatchObject({ ok: true, length: 1000 });
    expect(checkText('instagram', EMOJI.repeat(251))).toMatchObject({ ok: false, length: 1004 });
  });

  it('counts a lone surrogate as U+FFFD (3 bytes), as a UTF-8 encoder would send it', () => {
    expect(textLength('instagram', '\ud83d')).toBe(3);
    expect(textLength('instagram', '\ud83d')).toBe(new TextEncoder().encode('\ud83d').length);
  });

  it('refuses empty text on every channel', () => {
    for (const channel of ['line', 'messenger', 'instagram', 'webchat'] as const) {
      expect(checkText(channel, '')).toMatchObject({ ok: false, problem: 'empty' });
    }
  });

  it('says which replies need a token, a window or nothing', () => {
    expect(CHANNEL_CAPABILITIES.line.replyGate).toBe('reply_token');
    expect(CHANNEL_CAPABILITIES.messenger.replyGate).toBe('messaging_window');
    expect(CHANNEL_CAPABILITIES.instagram.replyGate).toBe('messaging_window');
    expect(CHANNEL_CAPABILITIES.webchat.replyGate).toBe('none');
    expect(CHANNEL_CAPABILITIES.webchat.textLimit).toBe(5000);
  });
});
