import { describe, expect, it } from 'vitest';
import { computeLineSignature, isValidLineSignature } from '../../../src/relay/channels/line/signature';

const VECTOR_BODY = '{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[]}';
const VECTOR_SECRET = '8c570fa6dd201bb328f1c1eac23a96d8';
const VECTOR_SIGNATURE = 'GhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLs=';

describe('LINE webhook signature', () => {
  it('matches LINE’s documented test vector', () => {
    expect(computeLineSignature(Buffer.from(VECTOR_BODY), VECTOR_SECRET)).toBe(VECTOR_SIGNATURE);
    expect(isValidLineSignature(Buffer.from(VECTOR_BODY), VECTOR_SECRET, VECTOR_SIGNATURE)).toBe(true);
  });

  it('rejects a missing, empty, repeated, wrong-length or non-canonical header', () => {
    const body = Buffer.from(VECTOR_BODY);
    expect(isValidLineSignature(body, VECTOR_SECRET, undefined)).toBe(false);
    expect(isValidLineSignature(body, VECTOR_SECRET, '')).toBe(false);
    expect(isValidLineSignature(body, VECTOR_SECRET, [VECTOR_SIGNATURE, VECTOR_SIGNATURE])).toBe(false);
    expect(isValidLineSignature(body, VECTOR_SECRET, 'c2hvcnQ=')).toBe(false);
    expect(isValidLineSignature(body, VECTOR_SECRET, `${VECTOR_SIGNATURE}AAAA`)).toBe(false);
    expect(isValidLineSignature(body, VECTOR_SECRET, VECTOR_SIGNATURE.replace('=', '') + '!')).toBe(false);
  });

  it('rejects another secret and any change to the raw bytes (even one that parses to the same JSON)', () => {
    expect(isValidLineSignature(Buffer.from(VECTOR_BODY), 'another-secret', VECTOR_SIGNATURE)).toBe(false);
    const reformatted = JSON.stringify(JSON.parse(VECTOR_BODY), null, 1);
    expect(isValidLineSignature(Buffer.from(reformatted), VECTOR_SECRET, VECTOR_SIGNATURE)).toBe(false);
  });

  it('signs the UTF-8 bytes of Chinese text', () => {
    const body = Buffer.from('{"text":"請問有貨嗎"}', 'utf8');
    const signature = computeLineSignature(body, VECTOR_SECRET);
    expect(isValidLineSignature(body, VECTOR_SECRET, signature)).toBe(true);
    expect(isValidLineSignature(Buffer.from('{"text":"請問有貨嗎?"}'), VECTOR_SECRET, signature)).toBe(false);
  });
});
