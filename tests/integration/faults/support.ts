import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgentToken } from '../../../src/relay/auth/agent-tokens';
import { SqliteRelayStore } from '../../../src/relay/store/sqlite-relay-store';
import { RELAY_DB_FILENAME } from '../../../src/relay/store/database';
import { createCore, createMemoryCredentialStore, silentLog, type Core } from '../../../src/main/core';
import { localDatabasePath } from '../../../src/main/core/store/database';
import {
  callbackBody,
  FAKE_BOT_USER_ID,
  fakeLineMessageId,
  fakeLineUserId,
  imageMessageEvent,
  postLineWebhook,
  samplePng,
  textMessageEvent,
  type FakeLine,
} from '../../../src/demo/fake-line';
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT_DIR, waitFor } from '../../support/processes';
import { sqliteStorageEnv } from '../../support/relay-backend';

export const CHANNEL_SECRET = 'fa017c0ffee5ecret0123456789abcdef';
export const CHANNEL_ACCESS_TOKEN = 'fault-test-channel-access-token';
/** Short, so replies orphaned by a kill are settled within seconds (timeout + 2 s margin). */
export const LINE_TIMEOUT_MS = 1_000;

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export { seededRandom } from '../../../scripts/lib/seeded-random';

export async function createAgentTokenIn(dataDir: string, name: string): Promise<string> {
  const store = SqliteRelayStore.open(dataDir);
  try {
    return await createAgentToken(store, { name, role: 'agent' });
  } finally {
    await store.close();
  }
}

/**
 * The relay CLI as ONE child process (Node with tsx's loader, not the tsx wrapper: a SIGKILL to the
 * wrapper would leave the real relay running), on the same data folder and port on every (re)start.
 */
export class RelayProcess {
  private child: ChildProcess | null = null;
  private output = '';
  readonly url: string;

  constructor(
    private readonly options: {
      port: number;
      dataDir: string;
      fakeLine: FakeLine;
      /** Where its store lives; default SQLite in dataDir (the fault tests read that file). */
      storage?: Record<string, string>;
      env?: Record<string, string>;
      startTimeoutMs?: number;
    },
  ) {
    this.url = `http://127.0.0.1:${options.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/relay/cli/main.ts'], {
      cwd: ROOT_DIR,
      env: {
        ...process.env,
        RELAY_PORT: String(this.options.port),
        RELAY_HOST: '127.0.0.1',
        ...(this.options.storage ?? sqliteStorageEnv(this.options.dataDir)),
        LINE_CHANNEL_SECRET: CHANNEL_SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN,
        LINE_API_BASE_URL: this.options.fakeLine.url,
        LINE_DATA_API_BASE_URL: this.options.fakeLine.url,
        RELAY_LINE_TIMEOUT_MS: String(LINE_TIMEOUT_MS),
        ...this.options.env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    this.output = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.output = (this.output + chunk).slice(-4000)));
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`relay exited (${child.exitCode}): ${this.output}`);
        const response = await fetch(`${this.url}/healthz`).catch(() => null);
        return response?.ok === true;
      },
      { timeoutMs: this.options.startTimeoutMs ?? 20_000, intervalMs: 10, what: 'the relay to answer /healthz' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- relay output ---\n${this.output}`);
    });
  }

  /** `pid` of the running relay (tests assert a restart really is a new process). */
  pid(): number | undefined {
    return this.child?.pid;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  stop(): Promise<void> {
    return this.kill('SIGTERM');
  }
}

/**
 * The desktop core as ONE child process (core-process.ts under Node with tsx's loader), so it can be
 * SIGKILLed with work still in its outbox; commands go through its IPC handler.
 */
export class CoreProcess {
  private child: ChildProcess | null = null;
  private stdout = '';
  private answered = 0;

  constructor(private readonly dataDir: string, private readonly token: string) {}

