import { describe, expect, it } from 'vitest';
import { lineCallbackSchema } from '../../../src/relay/channels/line/callback-schema';

describe('LINE callback schema', () => {
  it('accepts the Verify body and events with type and timestamp, keeping unknown fields', () => {
    expect(lineCallbackSchema.safeParse({ destination: 'U1', events: [] }).success).toBe(true);
    const parsed = lineCallbackSchema.parse({
      destination: 'U1',
      events: [{ type: 'brandNewEvent', timestamp: 1, somethingElse: { a: 1 } }],
    });
    expect(parsed.events[0]).toMatchObject({ type: 'brandNewEvent', somethingElse: { a: 1 } });
  });

  it.each([
    ['an array', []],
    ['no destination', { events: [] }],
    ['no events', { destination: 'U1' }],
    ['events not an array', { destination: 'U1', events: {} }],
    ['an event without type', { destination: 'U1', events: [{ timestamp: 1 }] }],
    ['an event without timestamp', { destination: 'U1', events: [{ type: 'message' }] }],
    ['a string timestamp', { destination: 'U1', events: [{ type: 'message', timestamp: '1' }] }],
    ['an event that is not an object', { destination: 'U1', events: ['message'] }],
  ])('rejects %s', (_label, body) => {
    expect(lineCallbackSchema.safeParse(body).success).toBe(false);
  });
});
