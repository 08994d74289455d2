import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventsFrame } from '../../../src/shared/protocol';
import { AgentFeed, type FeedClient } from '../../../src/relay/sync/agent-feed';
import { openTempSqliteStore, type TempStore } from './store-fixture';

interface TestClient extends FeedClient {
  name: string;
  frames: EventsFrame[];
}

const client = (name: string): TestClient => {
  const frames: EventsFrame[] = [];
  return { name, frames, connected: true, sendEvents: (frame) => frames.push(frame) };
};

const turn = () => new Promise((resolve) => setImmediate(resolve));

const channelEvent = (n: number) => ({
  type: 'channel.event' as const,
  occurredAt: n,
  payload: { channel: 'line' as const, eventType: 'unfollow', summary: `#${n}` },
});

describe('live events to many clients', () => {
  let fixture: TempStore;
  beforeEach(async () => {
    fixture = openTempSqliteStore();
  });
  afterEach(() => fixture.dispose());

  it('builds one frame for all live clients at the same position and hands it over in one call', async () => {
    const calls: { clients: string[]; frame: EventsFrame }[] = [];
    const feed = new AgentFeed<TestClient>(fixture.store, 0, undefined, (clients, frame) =>
      calls.push({ clients: clients.map((c) => c.name), frame }),
    );
    fixture.store.onEventsAppended(() => feed.wake());
    const [a, b] = [client('a'), client('b')];
    feed.add(a, 0);
    feed.add(b, 0);
    await turn();
    await fixture.store.appendEvents([channelEvent(1), channelEvent(2)]);
    await turn();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.clients).toEqual(['a', 'b']);
    expect(calls[0]!.frame).toMatchObject({ cursor: 2, headSeq: 2, events: [{ seq: 1 }, { seq: 2 }] });
    // The next append continues from where both are, again as one frame.
    await fixture.store.appendEvents([channelEvent(3)]);
    await turn();
    expect(calls.map((call) => call.frame.cursor)).toEqual([2, 3]);
    expect(calls[1]!.frame.events.map((event) => event.seq)).toEqual([3]);
  });

  it('sends a lone live client its frame directly', async () => {
    const calls: string[][] = [];
    const feed = new AgentFeed<TestClient>(fixture.store, 0, undefined, (clients) => calls.push(clients.map((c) => c.name)));
    fixture.store.onEventsAppended(() => feed.wake());
    const a = client('a');
    feed.add(a, 0);
    await turn();
    await fixture.store.appendEvents([channelEvent(1)]);
    await turn();
    expect(a.frames.at(-1)).toMatchObject({ cursor: 1, events: [{ seq: 1 }] });
    expect(calls).toEqual([]);
  });
});

describe('a client joining while the feed reads the head for nobody', () => {
  let fixture: TempStore;
  beforeEach(async () => {
    fixture = openTempSqliteStore();
  });
  afterEach(() => fixture.dispose());

  it('still gets the events committed meanwhile (a networked store answers later than SQLite does)', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let gatedCalls = 0;
    // The feed's first head read (made while nobody is connected) is slow, as a database round trip can be.
    const store = new Proxy(fixture.store, {
      get(target, property, receiver) {
        if (property === 'headSeq' && gatedCalls === 0) {
          gatedCalls += 1;
          return async () => {
            await gate;
            return target.headSeq();
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const feed = new AgentFeed<TestClient>(store, 0);
    fixture.store.onEventsAppended(() => feed.wake());
    feed.wake();
    await turn();
    const a = client('a');
    feed.add(a, 0);
    await turn();
    await turn();
    expect(a.frames).toMatchObject([{ events: [], cursor: 0 }]);
    await fixture.store.appendEvents([channelEvent(1)]);
    await turn();
    release();
    for (let i = 0; i < 5; i += 1) await turn();
    expect(a.frames.flatMap((frame) => frame.events.map((event) => event.seq))).toEqual([1]);
  });
});

describe('a pull that arrives while a backlog is being read', () => {
  let fixture: TempStore;
  beforeEach(async () => {
    fixture = openTempSqliteStore();
  });
  afterEach(() => fixture.dispose());

  it('is answered from the position it asked for, not from where the running read ends', async () => {
    await fixture.store.appendEvents(Array.from({ length: 6 }, (_, i) => channelEvent(i + 1)));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let gated = false;
    // The connect's backlog read (after seq 4) is slow; the client's pull from seq 1 comes in meanwhile.
    const store = new Proxy(fixture.store, {
      get(target, property, receiver) {
        if (property === 'readEvents' && !gated) {
          gated = true;
          return async (after: number, limit: number) => {
            await gate;
            return target.readEvents(after, limit);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const feed = new AgentFeed<TestClient>(store, 6);
    const a = client('a');
    feed.add(a, 4);
    await turn();
    feed.catchUp(a, 1);
    release();
    for (let i = 0; i < 5; i += 1) await turn();
    const sent = a.frames.flatMap((frame) => frame.events.map((event) => event.seq));
    expect(sent).toEqual([2, 3, 4, 5, 6]);
    expect(a.frames.at(-1)).toMatchObject({ cursor: 6, headSeq: 6 });
  });
});
