import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { silentLog } from '../../../src/main/core/log';
import { migrateLocalStore } from '../../../src/main/core/store/migrate';
import { getLocalRules } from '../../../src/main/core/store/rules';
import { listMessagesPage } from '../../../src/main/core/store/messages';
import { SuggestionService } from '../../../src/main/core/suggestions/suggestion-service';
import { applyEventsFrame } from '../../../src/main/core/sync/apply-events';
import { toMessageView } from '../../../src/main/core/views';
import type { NewRelayEvent, RelayEvent } from '../../../src/shared/protocol';
import type { SuggestionRule } from '../../../src/shared/suggestions';
import { conversationUpserted, messageReceived } from './support/fake-relay';

const RULES: SuggestionRule[] = [
  { id: 'shipping-fee', title: '運費與免運門檻', keywords: ['運費', '免運'], examples: ['運費怎麼算？'], reply: '滿 NT$1,200 免運喔！' },
  { id: 'store-hours', title: '門市營業時間', keywords: ['營業時間'], examples: ['門市幾點開？'], reply: '每天 11:00–21:00', autoSend: true },
];
const chen = 'U0000000000000000000000000000c4e1';
const conversationId = `line:${chen}`;

let db: Database.Database;
let seq: number;
let deferred: Array<() => void>;
let notified: string[][];
let service: SuggestionService;

function apply(events: NewRelayEvent[]) {
  const withSeq = events.map((event) => ({ ...event, seq: (seq += 1) }) as RelayEvent);
  return applyEventsFrame(db, { events: withSeq, cursor: seq }, { now: () => 1, log: silentLog });
}

function rulesUpdated(version: number, rules: SuggestionRule[], at = 10 * version): NewRelayEvent {
  return { type: 'rules.updated', occurredAt: at, payload: { version, rules, updatedBy: '店長' } };
}

beforeEach(() => {
  db = new Database(':memory:');
  migrateLocalStore(db);
  seq = 0;
  deferred = [];
  notified = [];
  service = new SuggestionService({
    db: () => db,
    log: silentLog,
    notify: (scopes) => notified.push(scopes),
    defer: (work) => deferred.push(work),
  });
});

describe('rules synced from the relay', () => {
  it('keeps the newest version only, also when an older one is replayed, and reports the rules scope', () => {
    const applied = apply([rulesUpdated(2, RULES)]);
    expect(applied.kind === 'applied' && applied.scopes).toContain('rules');
    apply([rulesUpdated(1, [])]);
    expect(getLocalRules(db)).toMatchObject({ version: 2, rules: RULES, updatedBy: '店長' });
  });

  it('marks the relay’s automatic replies', () => {
    apply([
      conversationUpserted(chen, '陳小姐', 1),
      {
        type: 'message.sent',
        conversationId,
        occurredAt: 5,
        payload: { messageId: 's1', mutationId: 'auto:m1', text: '每天 11:00–21:00', agentName: '自動回覆', delivery: 'sending', reason: null, auto: true },
      },
    ]);
    const [message] = listMessagesPage(db, { conversationId, limit: 10, before: null }).rows;
    expect(toMessageView(message!)).toMatchObject({ direction: 'out', auto: true, author: '自動回覆' });
  });
});

