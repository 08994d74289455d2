/**
 * A local store with 100,000 conversations and 1,000,000 messages for the query benchmarks, generated
 * with bulk inserts and cached under the OS temp folder keyed by schema version (regenerated when the
 * schema changes). One conversation is a "year of history" (20,000 messages); the rest share the remainder.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDatabasePath, openLocalDatabase } from '../../src/main/core/store/database';
import { LATEST_LOCAL_SCHEMA_VERSION } from '../../src/main/core/store/migrate';
import { seededRandom } from './stats';

export const LARGE_CONVERSATIONS = 100_000;
export const LARGE_MESSAGES = 1_000_000;
export const LONG_CONVERSATION_ID = 'line:U00000000000000000000000000000000';
export const LONG_CONVERSATION_MESSAGES = 20_000;
const START = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 24 * 3600 * 1000;

const PHRASES = [
  '請問這件碎花洋裝還有 M 號嗎？',
  '訂單什麼時候會出貨呢',
  '可以改寄 7-11 超商取貨嗎',
  '謝謝！收到了，很喜歡',
  '想退貨，尺寸不合，請問流程是？',
  '針織外套有現貨嗎',
  '運費怎麼算？滿多少免運',
  '我匯款了，末五碼 12345',
  '牛仔寬褲的腰圍是幾公分',
  '請問有發票嗎，統編 12345678',
  '您好，已為您安排出貨，物流單號稍後提供',
  '這款亞麻襯衫目前缺貨，預計下週補貨',
];

export function conversationIdFor(index: number): string {
  return `line:U${index.toString(16).padStart(32, '0')}`;
}

/** Returns the data folder holding the cached store, generating it first if needed. */
export function largeStoreDir(log: (line: string) => void = console.log): string {
  const dir = join(tmpdir(), `shop-inbox-bench-store-v${LATEST_LOCAL_SCHEMA_VERSION}`);
  if (existsSync(localDatabasePath(dir))) return dir;
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const started = Date.now();
  const db = openLocalDatabase(building);
  // Generation only: a crash just means generating again.
  db.pragma('synchronous = OFF');
  const random = seededRandom(1_000_000);
  const insertConversation = db.prepare(
    `INSERT INTO conversations (id, channel, friend_id, display_name, picture_url, last_message_at, last_message_preview,
       last_message_direction, unread_count) VALUES (?, 'line', ?, ?, NULL, ?, ?, ?, ?)`,
  );
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, server_id, conversation_id, direction, kind, text, created_at, author, delivery)
     VALUES (?, ?, ?, ?, 'text', ?, ?, ?, ?)`,
  );
  let messageNo = 0;
  const shortMessages = LARGE_MESSAGES - LONG_CONVERSATION_MESSAGES;
  const perConversation = shortMessages / (LARGE_CONVERSATIONS - 1);
  for (let c = 0; c < LARGE_CONVERSATIONS; c += 1000) {
    db.transaction(() => {
      for (let k = c; k < Math.min(c + 1000, LARGE_CONVERSATIONS); k += 1) {
        const id = conversationIdFor(k);
        const count = k === 0 ? LONG_CONVERSATION_MESSAGES : Math.round((k + 1) * perConversation) - Math.round(k * perConversation);
        const begin = START + Math.floor(random() * YEAR_MS * 0.9);
        let at = begin;
        let text = '';
        let direction: 'in' | 'out' = 'in';
        for (let m = 0; m < count; m += 1) {
          at += 1000 + Math.floor(random() * (k === 0 ? 1_500_000 : 3_600_000));
          direction = random() < 0.6 ? 'in' : 'out';
          text = `${PHRASES[Math.floor(random() * PHRASES.length)]} #${messageNo}`;
          const messageId = `m${messageNo}`;
          insertMessage.run(messageId, messageId, id, direction, text, at, direction === 'out' ? '小美' : null, direction === 'out' ? 'sent_free' : null);
          messageNo += 1;
        }
        insertConversation.run(id, id.slice(5), `客人 ${k}`, at, text, count > 0 ? direction : null, Math.floor(random() * 3));
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(building, dir);
  log(`generated ${LARGE_CONVERSATIONS.toLocaleString('en-US')} conversations / ${messageNo.toLocaleString('en-US')} messages in ${((Date.now() - started) / 1000).toFixed(1)} s (cached in ${dir})`);
  return dir;
}
