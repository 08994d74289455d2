/**
 * Local store at scale: 100,000 conversations / 1,000,000 messages (large-store.ts). Times the real query
 * functions for the first inbox page and a conversation page (p50/p95), compares keyset paging deep in
 * the list with OFFSET paging at the same depth (the naive way), and measures a cold app start to the
 * first inbox page in a fresh process (cold-start-child.ts).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { localDatabasePath } from '../../src/main/core/store/database';
import { listInboxPage } from '../../src/main/core/store/conversations';
import { listMessagesPage } from '../../src/main/core/store/messages';
import { searchMessages } from '../../src/main/core/store/search';
import { conversationIdFor, LARGE_CONVERSATIONS, largeStoreDir, LONG_CONVERSATION_ID } from './large-store';
import { goal, heading, ms, nowMs, seededRandom, summarize } from './stats';

const ROOT = resolve(__dirname, '..', '..');
const PAGE = 50;
const ROUNDS = 300;

function time(rounds: number, work: (round: number) => void): ReturnType<typeof summarize> {
  for (let i = 0; i < 20; i += 1) work(i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const started = nowMs();
    work(i);
    samples.push(nowMs() - started);
  }
  return summarize(samples);
}

function line(label: string, stats: ReturnType<typeof summarize>, goalMs?: number): void {
  const target = goalMs === undefined ? '' : `  (goal < ${goalMs} ms: ${goal(stats.p95 < goalMs)})`;
  console.log(`${label}: p50 ${ms(stats.p50)}  p95 ${ms(stats.p95)}  max ${ms(stats.max)}${target}`);
}

export function runLocalStoreBench(): void {
  heading('local store: 100,000 conversations / 1,000,000 messages');
  const dir = largeStoreDir();
  const db = new Database(localDatabasePath(dir), { readonly: true });
  try {
    const random = seededRandom(77);
    const inbox = time(ROUNDS, () => listInboxPage(db, { limit: PAGE, before: null }));
    line(`first inbox page (${PAGE} rows, incl. total count)`, inbox, 5);

    const conversations = Array.from({ length: ROUNDS + 20 }, () => conversationIdFor(1 + Math.floor(random() * (LARGE_CONVERSATIONS - 1))));
    const conversation = time(ROUNDS, (i) => listMessagesPage(db, { conversationId: conversations[i]!, limit: PAGE, before: null }));
    line(`conversation page, typical conversation`, conversation, 5);
    const long = time(ROUNDS, () => listMessagesPage(db, { conversationId: LONG_CONVERSATION_ID, limit: PAGE, before: null }));
    line(`conversation page, 20,000-message conversation`, long, 5);

    // Deep paging: the page after 20,000 conversations / 15,000 messages, keyset vs OFFSET at the same depth.
    const depthRow = db
      .prepare('SELECT last_message_at, id FROM conversations ORDER BY last_message_at DESC, id DESC LIMIT 1 OFFSET 19999')
      .get() as { last_message_at: number; id: string };
    const keysetInbox = time(50, () => listInboxPage(db, { limit: PAGE, before: { lastMessageAt: depthRow.last_message_at, id: depthRow.id } }));
    const offsetInboxQuery = db.prepare('SELECT * FROM conversations ORDER BY last_message_at DESC, id DESC LIMIT ? OFFSET 20000');
    const offsetInbox = time(50, () => offsetInboxQuery.all(PAGE));
    line('inbox page at depth 20,000, keyset', keysetInbox);
    line('inbox page at depth 20,000, OFFSET', offsetInbox);
    console.log(`ratio OFFSET/keyset at depth: ${(offsetInbox.p50 / keysetInbox.p50).toFixed(1)}× (keyset is that much faster)`);
    const depthMessage = db
      .prepare('SELECT created_at, id FROM messages WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET 14999')
      .get(LONG_CONVERSATION_ID) as { created_at: number; id: string };
    const keysetMessages = time(50, () =>
      listMessagesPage(db, { conversationId: LONG_CONVERSATION_ID, limit: PAGE, before: { createdAt: depthMessage.created_at, id: depthMessage.id } }),
    );
    const offsetMessagesQuery = db.prepare(
      'SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET 15000',
    );
    const offsetMessages = time(50, () => offsetMessagesQuery.all(LONG_CONVERSATION_ID, PAGE));
    line('older messages at depth 15,000, keyset', keysetMessages);
    line('older messages at depth 15,000, OFFSET', offsetMessages);
    console.log(`ratio OFFSET/keyset at depth: ${(offsetMessages.p50 / keysetMessages.p50).toFixed(1)}×`);
    searchBench(db);
  } finally {
    db.close();
  }
  coldStart(dir);
}

/**
 * Full-text search: 3+ character queries through the trigram index (common phrases with thousands of
 * hits, and rare ones), 1–2 character queries through the bounded scan; a LIKE over all messages (what a
 * store without an index does) is the baseline for the same 3+ character queries.
 */
function searchBench(db: Database.Database): void {
  const long = ['碎花洋裝', '超商取貨', '末五碼', '亞麻襯衫', '補貨', '#123457', '#98765', '統編 1234'].filter((q) => [...q].length >= 3);
  const short = ['退貨', '運費', '缺', '喜歡', '鞋子']; // 鞋子 is in no message: the whole window is scanned
  const fts = time(100, (i) => searchMessages(db, { query: long[i % long.length]!, limit: 50 }));
  line(`search, 3+ characters (trigram FTS, 50 hits, ${long.length} queries)`, fts, 30);
  const scan = time(40, (i) => searchMessages(db, { query: short[i % short.length]!, limit: 50 }));
  line(`search, 1–2 characters (LIKE over the newest 50,000)`, scan, 30);
  const naive = db.prepare('SELECT id FROM messages WHERE text LIKE ? ORDER BY created_at DESC LIMIT 50');
  const baseline = time(8, (i) => naive.all(`%${long[i % long.length]!}%`));
  line('baseline: LIKE over all 1,000,000 messages', baseline);
  console.log(`ratio LIKE/FTS p95: ${(baseline.p95 / fts.p95).toFixed(0)}× (FTS is that much faster)`);
}

/** Three fresh processes; each opens the core on a copy of the store and reads the first inbox page. */
function coldStart(dir: string): void {
  const runs: { total: number; core: number }[] = [];
  for (let i = 0; i < 3; i += 1) {
    const child = spawnSync(resolve(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/bench/cold-start-child.ts', dir], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const match = /COLD (\S+) (\S+)/.exec(child.stdout);
    if (!match) throw new Error(`cold start run failed: ${child.stderr}`);
    runs.push({ total: Number(match[1]), core: Number(match[2]) });
  }
  const best = runs.reduce((a, b) => (a.total < b.total ? a : b));
  console.log(
    `cold start → first inbox page (core in a fresh Node process, store on disk, OS file cache warm; no Chromium paint): ` +
      `process start ${ms(best.total)} (module loading included), createCore + inbox:list ${ms(best.core)}  [best of 3: ${runs.map((r) => r.total.toFixed(0)).join(', ')} ms]`,
  );
}

if (require.main === module) runLocalStoreBench();
