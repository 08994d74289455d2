import type { EventsFrame, RelayEvent } from '../../shared/protocol';
import type { RelayStore } from '../store/relay-store';

export const EVENTS_PAGE_SIZE = 500;

/** What the feed needs from a connected client (a socket.io socket in production). */
export interface FeedClient {
  readonly connected: boolean;
  sendEvents(frame: EventsFrame): void;
}

interface ClientState {
  client: FeedClient;
  /** Highest seq already sent to this client. */
  sentThrough: number;
  /** Caught up: receives live frames. False while backlog pages are being sent. */
  live: boolean;
  catchingUp: boolean;
}

/**
 * Delivers the event log to connected clients: backlog pages after a cursor, then live events.
 * Live events are read back from the log (not taken from memory), so events appended by another
 * relay process reach clients too — via `poll()` on an interval.
 */
export class AgentFeed {
  private readonly clients = new Map<FeedClient, ClientState>();
  private broadcastThrough: number;
  private draining = false;
  private drainAgain = false;

  constructor(
    private readonly store: RelayStore,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.broadcastThrough = store.headSeq();
  }

  add(client: FeedClient, cursor: number): void {
    this.clients.set(client, { client, sentThrough: cursor, live: false, catchingUp: false });
    this.catchUp(client, cursor);
  }

  remove(client: FeedClient): void {
    this.clients.delete(client);
  }

  /** Sends backlog pages after `cursor` (connect, or the client's `pull` after a gap). */
  catchUp(client: FeedClient, cursor: number): void {
    const state = this.clients.get(client);
    if (!state) return;
    state.sentThrough = cursor;
    state.live = false;
    if (state.catchingUp) return; // the running loop continues from the new position
    state.catchingUp = true;
    void this.sendBacklog(state);
  }

  private async sendBacklog(state: ClientState): Promise<void> {
    try {
      // At least one frame, even when empty: it tells the client it is caught up.
      for (;;) {
        if (!state.client.connected || this.clients.get(state.client) !== state) return;
        const page = this.store.readEvents(state.sentThrough, EVENTS_PAGE_SIZE);
        const headSeq = this.store.headSeq();
        const last = page[page.length - 1];
        const cursor = last ? last.seq : state.sentThrough;
        const more = page.length === EVENTS_PAGE_SIZE && cursor < headSeq;
        state.sentThrough = cursor;
        state.client.sendEvents({ events: page, cursor, more, headSeq });
        if (!more && cursor >= this.broadcastThrough) {
          // Read and switch in the same tick: nothing can be broadcast in between, so no gap.
          state.live = true;
          return;
        }
        // Yield between pages so one large backlog does not starve other clients.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      this.onError(error);
    } finally {
      state.catchingUp = false;
    }
  }

  /** Something was appended (here or, found by polling, in another process): push it to live clients. */
  wake(): void {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = true;
    // After the current I/O phase: webhooks answered in the same phase go out as one frame per client.
    setImmediate(() => this.drain());
  }

  poll(): void {
    if (this.store.headSeq() > this.broadcastThrough) this.wake();
  }

  private drain(): void {
    try {
      if (this.clients.size === 0) {
        // Nobody to send to: skip reading the events back; a client that connects later catches up from its cursor.
        this.broadcastThrough = Math.max(this.broadcastThrough, this.store.headSeq());
        return;
      }
      do {
        this.drainAgain = false;
        let page: RelayEvent[];
        do {
          page = this.store.readEvents(this.broadcastThrough, EVENTS_PAGE_SIZE);
          const last = page[page.length - 1];
          if (!last) break;
          this.broadcastThrough = last.seq;
          this.broadcast(page);
        } while (page.length === EVENTS_PAGE_SIZE);
      } while (this.drainAgain);
    } catch (error) {
      this.onError(error);
    } finally {
      this.draining = false;
    }
  }

  private broadcast(events: RelayEvent[]): void {
    const headSeq = this.broadcastThrough;
    for (const state of this.clients.values()) {
      if (!state.live || !state.client.connected) continue;
      const fresh = events.filter((event) => event.seq > state.sentThrough);
      const last = fresh[fresh.length - 1];
      if (!last) continue;
      state.sentThrough = last.seq;
      state.client.sendEvents({ events: fresh, cursor: last.seq, headSeq });
    }
  }
}
