import { localDay } from '../billing/savings';
import { channelOfConversationId } from '../channels/conversation-id';
import type { Channel, DeliveryState, RelayEventOf } from '../protocol/events';
import { customerMessageNeedsReply } from '../workflow/customer-message';
import type { TeamReport, TeamReportRow } from './team-report-schema';

/**
 * The lead's team report, replayed from the relay's event log (pure: the same events give the same report).
 *
 * - A **reply** is an agent's `message.sent` (plain replies and order summaries); automatic answers, payment
 *   reminders and replies the page wrote in Meta's own tools (echoes) belong to no agent.
 * - **First response**: a customer message that needs a reply (customer-message.ts) starts a wait unless one is
 *   already running; the first reply written after the wait began that reaches the customer (sent free or pushed)
 *   ends it, and its author is credited with the time from the question to that delivery. A held reply has not
 *   answered until it goes out. Counted on the day the wait began.
 * - **Handled**: conversations where the agent wrote at least one reply; free / pushed: the final delivery of the
 *   agent's replies; **held expired**: replies that stayed held at least the alert time (until they went out, were
 *   cancelled, or now). Counted on the day the reply was written.
 */

export type TeamReportEvent = RelayEventOf<'message.received' | 'message.sent' | 'delivery.updated'>;

export interface TeamReportOptions {
  /** Range on the relay clock (ms), inclusive. Events before `from` only set up what was waiting. */
  from: number;
  to: number;
  timezoneOffsetMinutes: number;
  heldReplyAlertMinutes: number;
  /** For replies still held: how long they have waited so far. */
  now: number;
}

interface Reply {
  agent: string | null;
  conversationId: string;
  writtenAt: number;
  delivery: DeliveryState;
  heldSince: number | null;
  longestHeldMs: number;
  counted: boolean;
}

interface Waiting {
  needing: number[];
  lastAnsweredAt: number;
}

/** Totals of one bucket (agent × day, agent × channel, agent): sets and samples before they become a row. */
interface Bucket {
  conversations: Set<string>;
  samples: number[];
  freeReplies: number;
  pushedReplies: number;
  heldExpired: number;
}

