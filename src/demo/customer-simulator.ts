import { orderDueIn, postDemoPayment } from './demo-payments';

/**
 * Simulated customers for the demo, on every channel the demo runs: they write the shop realistic questions
 * exactly as their platform would (src/demo/simulated-*.ts), and often answer when an agent replies — which
 * is what releases held replies. Every choice comes from `random`, so a seeded one makes a run repeatable.
 */

/** One customer on one channel. */
export interface SimulatedCustomer {
  /** Unique across channels (the platform's id of the customer). */
  key: string;
  /** Their scripted questions, in order; afterwards they only thank. */
  messages: readonly string[];
  write(text: string): Promise<void>;
}

/** An agent's answer seen at the platform, addressed to customer `key`. */
export interface SeenReply {
  key: string;
  texts: string[];
}

/** A platform's simulated customers and where they see the shop's answers. */
export interface SimulatedChannel {
  customers: readonly SimulatedCustomer[];
  /** How many of them write right away so the inbox is alive at once. */
  opening: number;
  /** Answers that reached customers since the last call. */
  newReplies(): SeenReply[];
  close?(): void;
}

export interface CustomerSimulatorOptions {
  relayUrl: string;
  channels: readonly SimulatedChannel[];
  thanks: readonly string[];
  /** Mean pause between spontaneous customer messages. */
  meanIntervalMs?: number;
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
  const customers = options.channels.flatMap((channel) => channel.customers);
  const byKey = new Map(customers.map((customer) => [customer.key, customer]));
  const progress = new Map<string, number>(); // key → index of the next scripted message
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  let sent = 0;

  const later = (ms: number, task: () => Promise<void> | void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) void Promise.resolve(task()).catch((error) => options.log?.(`demo customer: ${String(error)}`));
    }, ms);
    timers.add(timer);
  };

  const nextText = (customer: SimulatedCustomer): string => {
    const index = progress.get(customer.key) ?? 0;
    progress.set(customer.key, index + 1);
    if (index < customer.messages.length) return customer.messages[index]!;
    return options.thanks[Math.floor(random() * options.thanks.length)]!;
  };

  const write = async (customer: SimulatedCustomer, text: string = nextText(customer)): Promise<void> => {
    await customer.write(text);
    sent += 1;
  };

  /** Customers who still have questions are more likely to write. */
  const pickCustomer = (): SimulatedCustomer => {
    const curious = customers.filter((c) => (progress.get(c.key) ?? 0) < c.messages.length);
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
  const maybePay = (customer: SimulatedCustomer, texts: readonly string[]): boolean => {
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
      for (const channel of options.channels) {
        for (const reply of channel.newReplies()) {
          const customer = byKey.get(reply.key);
          if (!customer || maybePay(customer, reply.texts)) continue;
          if (random() < 0.6) later(3_000 + random() * 5_000, () => write(customer));
        }
      }
      watchReplies();
    });
  };

  // Channels take turns in the opening burst, so every channel shows in the inbox within seconds.
  const opening = options.channels.flatMap((channel) => channel.customers.slice(0, channel.opening).map((customer, index) => ({ customer, index })));
  opening
    .sort((a, b) => a.index - b.index)
    .forEach(({ customer }, order) => later(150 * order, () => write(customer)));
  spontaneous();
  watchReplies();

  return {
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const channel of options.channels) channel.close?.();
    },
    get sent() {
      return sent;
    },
  };
}
