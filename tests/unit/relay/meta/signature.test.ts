import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeMetaSignature, headerValue, isValidMetaSignature, isValidMetaWebhook } from '../../../../src/relay/channels/meta/signature';

const SECRET = 'c0ffee5ecret0f7he4pp';
const BODY = '{"object":"page","entry":[{"id":"1029384756","time":1700000000000,"messaging":[]}]}';
// Computed here independently of the code under test.
const EXPECTED = `sha256=${createHmac('sha256', SECRET).update(Buffer.from(BODY, 'utf8')).digest('hex')}`;

describe('Meta webhook signature (X-Hub-Signature-256)', () => {
  it('accepts sha256=<hex HMAC-SHA256 of the raw body with the app secret>', () => {
    expect(computeMetaSignature(Buffer.from(BODY), SECRET)).toBe(EXPECTED);
    expect(isValidMetaSignature(Buffer.from(BODY), SECRET, EXPECTED)).toBe(true);
    // Hex in capitals is the same digest.
    expect(isValidMetaSignature(Buffer.from(BODY), SECRET, `sha256=${EXPECTED.slice(7).toUpperCase()}`)).toBe(true);
  });

  it('rejects another secret, and any change to the raw bytes even when the JSON is the same', () => {
    expect(isValidMetaSignature(Buffer.from(BODY), 'another-secret', EXPECTED)).toBe(false);
    const reformatted = JSON.stringify(JSON.parse(BODY), null, 2);
    expect(isValidMetaSignature(Buffer.from(reformatted), SECRET, EXPECTED)).toBe(false);
    const chinese = Buffer.from('{"text":"請問有貨嗎"}', 'utf8');
    expect(isValidMetaSignature(chinese, SECRET, computeMetaSignature(chinese, SECRET))).toBe(true);
    expect(isValidMetaSignature(Buffer.from('{"text":"請問有貨嗎?"}'), SECRET, computeMetaSignature(chinese, SECRET))).toBe(false);
  });

  it('treats a missing, repeated or malformed header as invalid', () => {
    const body = Buffer.from(BODY);
    const hex = EXPECTED.slice('sha256='.length);
    for (const header of [undefined, '', hex, `sha1=${hex}`, `sha256:${hex}`, `sha256=${hex.slice(0, 63)}`, `sha256=${hex}00`, `sha256=${hex.slice(0, 63)}g`, 'sha256=', [EXPECTED, EXPECTED]]) {
      expect(isValidMetaSignature(body, SECRET, header)).toBe(false);
    }
  });

  it('never verifies with an empty app secret', () => {
    const signed = `sha256=${createHmac('sha256', '').update(BODY).digest('hex')}`;
    expect(isValidMetaSignature(Buffer.from(BODY), '', signed)).toBe(false);
  });

  it('finds the header whatever the case of its name', () => {
    const body = Buffer.from(BODY);
    expect(isValidMetaWebhook(body, SECRET, { 'X-Hub-Signature-256': EXPECTED })).toBe(true);
    expect(isValidMetaWebhook(body, SECRET, { 'x-hub-signature-256': EXPECTED })).toBe(true);
    expect(isValidMetaWebhook(body, SECRET, { 'X-HUB-SIGNATURE-256': EXPECTED })).toBe(true);
    expect(isValidMetaWebhook(body, SECRET, { 'x-hub-signature': EXPECTED })).toBe(false);
    // Two headers of the same name in different case: ambiguous, so invalid.
    expect(isValidMetaWebhook(body, SECRET, { 'X-Hub-Signature-256': EXPECTED, 'x-hub-signature-256': EXPECTED })).toBe(false);
    expect(headerValue({ A: 'x', b: undefined }, 'a')).toBe('x');
    expect(headerValue({ b: undefined }, 'b')).toBeUndefined();
  });
});
