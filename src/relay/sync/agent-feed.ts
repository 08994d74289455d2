import type { EventsFrame, RelayEvent } from '../../shared/protocol';
import type { RelayStore } from '../store/relay-store';

export const EVENTS_PAGE_SIZE = 500;

/** What the feed needs from a connected client (a socket.io socket in production). */
export interface FeedClient {
  readonly connected: boolean;
  sendEvents(frame: EventsFrame): void;
}

/**
 * Sends one frame to several clients. The default calls each client's sendEvents; socket.io passes one that
 * emits to the sockets' rooms, so the frame is JSON-encoded once for all of them instead of once per socket.
 */
export type SendToMany<C extends FeedClient> = (clients: readonly C[], frame: EventsFrame) => void;

interface ClientState<C extends FeedClient> {
  client: C;
  /** Highest seq already sent to this client. */
  sentThrough: number;
  /** Caught up: receives live frames. False while backlog pages are being sent. */
  live: boolean;
  catchingUp: boolean;
  /**
   * A pull that came in while a backlog loop was reading: the loop drops the page it was reading and starts
   * again from here (otherwise the page's end would overwrite the position the client asked for, and the
   * client — which does not repeat the same pull within seconds — would wait for events it never gets).
   */
  restartFrom: number | null;
}

/**
 * Delivers the event log to connected clients: backlog pages after a cursor, then live events.
 * Live events are read back from the log (not taken from memory), so events appended by another
 * relay process reach clients too — via `poll()` on an interval.
 */
export class AgentFeed<C extends FeedClient = FeedClient> {
  private readonly clients = new Map<C, ClientState<C>>();
  private broadcastThrough: number;
  private draining = false;
  private drainAgain = false;

  /** `startSeq`: the log's head when the feed starts (live broadcasting begins after it). */
  constructor(
    private readonly store: RelayStore,
    startSeq: number,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly sendToMany: SendToMany<C> = (clients, frame) => clients.forEach((client) => client.sendEvents(frame)),
  ) {
    this.broadcastThrough = startSeq;
  }

  add(client: C, cursor: number): void {
    this.clients.set(client, { client, sentThrough: cursor, live: false, catchingUp: false, restartFrom: null });
    this.catchUp(client, cursor);
  }

  remove(client: C): void {
    this.clients.delete(client);
  }

  /** Sends backlog pages after `cursor` (connect, or the client's `pull` after a gap). */
  catchUp(client: C, cursor: number): void {
    const state = this.clients.get(client);
    if (!state) return;
    state.live = false;
    if (state.catchingUp) {
      state.restartFrom = cursor; // the running loop continues from the new position
      return;
    }
    state.sentThrough = cursor;
    state.catchingUp = true;
    void this.sendBacklog(state);
  }

  private async sendBacklog(state: ClientState<C>): Promise<void> {
    try {
      // At least one frame, even when empty: it tells the client it is caught up.
      for (;;) {
        if (!state.client.connected || this.clients.get(state.client) !== state) return;
        const page = await this.store.readEvents(state.sentThrough, EVENTS_PAGE_SIZE);
        const headSeq = await this.store.headSeq();
        if (state.restartFrom !== null) {
          state.sentThrough = state.restartFrom;
          state.restartFrom = null;
          continue;
        }
        const last = page[page.length - 1];
        const cursor = last ? last.seq : state.sentThrough;
        const more = page.length === EVENTS_PAGE_SIZE && cursor < headSeq;
        state.sentThrough = cursor;
        state.client.sendEvents({ events: page, cursor, more, headSeq });
        if (!more && cursor >= this.broadcastThrough) {
          // Checked and switched in the same tick (after the reads resolved): a broadcast that advanced
          // broadcastThrough past this page meanwhile sends the loop round again, so there is no gap.
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
    setImmediate(() => void this.drain());
  }

  poll(): void {
    this.store.headSeq().then(
      (headSeq) => {
        if (headSeq > this.broadcastThrough) this.wake();
      },
      (error: unknown) => this.onError(error),
    );
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.drainAgain = false;
        if (this.clients.size === 0) {
          // Nobody to send to: skip reading the events back; a client that connects later catches up from its cursor.
          const headSeq = await this.store.headSeq();
          // Asked again after the read: a client that joined meanwhile may have gone live below this head, and
          // only a broadcast brings it the rest.
          if (this.clients.size === 0) {
            this.broadcastThrough = Math.max(this.broadcastThrough, headSeq);
            continue;
          }
        }
        let page: RelayEvent[];
        do {
          page = await this.store.readEvents(this.broadcastThrough, EVENTS_PAGE_SIZE);
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
    // Live clients are normally all at the same position: one frame (one encoding) for each position.
    const byPosition = new Map<number, ClientState<C>[]>();
    for (const state of this.clients.values()) {
      if (!state.live || !state.client.connected) continue;
      const group = byPosition.get(state.sentThrough);
      if (group) group.push(state);
      else byPosition.set(state.sentThrough, [state]);
    }
    for (const [sentThrough, states] of byPosition) {
      const fresh = events.filter((event) => event.seq > sentThrough);
      const last = fresh[fresh.length - 1];
      if (!last) continue;
      for (const state of states) state.sentThrough = last.seq;
      const frame: EventsFrame = { events: fresh, cursor: last.seq, headSeq };
      if (states.length === 1) states[0]!.client.sendEvents(frame);
      else this.sendToMany(states.map((state) => state.client), frame);
    }
  }
}
