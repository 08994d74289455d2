import type { FakeLine } from './fake-line';
import { callbackBody, postLineWebhook, textMessageEvent } from './fake-line';
import type { DemoCustomer, DemoData } from './demo-data';
import { orderDueIn, postDemoPayment } from './demo-payments';

/**
 * Simulated LINE customers for the demo: they write the shop realistic questions through signed webhooks,
 * exactly as LINE would, and often answer when an agent replies — which is what releases held replies.
 */
export interface CustomerSimulatorOptions {
  relayUrl: string;
  channelSecret: string;
  /** LINE bot user id the webhooks are addressed to. */
  destination: string;
  fakeLine: FakeLine;
  data: DemoData;
  /** Mean pause between spontaneous customer messages. */
  meanIntervalMs?: number;
  /** How many customers write right away so the inbox is alive at once. */
  openingCustomers?: number;
  random?: () => number;
  log?: (line: string) => void;
  /** The relay's PAYMENT_WEBHOOK_SECRET: customers then sometimes pay the orders they receive. */
  paymentSecret?: string;
}

export interface CustomerSimulator {
  stop(): void;
  /** Messages posted so far (for the launcher's status line and tests). */
  readonly sent: number;
}

export function startCustomerSimulator(options: CustomerSimulatorOptions): CustomerSimulator {
  const random = options.random ?? Math.random;
  const meanInterval = options.meanIntervalMs ?? 6_000;
  const progress = new Map<string, number>(); // userId → index of the next scripted message
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  let sent = 0;
  let repliesSeen = 0;
  const tokenOwner = new Map<string, DemoCustomer>(); // reply token → the customer whose message carried it

  for (const customer of options.data.customers) {
    options.fakeLine.setProfile(customer.userId, { displayName: customer.displayName, language: customer.language });
  }

  const later = (ms: number, task: () => Promise<void> | void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) void Promise.resolve(task()).catch((error) => options.log?.(`demo customer: ${String(error)}`));
    }, ms);
    timers.add(timer);
  };

  const nextText = (customer: DemoCustomer): string => {
    const index = progress.get(customer.userId) ?? 0;
    progress.set(customer.userId, index + 1);
    if (index < customer.messages.length) return customer.messages[index]!;
    return options.data.thanks[Math.floor(random() * options.data.thanks.length)]!;
  };

  const write = async (customer: DemoCustomer, text: string = nextText(customer)): Promise<void> => {
    const replyToken = options.fakeLine.issueReplyToken();
    tokenOwner.set(replyToken, customer);
    const event = textMessageEvent({ userId: customer.userId, text, replyToken });
    const result = await postLineWebhook(
      options.relayUrl,
      options.channelSecret,
      callbackBody(options.destination, [event]),
    );
    if (result.status !== 200) throw new Error(`relay answered ${result.status} to a demo webhook`);
    sent += 1;
  };

  /** Customers who still have questions are more likely to write. */
  const pickCustomer = (): DemoCustomer => {
    const customers = options.data.customers;
    const curious = customers.filter((c) => (progress.get(c.userId) ?? 0) < c.messages.length);
    const pool = curious.length > 0 && random() < 0.85 ? curious : customers;
    return pool[Math.floor(random() * pool.length)]!;
  };

  const spontaneous = (): void => {
    later(meanInterval * (0.5 + random()), async () => {
      await write(pickCustomer());
      spontaneous();
    });
  };

  /** Half the customers who get an order summary pay it a little later, then say so. */
  const maybePay = (customer: DemoCustomer, texts: readonly string[]): boolean => {
    const secret = options.paymentSecret;
    const due = texts.map(orderDueIn).find((found) => found !== null);
    if (!secret || !due || random() >= 0.5) return false;
    later(8_000 + random() * 10_000, async () => {
      const status = await postDemoPayment(options.relayUrl, secret, due);
      if (status !== 200) throw new Error(`relay answered ${status} to a demo payment of ${due.orderNo}`);
      await write(customer, '已付款囉');
    });
    return true;
  };

  /** When an agent replies, that customer often answers a few seconds later. */
  const watchReplies = (): void => {
    later(1_000, () => {
      const replies = options.fakeLine.replies();
      for (const reply of replies.slice(repliesSeen)) {
        const body = reply.body as { replyToken?: unknown; messages?: { text?: string }[] };
        const customer = tokenOwner.get(String(body.replyToken));
        if (!customer) continue;
        if (maybePay(customer, (body.messages ?? []).map((message) => message.text ?? ''))) continue;
        if (random() < 0.6) later(3_000 + random() * 5_000, () => write(customer));
      }
      repliesSeen = replies.length;
      watchReplies();
    });
  };

  const opening = options.data.customers.slice(0, options.openingCustomers ?? 8);
  opening.forEach((customer, index) => later(150 * index, () => write(customer)));
  spontaneous();
  watchReplies();

  return {
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
    get sent() {
      return sent;
    },
  };
}