function agentOf(event: RelayEventOf<'message.sent'>): string | null {
  const { payload } = event;
  if (payload.auto === true || payload.kind === 'payment_reminder' || payload.mutationId.startsWith('echo:')) return null;
  return payload.agentName;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

class Buckets {
  private readonly byKey = new Map<string, Bucket>();

  get(agent: string, part: string): Bucket {
    const key = `${agent}\u0000${part}`;
    let bucket = this.byKey.get(key);
    if (!bucket) {
      bucket = { conversations: new Set(), samples: [], freeReplies: 0, pushedReplies: 0, heldExpired: 0 };
      this.byKey.set(key, bucket);
    }
    return bucket;
  }

  rows(): Array<{ agent: string; part: string; row: TeamReportRow }> {
    return [...this.byKey].map(([key, bucket]) => {
      const [agent, part] = key.split('\u0000') as [string, string];
      return {
        agent,
        part,
        row: {
          agent,
          conversationsHandled: bucket.conversations.size,
          firstResponses: bucket.samples.length,
          medianFirstResponseMs: median(bucket.samples),
          freeReplies: bucket.freeReplies,
          pushedReplies: bucket.pushedReplies,
          heldExpired: bucket.heldExpired,
        },
      };
    });
  }
}

export function computeTeamReport(events: readonly TeamReportEvent[], options: TeamReportOptions): TeamReport {
  const inRange = (at: number) => at >= options.from && at <= options.to;
  const day = (at: number) => localDay(at, options.timezoneOffsetMinutes);
  const channel = (conversationId: string): Channel => channelOfConversationId(conversationId) ?? 'line';
  const alertMs = options.heldReplyAlertMinutes * 60_000;
  const totals = new Buckets();
  const days = new Buckets();
  const channels = new Buckets();
  const eachBucket = (agent: string, at: number, conversationId: string, update: (bucket: Bucket) => void) => {
    update(totals.get(agent, ''));
    update(days.get(agent, day(at)));
    update(channels.get(agent, channel(conversationId)));
  };
  const replies = new Map<string, Reply>();
  const waiting = new Map<string, Waiting>();
  const waitingOf = (conversationId: string) => {
    let state = waiting.get(conversationId);
    if (!state) {
      state = { needing: [], lastAnsweredAt: -1 };
      waiting.set(conversationId, state);
    }
    return state;
  };

  /** A reply reached the customer at `at`: it answers every question asked before it was written. */
  const delivered = (reply: Reply, at: number) => {
    const state = waitingOf(reply.conversationId);
    const since = state.needing[0];
    if (since !== undefined && since <= reply.writtenAt && reply.agent !== null && inRange(since)) {
      eachBucket(reply.agent, since, reply.conversationId, (bucket) => bucket.samples.push(at - since));
    }
    state.needing = state.needing.filter((asked) => asked > reply.writtenAt);
    state.lastAnsweredAt = Math.max(state.lastAnsweredAt, reply.writtenAt);
  };

  const moveDelivery = (reply: Reply, next: DeliveryState, at: number) => {
    if (reply.heldSince !== null && next !== 'held') {
      reply.longestHeldMs = Math.max(reply.longestHeldMs, at - reply.heldSince);
      reply.heldSince = null;
    }
    if (next === 'held' && reply.heldSince === null) reply.heldSince = at;
    const wasOut = reply.delivery === 'sent_free' || reply.delivery === 'sent_push';
    reply.delivery = next;
    if (!wasOut && (next === 'sent_free' || next === 'sent_push')) delivered(reply, at);
  };

  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  for (const event of sorted) {
    switch (event.type) {
      case 'message.received': {
        if (!customerMessageNeedsReply(event.payload.kind, event.payload.text)) break;
        const state = waitingOf(event.conversationId);
        if (event.occurredAt > state.lastAnsweredAt) state.needing.push(event.occurredAt);
        break;
      }
      case 'message.sent': {
        const agent = agentOf(event);
        const reply: Reply = {
          agent,
          conversationId: event.conversationId,
          writtenAt: event.occurredAt,
          delivery: 'sending',
          heldSince: null,
          longestHeldMs: 0,
          counted: agent !== null && inRange(event.occurredAt),
        };
        replies.set(event.payload.messageId, reply);
        if (reply.counted && agent !== null) eachBucket(agent, reply.writtenAt, reply.conversationId, (bucket) => bucket.conversations.add(reply.conversationId));
        moveDelivery(reply, event.payload.delivery, event.occurredAt);
        break;
      }
      case 'delivery.updated': {
        const reply = replies.get(event.payload.messageId);
        if (reply) moveDelivery(reply, event.payload.delivery, event.occurredAt);
        break;
      }
    }
  }

  for (const reply of replies.values()) {
    if (!reply.counted || reply.agent === null) continue;
    const heldMs = reply.heldSince === null ? reply.longestHeldMs : Math.max(reply.longestHeldMs, options.now - reply.heldSince);
    eachBucket(reply.agent, reply.writtenAt, reply.conversationId, (bucket) => {
      if (reply.delivery === 'sent_free') bucket.freeReplies += 1;
      if (reply.delivery === 'sent_push') bucket.pushedReplies += 1;
      if (heldMs >= alertMs && reply.delivery !== 'sent_free' && reply.delivery !== 'sent_push') bucket.heldExpired += 1;
    });
  }

  const byAgent = (a: { agent: string }, b: { agent: string }) => a.agent.localeCompare(b.agent, 'zh-Hant');
  return {
    from: day(options.from),
    to: day(options.to),
    heldReplyAlertMinutes: options.heldReplyAlertMinutes,
    agents: totals.rows().map((entry) => entry.row).sort(byAgent),
    days: days
      .rows()
      .map((entry) => ({ ...entry.row, day: entry.part }))
      .sort((a, b) => a.day.localeCompare(b.day) || byAgent(a, b)),
    channels: channels
      .rows()
      .map((entry) => ({ ...entry.row, channel: entry.part as Channel }))
      .sort((a, b) => a.channel.localeCompare(b.channel) || byAgent(a, b)),
  };
}
