import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { silentLog } from '../../../src/main/core/log';
import { migrateLocalStore } from '../../../src/main/core/store/migrate';
import { migration007ChannelWindows } from '../../../src/main/core/store/migrations/007_channel_windows';
import { migration010LearnedExamples } from '../../../src/main/core/store/migrations/010_learned_examples';
import { setStoredAgent } from '../../../src/main/core/store/meta';
import { listOutbox } from '../../../src/main/core/store/outbox';
import {
  enqueueLearnedReview,
  enqueueSuggestionFeedback,
  learnedExampleViews,
  learnedForEngine,
  learnedStamp,
  settleLearningAck,
} from '../../../src/main/core/suggestions/learned-examples';
import { SuggestionService } from '../../../src/main/core/suggestions/suggestion-service';
import { applyEventsFrame } from '../../../src/main/core/sync/apply-events';
import type { NewRelayEvent, RelayEvent } from '../../../src/shared/protocol';
import type { SuggestionRule } from '../../../src/shared/suggestions';
import { conversationUpserted, messageReceived } from './support/fake-relay';

const RULES: SuggestionRule[] = [
  { id: 'returns', title: '退貨', keywords: ['退貨'], examples: ['可以退貨嗎'], reply: '7 天鑑賞期內可退貨。' },
  { id: 'shipping-fee', title: '運費', keywords: ['運費'], examples: ['運費多少'], reply: '滿 999 免運。' },
  { id: 'pets', title: '寵物友善', keywords: ['寵物'], examples: ['可以帶狗嗎'], reply: '歡迎帶寵物來門市！' },
];
const user = 'U0000000000000000000000000000a111';
const conversationId = `line:${user}`;

let db: Database.Database;
let seq: number;
let clock: number;
const now = () => clock;

function apply(events: NewRelayEvent[]) {
  const withSeq = events.map((event) => ({ ...event, seq: (seq += 1) }) as RelayEvent);
  return applyEventsFrame(db, { events: withSeq, cursor: seq }, { now, log: silentLog });
}

function feedbackEvent(feedbackId: string, messageId: string, text: string, ruleId: string, verdict: 'accepted' | 'edited' | 'rejected'): NewRelayEvent {
  return { type: 'suggestion.feedback', conversationId, occurredAt: 50, payload: { feedbackId, messageId, ruleId, verdict, text, agentName: 'Ben', clientTime: 49 } };
}

beforeEach(() => {
  db = new Database(':memory:');
  migrateLocalStore(db);
  seq = 0;
  clock = 1000;
  apply([
    conversationUpserted(user, '王小姐', 1),
    { type: 'rules.updated', occurredAt: 2, payload: { version: 1, rules: RULES, updatedBy: '店長' } },
    messageReceived(user, 'm1', '毛小孩可以一起進店嗎', 3),
  ]);
});

describe('local store migration 008 (learned examples)', () => {
  it('migrates a populated version-7 store and adds the learned examples table', () => {
    const old = new Database(':memory:');
    migrateLocalStore(old, migration007ChannelWindows.version);
    old.prepare(`INSERT INTO meta (key, value) VALUES ('cursor', '12')`).run();
    expect(migrateLocalStore(old, migration010LearnedExamples.version)).toBe(migration010LearnedExamples.version);
    expect(old.prepare(`SELECT value FROM meta WHERE key = 'cursor'`).get()).toEqual({ value: '12' });
    old.prepare(
      `INSERT INTO learned_examples (feedback_id, seq, conversation_id, message_id, rule_id, verdict, text, agent_name, occurred_at) VALUES ('f', 1, 'c', 'm', 'r', 'accepted', 't', 'a', 1)`,
    ).run();
    expect(() => old.prepare(`UPDATE learned_examples SET review = 'maybe'`).run()).toThrow(/CHECK/);
    old.close();
  });
});

