import { describe, expect, it } from 'vitest';
import {
  webchatAuthSchema,
  webchatHistoryFrameSchema,
  webchatIdentifyFrameSchema,
  webchatSendAckSchema,
  webchatSendFrameSchema,
} from '../../../src/shared/protocol/webchat';
import { parseVisitorSend } from '../../../src/relay/channels/webchat/visitor-send-frame';
import { visitorMessagesOf } from '../../../src/relay/channels/webchat/visitor-messages';

const clientId = '0b7f2c1e-4a4b-4c1d-9e2f-3a4b5c6d7e8f';

describe('web chat visitor protocol schemas', () => {
  it('trims the text and bounds it to 1–5,000 UTF-16 units', () => {
    expect(webchatSendFrameSchema.parse({ clientId, text: '  嗨  ' }).text).toBe('嗨');
    expect(webchatSendFrameSchema.safeParse({ clientId, text: '   ' }).success).toBe(false);
    expect(webchatSendFrameSchema.safeParse({ clientId, text: 'a'.repeat(5000) }).success).toBe(true);
    expect(webchatSendFrameSchema.safeParse({ clientId, text: 'a'.repeat(5001) }).success).toBe(false);
    // An emoji is two UTF-16 units.
    expect(webchatSendFrameSchema.safeParse({ clientId, text: '😀'.repeat(2501) }).success).toBe(false);
    expect(webchatSendFrameSchema.safeParse({ clientId: 'not-a-uuid', text: 'x' }).success).toBe(false);
  });

  it('reads a send as a text or as the visitor’s upload, and refuses anything else with a clear code', () => {
    expect(parseVisitorSend({ clientId, text: ' 嗨 ' })).toEqual({ ok: true, send: { clientId, text: '嗨' } });
    expect(parseVisitorSend({ clientId, attachment: { uploadId: clientId } })).toEqual({ ok: true, send: { clientId, uploadId: clientId } });
    expect(parseVisitorSend({ clientId, attachment: { uploadId: '../etc/passwd' } })).toMatchObject({ ok: false, refusal: { code: 'INVALID' } });
    expect(parseVisitorSend({ clientId, text: 'a'.repeat(5001) })).toMatchObject({ ok: false, refusal: { code: 'TOO_LONG' } });
    // The visitor's own photo comes back to their page from /webchat/media/, an agent's from /public/media/.
    const photo = { type: 'message.received', seq: 3, conversationId: 'webchat:web:v_1', occurredAt: 9, payload: { messageId: 'wc_1', friendId: 'v_1', kind: 'image', text: '[圖片]', replyTokenReceivedAt: null, media: { url: '/media/w_0123456789abcdef0123', contentType: 'image/png', size: 5 } } } as const;
    expect(visitorMessagesOf([photo], 10)[0]!.attachment).toEqual({ kind: 'image', path: '/webchat/media/w_0123456789abcdef0123', name: 'photo', size: 5 });
    expect(webchatSendAckSchema.safeParse({ ok: true, id: 'wc_1', at: 9, attachment: { kind: 'image', path: '/webchat/media/w_0123456789abcdef0123', name: 'photo', size: 5 } }).success).toBe(true);
    expect(webchatSendAckSchema.safeParse({ ok: true, id: 'wc_1', at: 9, attachment: { kind: 'image', path: '/media/w_0123456789abcdef0123', name: 'photo', size: 5 } }).success).toBe(false);
  });

  it('needs a long, plain visitor id', () => {
    expect(webchatAuthSchema.safeParse({ protocol: 1, visitorId: 'a'.repeat(32) }).success).toBe(true);
    expect(webchatAuthSchema.safeParse({ protocol: 1, visitorId: 'a'.repeat(21) }).success).toBe(false);
    expect(webchatAuthSchema.safeParse({ protocol: 1, visitorId: 'a'.repeat(129) }).success).toBe(false);
    expect(webchatAuthSchema.safeParse({ protocol: 1, visitorId: `${'a'.repeat(30)}<>` }).success).toBe(false);
  });

  it('bounds identify fields and requires a hex HMAC', () => {
    const user = { id: 'c-1', name: 'Mei', email: 'mei@example.com', hash: 'a'.repeat(64) };
    expect(webchatIdentifyFrameSchema.safeParse(user).success).toBe(true);
    expect(webchatIdentifyFrameSchema.safeParse({ ...user, hash: undefined }).success).toBe(false);
    expect(webchatIdentifyFrameSchema.safeParse({ ...user, hash: 'g'.repeat(64) }).success).toBe(false);
    expect(webchatIdentifyFrameSchema.safeParse({ ...user, id: 'x'.repeat(129) }).success).toBe(false);
    expect(webchatIdentifyFrameSchema.safeParse({ ...user, name: 'x'.repeat(101) }).success).toBe(false);
    expect(webchatIdentifyFrameSchema.safeParse({ ...user, email: `${'x'.repeat(250)}@a.tw` }).success).toBe(false);
  });

  it('reads acknowledgements and history', () => {
    expect(webchatSendAckSchema.parse({ ok: false, code: 'RATE_LIMITED', message: 'slow down' })).toMatchObject({ code: 'RATE_LIMITED' });
    expect(webchatSendAckSchema.safeParse({ ok: false, code: 'NOPE', message: '' }).success).toBe(false);
    expect(webchatHistoryFrameSchema.safeParse({ messages: [{ id: 'm1', text: 'x', from: 'bot', at: 1 }], unread: 0 }).success).toBe(false);
  });
});
