import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcOutput } from '../../../src/shared/ipc';
import { cartSchema, type Cart, type ShippingChoice } from '../../../src/shared/orders/cart-schema';
import { computeCartTotals } from '../../../src/shared/orders/cart-totals';
import { fakeLineUserId } from '../../../src/demo/fake-line';
import { startAgentLink, type AgentLink } from '../../support/agent-link';
import { freePort, waitFor } from '../../support/processes';
import { eventsOfType, startRelayHarness, type RelayHarness } from '../relay/harness';
import { customerWrites } from '../relay/order-fixtures';
import { CoreProcess, desktopDbFile, readStore, seededRandom, tempDir } from './support';

/**
 * The desktop core (its own process) is SIGKILLed with orders in its outbox, then again right after the real
 * relay applied one of them but before the answer got back. Afterwards: one order per id, each numbered
 * once, in creation order, with the totals the core computed.
 */
const ORDERS = 12;
const KILL_ON_CREATE = 5;
const SEED = 20261126;

const SHIPPING: readonly ShippingChoice[] = [
  { method: 'family_mart', storeName: '台大門市', address: null, fee: 60, freeShippingThreshold: 1000 },
  { method: 'seven_eleven', storeName: '信義門市', address: null, fee: 60, freeShippingThreshold: 1000 },
  { method: 'home', storeName: null, address: '台北市信義路五段7號', fee: 100, freeShippingThreshold: 1500 },
];

/** Seeded carts: 1–3 lines of 1–4 pieces, any shipping, sometimes a discount. */
function randomCarts(count: number): Cart[] {
  const random = seededRandom(SEED);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  return Array.from({ length: count }, (_, i) =>
    cartSchema.parse({
      lines: Array.from({ length: int(1, 3) }, (__, line) => ({
        sku: `SKU-${i}-${line}`,
        variantId: null,
        name: `商品 ${i}-${line}`,
        variantLabel: '',
        unitPrice: int(1, 20) * 50 - 10,
        quantity: int(1, 4),
      })),
      shipping: SHIPPING[int(0, SHIPPING.length - 1)],
      discount: random() < 0.5 ? null : { kind: 'percent', value: int(5, 30) },
    }),
  );
}

describe('the desktop core killed while sending orders to the real relay', () => {
  let h: RelayHarness;
  let link: AgentLink;
  let dataDir: string;
  let core: CoreProcess;
  let conversationId: string;
  beforeEach(async () => {
    h = await startRelayHarness();
    link = await startAgentLink(() => h.relay.port);
    const userId = fakeLineUserId();
    conversationId = `line:${userId}`;
    await customerWrites(h.relay.url, h.fakeLine, userId, '我要訂一打');
    dataDir = tempDir('fault-order-core-kill-');
    core = new CoreProcess(dataDir, h.agentToken);
  });
  afterEach(async () => {
    await core.kill();
    await link.close();
    await h.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const localOrders = () =>
    readStore(desktopDbFile(dataDir), (db) => db.prepare('SELECT order_id, order_no, sync, totals_json FROM orders ORDER BY created_at, rowid').all()) as {
      order_id: string;
      order_no: string | null;
      sync: string;
      totals_json: string;
    }[];
  const outbox = () => readStore(desktopDbFile(dataDir), (db) => db.prepare('SELECT id FROM outbox').all()) as { id: string }[];

  it('the restarted core sends the same order ids: every order is created once and numbered once, in creation order', async () => {
    // 1. Online once, so the conversation is in the local store.
    await core.start(link.url);
    await waitFor(
      () => readStore(desktopDbFile(dataDir), (db) => db.prepare('SELECT 1 FROM conversations WHERE id = ?').get(conversationId)) !== undefined,
      { what: 'the conversation to sync' },
    );
    await core.kill('SIGTERM');

    // 2. Offline (nothing listens there): orders are created (queued), then the process is killed.
    await core.start(`http://127.0.0.1:${await freePort()}`);
    const carts = randomCarts(ORDERS);
    const results = (await core.run(carts.map((cart) => ({ channel: 'orders:create', input: { conversationId, cart } })))) as IpcOutput<'orders:create'>[];
    const ids = results.map((result) => {
      if (!result.ok) throw new Error(`an order was refused: ${JSON.stringify(result)}`);
      return result.orderId;
    });
    await core.kill();
    expect(outbox().map((row) => row.id).sort()).toEqual([...ids].sort());
    expect(localOrders().every((row) => row.sync === 'queued' && row.order_no === null)).toBe(true);

    // 3. Back online; the relay applies the 5th create, its answer never gets back, and the core is killed.
    let creates = 0;
    const lost = link.loseAnswersFrom((frame) => frame.type === 'order.create' && ++creates === KILL_ON_CREATE);
    await core.start(link.url);
    const interrupted = await lost;
    await waitFor(async () => await h.relay.store.getOrder(interrupted.id) ?? undefined, { what: 'the relay to apply the interrupted create' });
    await core.kill();
    expect(ids.indexOf(interrupted.id)).toBe(KILL_ON_CREATE - 1);
    expect(outbox().map((row) => row.id)).toContain(interrupted.id);

    // 4. Restarted: the rest goes out, the interrupted create again under its own id.
    await core.start(link.url);
    await waitFor(() => outbox().length === 0 && localOrders().every((row) => row.sync === 'synced'), { timeoutMs: 30_000, what: 'every order to be numbered' });

    const createIds = link.mutations().filter((frame) => frame.type === 'order.create').map((frame) => frame.id);
    expect(new Set(createIds)).toEqual(new Set(ids));
    expect(createIds.filter((id) => id === interrupted.id)).toHaveLength(2); // sent again after the kill…
    const created = eventsOfType(await h.relay.store.readEvents(0, 10_000), 'order.created');
    expect(created.map((event) => event.payload.orderId)).toEqual(ids); // …and still created once, in creation order
    const local = localOrders();
    expect(local.map((row) => row.order_id)).toEqual(ids); // no duplicates locally either
    const relayNumbers = await Promise.all(ids.map(async (id) => (await h.relay.store.getOrder(id))?.orderNo));
    expect(local.map((row) => row.order_no)).toEqual(relayNumbers);
    // Numbered once each: the day's counter runs 0001…0012 without a gap, in creation order.
    const day = local[0]!.order_no!.slice(0, -4);
    expect(local.map((row) => row.order_no)).toEqual(ids.map((_, i) => `${day}${String(i + 1).padStart(4, '0')}`));
    expect(local.map((row) => JSON.parse(row.totals_json) as unknown)).toEqual(carts.map((cart) => computeCartTotals(cart)));
    console.info(`core killed with ${ORDERS} orders queued and again during create ${KILL_ON_CREATE}; ${createIds.length} create frames made ${created.length} orders`);
  }, 90_000);
});
