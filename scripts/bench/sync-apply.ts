/**
 * Sync apply: 100,000 message events applied through the real apply path (applyEventsFrame: frame
 * validation, dedupe, conversation bumps, cursor — one transaction per page of 500, as the sync engine
 * does) into a real SQLite file, against a raw batched better-sqlite3 insert of the same rows into the
 * same schema. Usage: npx tsx scripts/bench/sync-apply.ts [--events N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalDatabase } from '../../src/main/core/store/database';
import { applyEventsFrame } from '../../src/main/core/sync/apply-events';
import { silentLog } from '../../src/main/core/log';
import type { RelayEvent } from '../../src/shared/protocol';
import { goal, heading, nowMs, perSecond, rate, seededRandom } from './stats';

const argValue = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const MESSAGE_EVENTS = argValue('--events', 100_000);
const CONVERSATIONS = 2_000;
const PAGE = 500;
const TEXTS = ['請問這件洋裝還有 M 號嗎？', '訂單什麼時候會出貨', '可以改寄超商取貨嗎', '謝謝！收到了', '想退貨，尺寸不合', '[貼圖]'];

function buildEvents(): RelayEvent[] {
  const random = seededRandom(4242);
  const events: RelayEvent[] = [];
  const start = Date.UTC(2025, 0, 1);
  let seq = 0;
  for (let c = 0; c < CONVERSATIONS; c += 1) {
    const friendId = `U${c.toString(16).padStart(32, '0')}`;
    events.push({
      seq: (seq += 1),
      type: 'conversation.upserted',
      conversationId: `line:${friendId}`,
      occurredAt: start + c,
      payload: { channel: 'line', friendId, displayName: `客人 ${c}`, pictureUrl: null },
    });
  }
  for (let m = 0; m < MESSAGE_EVENTS; m += 1) {
    const c = Math.floor(random() * CONVERSATIONS);
    const friendId = `U${c.toString(16).padStart(32, '0')}`;
    const at = start + 10_000 + m * 1000;
    events.push({
      seq: (seq += 1),
      type: 'message.received',
      conversationId: `line:${friendId}`,
      occurredAt: at,
      payload: {
        messageId: String(500_000_000_000 + m),
        friendId,
        kind: 'text',
        text: TEXTS[m % TEXTS.length] as string,
        replyTokenReceivedAt: at,
      },
    });
  }
  return events;
}

function pages(events: RelayEvent[]): unknown[] {
  const frames: unknown[] = [];
  const head = events[events.length - 1]?.seq ?? 0;
  for (let i = 0; i < events.length; i += PAGE) {
    const page = events.slice(i, i + PAGE);
    // Through JSON like a socket.io frame, so the apply path sees plain decoded objects.
    frames.push(JSON.parse(JSON.stringify({ events: page, cursor: page[page.length - 1]!.seq, more: i + PAGE < events.length, headSeq: head })));
  }
  return frames;
}

function benchApply(frames: unknown[], expectedMessages: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'bench-apply-'));
  const db = openLocalDatabase(dir);
  try {
    const started = nowMs();
    for (const frame of frames) {
      const outcome = applyEventsFrame(db, frame, { now: Date.now, log: silentLog });
      if (outcome.kind !== 'applied') throw new Error(`apply failed: ${JSON.stringify(outcome)}`);
    }
    const elapsed = nowMs() - started;
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number };
    if (n !== expectedMessages) throw new Error(`expected ${expectedMessages} messages, found ${n}`);
    return elapsed;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The floor: the same rows, one prepared INSERT, one transaction per 500 rows, no validation or bookkeeping. */
function benchRaw(events: RelayEvent[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'bench-raw-'));
  const db = openLocalDatabase(dir);
  try {
    const insertConversation = db.prepare(
      `INSERT INTO conversations (id, channel, friend_id, display_name, picture_url, last_message_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const insertMessage = db.prepare(
      `INSERT INTO messages (id, server_id, conversation_id, direction, kind, text, created_at) VALUES (?, ?, ?, 'in', ?, ?, ?)`,
    );
    const started = nowMs();
    for (let i = 0; i < events.length; i += PAGE) {
      const page = events.slice(i, i + PAGE);
      db.transaction(() => {
        for (const event of page) {
          if (event.type === 'conversation.upserted') {
            const p = event.payload;
            insertConversation.run(event.conversationId, p.channel, p.friendId, p.displayName, p.pictureUrl, event.occurredAt);
          } else if (event.type === 'message.received') {
            const p = event.payload;
            insertMessage.run(p.messageId, p.messageId, event.conversationId, p.kind, p.text, event.occurredAt);
          }
        }
      })();
    }
    return nowMs() - started;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function runSyncApplyBench(): void {
  heading(`sync apply: ${MESSAGE_EVENTS.toLocaleString('en-US')} message events (+${CONVERSATIONS} conversations), pages of ${PAGE}`);
  const events = buildEvents();
  const frames = pages(events);
  // Warm-up on a small slice so JIT and SQLite page cache effects do not favour the second contender.
  benchApply(pages(events.slice(0, CONVERSATIONS + 2_000)), 2_000);
  const rawMs = benchRaw(events);
  const applyMs = benchApply(frames, MESSAGE_EVENTS);
  const rawRate = perSecond(events.length, rawMs);
  const applyRate = perSecond(events.length, applyMs);
  const ratio = applyRate / rawRate;
  console.log(`raw batched insert : ${rawMs.toFixed(0)} ms  ${rate(rawRate)} events`);
  console.log(`real apply path    : ${applyMs.toFixed(0)} ms  ${rate(applyRate)} events`);
  console.log(`ratio apply/raw    : ${ratio.toFixed(2)}×  (goal ≥ 0.5×: ${goal(ratio >= 0.5)})`);
}

if (require.main === module) runSyncApplyBench();