describe('learning from the team on this desktop', () => {
  it('queues an agent’s own feedback offline and learns from it at once, with the customer’s text', () => {
    const stamp = learnedStamp(db);
    expect(enqueueSuggestionFeedback(db, { conversationId, messageId: 'm1', ruleId: 'returns', verdict: 'accepted' }, now)).toEqual({ ok: true });
    expect(listOutbox(db).map((row) => row.type)).toEqual(['suggestion.feedback']);
    expect(learnedForEngine(db)).toEqual([{ ruleId: 'returns', text: '毛小孩可以一起進店嗎', verdict: 'accepted' }]);
    expect(learnedStamp(db)).not.toBe(stamp);
    expect(enqueueSuggestionFeedback(db, { conversationId, messageId: 'nope', ruleId: 'returns', verdict: 'accepted' }, now)).toMatchObject({ ok: false, code: 'UNKNOWN_MESSAGE' });
  });

  it('replaces the queued copy by the relay’s event, keeps teammates’ examples and drops removed ones', () => {
    enqueueSuggestionFeedback(db, { conversationId, messageId: 'm1', ruleId: 'returns', verdict: 'accepted' }, now);
    const [row] = listOutbox(db);
    apply([feedbackEvent(row!.id, 'm1', '毛小孩可以一起進店嗎', 'returns', 'accepted'), feedbackEvent('f-ben', 'm1', '毛小孩可以一起進店嗎', 'shipping-fee', 'rejected')]);
    expect(listOutbox(db)).toEqual([]);
    expect(learnedForEngine(db)).toHaveLength(2);
    apply([{ type: 'suggestion.reviewed', occurredAt: 60, payload: { feedbackId: row!.id, decision: 'removed', agentName: 'Lea' } }]);
    expect(learnedForEngine(db)).toEqual([{ ruleId: 'shipping-fee', text: '毛小孩可以一起進店嗎', verdict: 'rejected' }]);
    expect(learnedExampleViews(db)).toMatchObject([{ feedbackId: row!.id, review: 'removed', pending: false }]);
  });

  it('lets only a lead queue a review, and shows it before the relay confirms', () => {
    apply([feedbackEvent('f1', 'm1', '毛小孩可以一起進店嗎', 'returns', 'edited')]);
    setStoredAgent(db, { name: 'Amy', role: 'agent', demo: false });
    expect(enqueueLearnedReview(db, { feedbackId: 'f1', keep: false }, now)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    setStoredAgent(db, { name: 'Lea', role: 'lead', demo: false });
    expect(enqueueLearnedReview(db, { feedbackId: 'f1', keep: false }, now)).toEqual({ ok: true });
    expect(learnedExampleViews(db)).toMatchObject([{ feedbackId: 'f1', review: 'removed', pending: true }]);
    expect(learnedForEngine(db)).toEqual([]);
  });

  it('settles the relay’s answer: accepted or refused for good removes the row, a relay failure retries', () => {
    enqueueSuggestionFeedback(db, { conversationId, messageId: 'm1', ruleId: 'returns', verdict: 'accepted' }, now);
    const [row] = listOutbox(db);
    expect(settleLearningAck(db, row!, { ok: false, code: 'INTERNAL', message: 'busy' })).toMatchObject({ kind: 'retry' });
    expect(settleLearningAck(db, row!, { ok: false, code: 'UNKNOWN_MESSAGE', message: 'gone' })).toMatchObject({ kind: 'settled' });
    expect(listOutbox(db)).toEqual([]);
  });

  it('suggestions: "not this one" takes the rule away for that message at once, and what the team sent teaches the rule', () => {
    const service = new SuggestionService({ db: () => db, log: silentLog, notify: () => undefined, defer: (work) => work() });
    service.refresh();
    const before = service.forConversation(conversationId);
    expect(before.state).toBe('ready');

    apply([messageReceived(user, 'm2', '退貨運費怎麼算', 4)]);
    expect(service.forConversation(conversationId).suggestions.map((s) => s.ruleId)).toContain('shipping-fee');
    enqueueSuggestionFeedback(db, { conversationId, messageId: 'm2', ruleId: 'shipping-fee', verdict: 'rejected' }, now);
    expect(service.forConversation(conversationId).suggestions.map((s) => s.ruleId)).not.toContain('shipping-fee');

    // A teammate answered "毛小孩可以一起進店嗎" with the pets rule: the same wording from another customer now finds it.
    apply([messageReceived(user, 'm3', '毛小孩可以一起進店嗎？', 5)]);
    expect(service.forConversation(conversationId).suggestions[0]?.ruleId).not.toBe('pets');
    apply([feedbackEvent('f-team', 'm1', '毛小孩可以一起進店嗎', 'pets', 'accepted')]);
    service.refresh();
    expect(service.forConversation(conversationId).suggestions[0]?.ruleId).toBe('pets');
    // Builds several indexes (the first one loads the dictionaries): slow on a busy machine.
  }, 120_000);
});
