import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { localSchemaVersion, migrateLocalStore } from '../../../src/main/core/store/migrate';
import { migration006Drafts } from '../../../src/main/core/store/migrations/006_drafts';
import { migration007ChannelWindows } from '../../../src/main/core/store/migrations/007_channel_windows';
import { getConversation, setMetaWindow, setWebchatVisitorOnline } from '../../../src/main/core/store/conversations';
import { getDraft } from '../../../src/main/core/store/drafts';
import { toConversationSummary } from '../../../src/main/core/views';

describe('local store migration 007 (channel windows)', () => {
  it('migrates a populated version-6 store: LINE windows stay, the other channels start with nothing known', () => {
    const db = new Database(':memory:');
    migrateLocalStore(db, migration006Drafts.version);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('cursor', '77')`).run();
    db.prepare(
      `INSERT INTO conversations (id, channel, friend_id, display_name, last_message_at, reply_window_opened_at)
       VALUES ('line:U1', 'line', 'U1', '林先生', 5, 1000), ('messenger:P:S1', 'messenger', 'S1', 'Mia', 6, NULL),
              ('webchat:web:c1', 'webchat', 'c1', '訪客', 7, NULL)`,
    ).run();
    db.prepare(`INSERT INTO drafts VALUES ('messenger:P:S1', '您好', 3)`).run();

    expect(migrateLocalStore(db, migration007ChannelWindows.version)).toBe(7);
    expect(localSchemaVersion(db)).toBe(7);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'cursor'`).get()).toEqual({ value: '77' });
    expect(getDraft(db, 'messenger:P:S1').text).toBe('您好');
    const view = (id: string) => toConversationSummary(getConversation(db, id)!, 0);
    expect(view('line:U1')).toMatchObject({ replyWindowOpenedAt: 1000, replyWindow: { gate: 'reply_token', tokenReceivedAt: 1000 } });
    expect(view('messenger:P:S1').replyWindow).toEqual({ gate: 'messaging_window', lastCustomerMessageAt: null, humanAgentAllowed: false });
    expect(view('webchat:web:c1').replyWindow).toEqual({ gate: 'none', visitorOnline: false });

    setMetaWindow(db, 'messenger:P:S1', { lastCustomerMessageAt: 9000, humanAgentAllowed: true });
    setWebchatVisitorOnline(db, 'webchat:web:c1', true);
    expect(view('messenger:P:S1').replyWindow).toEqual({ gate: 'messaging_window', lastCustomerMessageAt: 9000, humanAgentAllowed: true });
    expect(view('webchat:web:c1').replyWindow).toEqual({ gate: 'none', visitorOnline: true });
    expect(() => db.prepare(`UPDATE conversations SET webchat_visitor_online = 2 WHERE id = 'webchat:web:c1'`).run()).toThrow(/CHECK/);
    db.close();
  });
});