  async start(relayUrl: string): Promise<void> {
    this.stdout = '';
    this.answered = 0;
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/faults/core-process.ts'], {
      cwd: ROOT_DIR,
      env: { ...process.env, CORE_DATA_DIR: this.dataDir, RELAY_URL: relayUrl, AGENT_TOKEN: this.token },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.child = child;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    await waitFor(() => this.stdout.includes('ready\n'), { timeoutMs: 20_000, what: 'the core process to start' });
  }

  /** Runs IPC commands in order; resolves with their results once all have answered. */
  async run(commands: readonly { channel: string; input: unknown }[]): Promise<unknown[]> {
    for (const command of commands) this.child!.stdin!.write(`${JSON.stringify(command)}\n`);
    const wanted = this.answered + commands.length;
    const results = await waitFor(
      () => {
        const all = [...this.stdout.matchAll(/^result (.+)$/gm)].map((match) => JSON.parse(match[1] as string) as unknown);
        return all.length >= wanted ? all.slice(this.answered, wanted) : undefined;
      },
      { timeoutMs: 20_000, what: `${commands.length} IPC command(s) to answer` },
    );
    this.answered = wanted;
    return results;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

/** A customer message as LINE sends it; redelivered with the same ids until the relay answers 200. */
export interface CustomerMessage {
  userId: string;
  messageId: string;
  body: object;
  accepted: boolean;
}

export function customerMessage(fakeLine: FakeLine, userId: string, text: string, messageId: string): CustomerMessage {
  const event = textMessageEvent({ userId, text, messageId, replyToken: fakeLine.issueReplyToken() });
  return { userId, messageId, body: callbackBody(FAKE_BOT_USER_ID, [event]), accepted: false };
}

/** Posts every not-yet-accepted message once; a refused or dropped connection leaves it for redelivery. */
export async function deliverPending(relayUrl: string, messages: CustomerMessage[]): Promise<void> {
  for (const message of messages) {
    if (message.accepted) continue;
    const result = await postLineWebhook(relayUrl, CHANNEL_SECRET, message.body).catch(() => null);
    if (result?.status === 200) message.accepted = true;
  }
}

export async function startDesktopCore(dataDir: string, relayUrl: string, token: string): Promise<Core> {
  return createCore({ dataDir, credentials: createMemoryCredentialStore({ relayUrl, token }), log: silentLog });
}

/**
 * A customer's photo (random pixels from `seed`, so it does not compress away) that the fake LINE serves slowly —
 * 16 KiB every 150 ms, so a kill lands mid-body — and the webhook announcing it. `serveAtOnce()` makes later
 * downloads of it fast.
 */
export function slowPhotoWebhook(fakeLine: FakeLine, seed: number): { photo: Buffer; webhook: object; serveAtOnce(): void } {
  let state = seed;
  const photo = samplePng(260, 260, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return [state & 255, (state >> 8) & 255, (state >> 16) & 255];
  });
  const messageId = fakeLineMessageId();
  fakeLine.setContent(messageId, { body: photo, contentType: 'image/png', chunkDelayMs: 150 });
  return {
    photo,
    webhook: callbackBody(FAKE_BOT_USER_ID, [imageMessageEvent({ source: { type: 'user', userId: fakeLineUserId() }, messageId })]),
    serveAtOnce: () => fakeLine.setContent(messageId, { body: photo, contentType: 'image/png' }),
  };
}

/** Read-only look into a store file (desktop or relay) without disturbing its owner. */
export function readStore<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
export const relayDbFile = (dataDir: string): string => join(dataDir, RELAY_DB_FILENAME);
export const desktopDbFile = (dataDir: string): string => localDatabasePath(dataDir);

/** Texts LINE accepted in successful reply calls, with how often each arrived. */
export function deliveredReplyTexts(fakeLine: FakeLine): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of fakeLine.replies()) {
    if (request.status !== 200) continue;
    const body = request.body as { messages?: { text?: string }[] };
    for (const message of body.messages ?? []) {
      if (typeof message.text === 'string') counts.set(message.text, (counts.get(message.text) ?? 0) + 1);
    }
  }
  return counts;
}