describe('SuggestionService', () => {
  it('says no_rules before any rules arrived', () => {
    apply([conversationUpserted(chen, '陳小姐', 1), messageReceived(chen, 'm1', '運費怎麼算？', 2)]);
    expect(service.forConversation(conversationId)).toEqual({ state: 'no_rules', messageId: 'm1', suggestions: [] });
  });

  it('builds the index off the call, then suggests for the latest customer message with the reason', () => {
    apply([rulesUpdated(1, RULES), conversationUpserted(chen, '陳小姐', 1), messageReceived(chen, 'm1', '請問運費多少錢？', 2)]);
    expect(service.forConversation(conversationId)).toEqual({ state: 'preparing', messageId: 'm1', suggestions: [] });
    expect(deferred).toHaveLength(1);
    deferred.shift()!();
    expect(notified).toEqual([['suggestions']]);

    const ready = service.forConversation(conversationId);
    expect(ready.state).toBe('ready');
    expect(ready.suggestions[0]).toMatchObject({
      ruleId: 'shipping-fee',
      title: '運費與免運門檻',
      reply: '滿 NT$1,200 免運喔！',
      matchedBy: 'keyword',
      reason: { kind: 'keyword', text: '運費', approximate: false },
    });
  });

  it('has nothing to suggest once the latest message is an answer, and rebuilds for a new rules version', () => {
    apply([rulesUpdated(1, RULES), conversationUpserted(chen, '陳小姐', 1), messageReceived(chen, 'm1', '營業時間？', 2)]);
    service.refresh();
    deferred.shift()!();
    expect(service.forConversation(conversationId).suggestions[0]?.ruleId).toBe('store-hours');

    apply([rulesUpdated(2, [RULES[0]!])]);
    service.refresh();
    expect(service.forConversation(conversationId).state).toBe('preparing');
    deferred.shift()!();
    expect(service.forConversation(conversationId)).toEqual({ state: 'ready', messageId: 'm1', suggestions: [] });

    apply([
      {
        type: 'message.sent',
        conversationId,
        occurredAt: 9,
        payload: { messageId: 's1', mutationId: 'x1', text: '11 點開門', agentName: '小美', delivery: 'sent_free', reason: null },
      },
    ]);
    expect(service.forConversation(conversationId)).toEqual({ state: 'ready', messageId: null, suggestions: [] });
  });

  it('answers a message sticker’s typed words like text; a photo after them leaves them the question, a photo alone is not one', () => {
    const sticker: NewRelayEvent = {
      type: 'message.received',
      conversationId,
      occurredAt: 3,
      payload: {
        messageId: 'st1',
        friendId: chen,
        kind: 'sticker',
        text: '運費怎麼算',
        replyTokenReceivedAt: null,
        sticker: { packageId: '789', stickerId: '10855', resourceType: 'MESSAGE', text: '運費怎麼算' },
      },
    };
    apply([rulesUpdated(1, RULES), conversationUpserted(chen, '陳小姐', 1), sticker]);
    service.refresh();
    deferred.shift()!();
    expect(service.forConversation(conversationId)).toMatchObject({ messageId: 'st1', suggestions: [{ ruleId: 'shipping-fee' }] });
    const photo = (messageId: string, occurredAt: number): NewRelayEvent => ({
      type: 'message.received',
      conversationId,
      occurredAt,
      payload: { messageId, friendId: chen, kind: 'image', text: '[圖片]', replyTokenReceivedAt: null },
    });
    apply([photo('p1', 4)]);
    expect(service.forConversation(conversationId)).toMatchObject({ messageId: 'st1', suggestions: [{ ruleId: 'shipping-fee' }] });
    apply([
      {
        type: 'message.sent',
        conversationId,
        occurredAt: 5,
        payload: { messageId: 's1', mutationId: 'x1', text: '滿 NT$1,200 免運喔！', agentName: '小美', delivery: 'sent_free', reason: null },
      },
      photo('p2', 6),
    ]);
    expect(service.forConversation(conversationId)).toEqual({ state: 'ready', messageId: null, suggestions: [] });
  });

  it('tests a typed message against an unsaved draft or the saved rules', () => {
    apply([rulesUpdated(1, RULES)]);
    expect(service.test('運費怎麼算')[0]?.ruleId).toBe('shipping-fee');
    const draft: SuggestionRule[] = [{ id: 'gift-wrap', title: '禮物包裝', keywords: ['包裝'], examples: [], reply: '可以包裝喔' }];
    expect(service.test('可以幫我包裝嗎', draft)).toEqual([
      expect.objectContaining({ ruleId: 'gift-wrap', reason: { kind: 'keyword', text: '包裝', approximate: false } }),
    ]);
    expect(service.test('你好')).toEqual([]);
  });
});
