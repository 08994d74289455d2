import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidIdentityHash, webchatIdentityHash } from '../../../../src/relay/channels/webchat/identity';
import { checkVisitorHandshake } from '../../../../src/relay/channels/webchat/visitor-handshake';
import { createWindowCounter } from '../../../../src/relay/channels/webchat/window-counter';
import { announceWebchat } from '../../../../src/relay/channels/webchat/startup-notice';

const SECRET = 'shop-identity-secret-0123456789';
const VISITOR_ID = '0123456789abcdef0123456789abcdef';

describe('web chat identity hash', () => {
  it('is the hex HMAC-SHA256 of the user id, as the shop server computes it', () => {
    const expected = createHmac('sha256', SECRET).update('c-1001').digest('hex');
    expect(webchatIdentityHash('c-1001', SECRET)).toBe(expected);
    expect(isValidIdentityHash('c-1001', expected, SECRET)).toBe(true);
    expect(isValidIdentityHash('c-1001', expected.toUpperCase(), SECRET)).toBe(true);
    expect(webchatIdentityHash('陳小美', SECRET)).toBe(createHmac('sha256', SECRET).update(Buffer.from('陳小美', 'utf8')).digest('hex'));
  });

  it('refuses another id, another secret, a changed digit and anything not 64 hex digits', () => {
    const hash = webchatIdentityHash('c-1001', SECRET);
    expect(isValidIdentityHash('c-1002', hash, SECRET)).toBe(false);
    expect(isValidIdentityHash('c-1001', webchatIdentityHash('c-1001', 'another-secret-0123456789'), SECRET)).toBe(false);
    expect(isValidIdentityHash('c-1001', `${hash.slice(0, 63)}${hash[63] === '0' ? '1' : '0'}`, SECRET)).toBe(false);
    for (const bad of ['', hash.slice(0, 62), `${hash}00`, `${hash.slice(0, 63)}g`, ' '.repeat(64)]) {
      expect(isValidIdentityHash('c-1001', bad, SECRET)).toBe(false);
    }
  });
});

describe('per-minute window counter', () => {
  it('allows `limit` actions per key per window, then refuses until the window ends', () => {
    let now = 0;
    const counter = createWindowCounter({ limit: 2, windowMs: 60_000, now: () => now });
    expect([counter.take('a'), counter.take('a'), counter.take('a'), counter.take('b')]).toEqual([true, true, false, true]);
    now = 59_999;
    expect(counter.take('a')).toBe(false);
    now = 60_000;
    expect(counter.take('a')).toBe(true);
  });

  it('forgets ended windows on sweep and tracks a bounded number of keys', () => {
    let now = 0;
    const counter = createWindowCounter({ limit: 1, windowMs: 1000, now: () => now, maxKeys: 3 });
    for (const key of ['a', 'b', 'c', 'd']) counter.take(key);
    expect(counter.trackedKeys()).toBe(3);
    now = 1000;
    counter.sweep();
    expect(counter.trackedKeys()).toBe(0);
  });
});

describe('visitor handshake', () => {
  const handshake = (origin: string | undefined, auth: unknown, address = '203.0.113.5') => ({
    handshake: { address, auth, headers: origin === undefined ? {} : { origin } },
  });
  const deps = (limit = 100) => ({
    allowedOrigins: new Set(['https://shop.example']),
    connectsPerIp: createWindowCounter({ limit, windowMs: 60_000, now: () => 0 }),
  });
  const check = (origin: string | undefined, auth: unknown, d = deps()) =>
    checkVisitorHandshake(handshake(origin, auth) as unknown as Parameters<typeof checkVisitorHandshake>[0], d);

  it('admits an allowed origin with protocol 1 and a visitor id', () => {
    expect(check('https://shop.example', { protocol: 1, visitorId: VISITOR_ID })).toEqual({
      ok: true,
      visitor: { visitorId: VISITOR_ID, address: '203.0.113.5' },
    });
  });

  it('refuses other origins (and none), other protocols and malformed auth with the protocol codes', () => {
    const auth = { protocol: 1, visitorId: VISITOR_ID };
    expect(check('https://evil.example', auth)).toEqual({ ok: false, error: 'origin_not_allowed' });
    expect(check('https://shop.example.evil.example', auth)).toEqual({ ok: false, error: 'origin_not_allowed' });
    expect(check('http://shop.example', auth)).toEqual({ ok: false, error: 'origin_not_allowed' });
    expect(check(undefined, auth)).toEqual({ ok: false, error: 'origin_not_allowed' });
    expect(check('https://shop.example', { protocol: 2, visitorId: VISITOR_ID })).toEqual({ ok: false, error: 'protocol_unsupported' });
    for (const bad of [undefined, null, 'x', { protocol: 1 }, { protocol: 1, visitorId: 'short' }, { protocol: 1, visitorId: `${VISITOR_ID}<>` }, { protocol: '1', visitorId: VISITOR_ID }]) {
      expect(check('https://shop.example', bad)).toEqual({ ok: false, error: 'bad_handshake' });
    }
  });

  it('caps connection attempts per address, refused ones included', () => {
    const d = deps(2);
    expect(check('https://evil.example', {}, d)).toEqual({ ok: false, error: 'origin_not_allowed' });
    expect(check('https://shop.example', { protocol: 1, visitorId: VISITOR_ID }, d).ok).toBe(true);
    expect(check('https://shop.example', { protocol: 1, visitorId: VISITOR_ID }, d)).toEqual({ ok: false, error: 'rate_limited' });
  });
});

describe('web chat start notice', () => {
  const capture = () => {
    const lines: string[] = [];
    return { lines, logger: { info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`), error: (m: string) => lines.push(`error ${m}`) } };
  };
  const limits = { connectsPerIp: 1, messagesPerVisitor: 1, messagesPerIp: 1 };

  it('says clearly that web chat is off without WEBCHAT_ALLOWED_ORIGINS', () => {
    const { lines, logger } = capture();
    announceWebchat({ allowedOrigins: [], identitySecret: 'x'.repeat(16), limits }, logger);
    expect(lines).toEqual([expect.stringMatching(/^warn Web chat is off: WEBCHAT_ALLOWED_ORIGINS is not set/)]);
  });

  it('names the allowed sites, and warns when customers cannot be linked', () => {
    const { lines, logger } = capture();
    announceWebchat({ allowedOrigins: ['https://shop.example', 'https://www.shop.example'], identitySecret: null, limits }, logger);
    expect(lines).toEqual([
      'info Web chat is on for https://shop.example, https://www.shop.example (widget: /webchat/widget.js)',
      'warn WEBCHAT_IDENTITY_SECRET is not set: setUser is refused and every visitor stays anonymous',
    ]);
  });
});
