import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { EMPTY_CATALOG } from '../../../src/shared/catalog/catalog-schema';
import {
  handshakeAuthSchema,
  mutationEnvelopeSchema,
  mutationSchema,
  presenceFrameSchema,
  pullFrameSchema,
  segmentQuerySchema,
} from '../../../src/shared/protocol';
import { describeZodError } from '../../../src/relay/channels/line/callback-schema';

const HUGE = 'x'.repeat(900_000);
const cart = {
  lines: [{ sku: 'TS-001', variantId: 'TS-001-WH-M', name: '純棉圓領T', variantLabel: '白 / M', unitPrice: 590, quantity: 2 }],
  shipping: { method: 'home', storeName: null, address: '台北市信義路五段7號', fee: 100, freeShippingThreshold: 1000 },
  discount: null,
  note: '請包裝',
};
const catalog = {
  ...EMPTY_CATALOG,
  products: [{ sku: 'TS-001', name: '純棉圓領T', nameEn: 'Tee', price: 590, imageUrl: 'https://x/y.png', variants: [{ id: 'V1', size: 'M', color: '白', stock: 3, price: null }], stock: null }],
};
const id = '3f0c1a9e-0000-4000-8000-000000000001';

/** One valid frame of every mutation type the relay accepts. */
const VALID_MUTATIONS: Record<string, unknown>[] = [
  { id, type: 'reply.send', payload: { conversationId: 'line:U1', text: '你好', push: false } },
  { id, type: 'reply.cancel', payload: { messageId: 'msg_1' } },
  { id, type: 'reply.edit', payload: { messageId: 'msg_1', text: '改' } },
  { id, type: 'reply.push', payload: { messageId: 'msg_1' } },
  { id, type: 'rules.save', payload: { rules: [{ id: 'a' }], baseVersion: 0 } },
  { id, type: 'tag.add', payload: { friendId: 'U1', tag: 'VIP', clientTime: 1 } },
  { id, type: 'tag.remove', payload: { friendId: 'U1', tag: 'VIP', clientTime: 1, observedAddIds: [id] } },
  { id, type: 'tag.rename', payload: { from: 'VIP', to: '貴賓', clientTime: 1 } },
  { id, type: 'tag.merge', payload: { source: 'VIP', target: '貴賓', clientTime: 1 } },
  { id, type: 'tag.delete', payload: { tag: 'VIP', clientTime: 1 } },
  { id, type: 'conversation.markRead', payload: { conversationId: 'line:U1' } },
  { id: `ord_${id}`, type: 'order.create', payload: { orderId: `ord_${id}`, conversationId: 'line:U1', cart, sendSummary: true, clientTime: 1 } },
  { id, type: 'order.setStatus', payload: { orderId: `ord_${id}`, status: 'paid', clientTime: 1 } },
  { id, type: 'order.sendSummary', payload: { orderId: `ord_${id}`, push: true, clientTime: 1 } },
  { id, type: 'catalog.save', payload: { catalog, baseVersion: 0 } },
];

/** Every path to a string or an array inside `value`. */
function leaves(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; kind: 'string' | 'array' }[] {
  if (typeof value === 'string') return [{ path, kind: 'string' }];
  if (Array.isArray(value)) return [{ path, kind: 'array' }, ...value.flatMap((item, index) => leaves(item, [...path, index]))];
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]));
  return [];
}

function replaced(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head!] = replaced(copy[head!], rest, replacement);
  return copy;
}

function expectRefusedWithoutEcho(schema: z.ZodType, frame: unknown, where: string) {
  const result = schema.safeParse(frame);
  expect(result.success, `${where} accepted`).toBe(false);
  if (!result.success) expect(describeZodError(result.error).length, where).toBeLessThan(2_000);
}

describe('inbound frames: every field is bounded', () => {
  it.each(VALID_MUTATIONS.map((frame) => [frame.type as string, frame]))('%s: the valid frame passes; any huge string or array is refused', (_type, frame) => {
    expect(mutationSchema.safeParse(frame).success).toBe(true);
    for (const leaf of leaves(frame)) {
      // rules.save's rules are checked by parseRulesFile on the relay (tests/unit/suggestions/rules-limits.test.ts).
      if (frame.type === 'rules.save' && leaf.path.length > 2) continue;
      const where = `${String(frame.type)} ${leaf.path.join('.')}`;
      // Arrays: far more items than any limit (a cart's 50 lines, a catalog's 20,000 products, 1,000 rules).
      const huge = leaf.kind === 'string' ? HUGE : Array.from({ length: 30_000 }, () => 'x');
      expectRefusedWithoutEcho(mutationSchema, replaced(frame, leaf.path, huge), where);
    }
  });

  it('bounds the envelope, handshake, pull, presence and the segment query', () => {
    expectRefusedWithoutEcho(mutationEnvelopeSchema, { id: HUGE, type: 'reply.send', payload: {} }, 'envelope id');
    expectRefusedWithoutEcho(mutationEnvelopeSchema, { id, type: HUGE, payload: {} }, 'envelope type');
    expectRefusedWithoutEcho(handshakeAuthSchema, { token: HUGE, cursor: 0, protocol: 1 }, 'token');
    expectRefusedWithoutEcho(pullFrameSchema, { cursor: 2 ** 60 }, 'cursor');
    expectRefusedWithoutEcho(presenceFrameSchema, { conversationId: HUGE, typing: true }, 'presence conversationId');
    expectRefusedWithoutEcho(segmentQuerySchema, { tags: [HUGE], mode: 'and' }, 'segment tag');
    expect(presenceFrameSchema.safeParse({ conversationId: 'line:U1', typing: true }).success).toBe(true);
  });

  it('names the field and the limit, never the value', () => {
    const result = mutationSchema.safeParse({ id, type: 'reply.send', payload: { conversationId: `${'y'.repeat(500)}`, text: 'hi' } });
    expect(result.success).toBe(false);
    if (result.success) return;
    const message = describeZodError(result.error);
    expect(message).toContain('payload.conversationId');
    expect(message).toContain('128');
    expect(message).not.toContain('yyyy');
  });
});
