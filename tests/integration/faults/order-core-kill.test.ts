import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cartSchema } from '../../../src/shared/orders/cart-schema';
import { freePort, ROOT_DIR, waitFor } from '../../support/processes';
import { DEFAULT_TOKEN, conversationUpserted } from '../../unit/core/support/fake-relay';
import { startOrderRelayDouble, type OrderRelayDouble } from '../core/order-relay-double';
import { desktopDbFile, readStore, tempDir } from './support';

const ORDERS = 12;
const KILL_ON_CALL = 5;
const conversationId = 'line:Ukill00001';

/** The desktop core as a child process that can be SIGKILLed with orders still in its outbox. */
class OrderCoreProcess {
  private child: ChildProcess | null = null;
  private stdout = '';

  constructor(private readonly dataDir: string) {}

  async start(relayUrl: string): Promise<void> {
    this.stdout = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/faults/order-core-process.ts'], {
      cwd: ROOT_DIR,
      env: { ...process.env, CORE_DATA_DIR: this.dataDir, RELAY_URL: relayUrl, AGENT_TOKEN: DEFAULT_TOKEN },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.child = child;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    await waitFor(() => this.stdout.includes('ready\n'), { timeoutMs: 20_000, what: 'the core process to start' });
  }

  /** Creates orders through the IPC handler; resolves with their ids once all are stored. */
  async createOrders(count: number): Promise<string[]> {
    for (let i = 0; i < count; i += 1) {
      const cart = cartSchema.parse({
        lines: [{ sku: 'TS-001', variantId: null, name: '純棉短T', variantLabel: '', unitPrice: 390, quantity: i + 1 }],
        shipping: { method: 'family_mart', storeName: '台大門市', fee: 60, freeShippingThreshold: 1000 },
      });
      this.child!.stdin!.write(`${JSON.stringify({ channel: 'orders:create', input: { conversationId, cart } })}\n`);
    }
    return waitFor(
      () => {
        const results = [...this.stdout.matchAll(/^result (.+)$/gm)].map((match) => JSON.parse(match[1] as string) as { ok: boolean; orderId?: string });
        if (results.some((result) => !result.ok)) throw new Error(`an order was refused: ${this.stdout}`);
        return results.length === count ? results.map((result) => result.orderId as string) : undefined;
      },
      { timeoutMs: 20_000, what: 'the orders to be created' },
    );
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

describe('the desktop core killed while sending orders', () => {
  let double: OrderRelayDouble;
  let dataDir: string;
  let core: OrderCoreProcess;
  beforeEach(async () => {
    double = await startOrderRelayDouble();
    double.relay.append(conversationUpserted('Ukill00001', '張先生'));
    dataDir = tempDir('fault-order-core-kill-');
    core = new OrderCoreProcess(dataDir);
  });
  afterEach(async () => {
    await core.kill();
    await double.relay.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const localOrders = () =>
    readStore(desktopDbFile(dataDir), (db) => db.prepare('SELECT order_id, order_no, sync FROM orders ORDER BY created_at').all()) as {
      order_id: string;
      order_no: string | null;
      sync: string;
    }[];
  const outbox = () => readStore(desktopDbFile(dataDir), (db) => db.prepare('SELECT id FROM outbox').all()) as { id: string }[];

  it('the restarted core sends the same order ids: every order is created once and numbered once', async () => {
    // 1. Online once, so the conversation is in the local store.
    await core.start(double.relay.url);
    await waitFor(
      () => readStore(desktopDbFile(dataDir), (db) => db.prepare('SELECT 1 FROM conversations WHERE id = ?').get(conversationId)) !== undefined,
      { what: 'the conversation to sync' },
    );
    await core.kill('SIGTERM');

    // 2. Offline: orders are created (queued), then the process is killed.
    await core.start(`http://127.0.0.1:${await freePort()}`);
    const ids = await core.createOrders(ORDERS);
    await core.kill();
    expect(outbox().map((row) => row.id).sort()).toEqual([...ids].sort());
    expect(localOrders().every((row) => row.sync === 'queued' && row.order_no === null)).toBe(true);

    // 3. Back online; killed the moment the relay has applied one create whose answer never gets back.
    let killedDuring: string | null = null;
    let killed: Promise<void> | null = null;
    let calls = 0;
    double.relay.onMutate = ((original) => (call, relay) => {
      if (call.type === 'order.create' && ++calls === KILL_ON_CALL) {
        double.loseAnswer = () => {
          double.loseAnswer = null;
          killedDuring = call.id;
          killed = core.kill();
        };
      }
      return original(call, relay);
    })(double.relay.onMutate);
    await core.start(double.relay.url);
    await waitFor(() => killed !== null, { intervalMs: 5, what: 'the kill mid-flush' });
    await killed;
    expect(outbox().length).toBeGreaterThan(0);
    expect(ids).toContain(killedDuring);

    // 4. Restarted: the rest goes out, the interrupted create again under its own id.
    await core.start(double.relay.url);
    await waitFor(() => outbox().length === 0 && localOrders().every((row) => row.sync === 'synced'), { timeoutMs: 30_000, what: 'every order to be numbered' });

    const createIds = double.createCalls().map((call) => call.id);
    expect(new Set(createIds)).toEqual(new Set(ids));
    expect(createIds.filter((id) => id === killedDuring).length).toBeGreaterThanOrEqual(2); // sent again after the kill
    expect(double.orders.size).toBe(ORDERS); // …and still created once
    expect(double.relay.events.filter((event) => event.type === 'order.created')).toHaveLength(ORDERS);
    const local = localOrders();
    expect(local.map((row) => row.order_id)).toEqual(ids); // no duplicates, creation order kept
    expect(local.map((row) => row.order_no)).toEqual(ids.map((id) => double.orders.get(id)?.orderNo));
    expect(new Set(local.map((row) => row.order_no)).size).toBe(ORDERS);
    console.info(`core killed with ${ORDERS} orders queued and again during create ${KILL_ON_CALL}; ${createIds.length} create calls made ${double.orders.size} orders`);
  }, 90_000);
});
