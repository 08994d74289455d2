import type { FakeLine } from './fake-line';
import { callbackBody, postLineWebhook, textMessageEvent } from './fake-line';
import type { DemoData } from './demo-data';
import type { SimulatedChannel, SeenReply } from './customer-simulator';

/** The demo's LINE friends: signed webhooks with a fresh reply token each; answers seen as reply requests. */
export function simulatedLineChannel(options: {
  relayUrl: string;
  channelSecret: string;
  /** LINE bot user id the webhooks are addressed to. */
  destination: string;
  fakeLine: FakeLine;
  data: DemoData;
  opening: number;
}): SimulatedChannel {
  const tokenOwner = new Map<string, string>(); // reply token → the user whose message carried it
  let repliesSeen = 0;
  for (const customer of options.data.customers) {
    options.fakeLine.setProfile(customer.userId, { displayName: customer.displayName, language: customer.language });
  }
  return {
    opening: options.opening,
    customers: options.data.customers.map((customer) => ({
      key: customer.userId,
      messages: customer.messages,
      async write(text) {
        const replyToken = options.fakeLine.issueReplyToken();
        tokenOwner.set(replyToken, customer.userId);
        const event = textMessageEvent({ userId: customer.userId, text, replyToken });
        const result = await postLineWebhook(options.relayUrl, options.channelSecret, callbackBody(options.destination, [event]));
        if (result.status !== 200) throw new Error(`relay answered ${result.status} to a demo LINE webhook`);
      },
    })),
    newReplies() {
      const replies = options.fakeLine.replies();
      const seen: SeenReply[] = [];
      for (const reply of replies.slice(repliesSeen)) {
        const body = reply.body as { replyToken?: unknown; messages?: { text?: string }[] };
        const key = tokenOwner.get(String(body.replyToken));
        if (key) seen.push({ key, texts: (body.messages ?? []).map((message) => message.text ?? '') });
      }
      repliesSeen = replies.length;
      return seen;
    },
  };
}
