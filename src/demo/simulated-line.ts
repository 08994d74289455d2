import type { FakeLine } from './fake-line';
import { callbackBody, postLineWebhook, textMessageEvent } from './fake-line';
import { fakeLineMessageId, imageMessageEvent, locationMessageEvent, richStickerMessageEvent } from './fake-line/rich-webhooks';
import { sampleParcelPhoto } from './fake-line/sample-media';
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
  // With their first question, some friends also send what LINE customers often do: a photo of the parcel, a
  // message sticker, the pickup store's location — so the demo shows them all.
  const extraOf = (index: number, userId: string, replyToken: string): object | null => {
    const source = { type: 'user' as const, userId };
    switch (index % 4) {
      case 0: {
        const messageId = fakeLineMessageId();
        options.fakeLine.setContent(messageId, { body: sampleParcelPhoto(480, 360), contentType: 'image/png', preview: sampleParcelPhoto(240, 180) });
        return imageMessageEvent({ source, messageId, replyToken });
      }
      case 1:
        return richStickerMessageEvent({ source, text: '拜託快一點', keywords: ['please', '拜託'], replyToken });
      case 2:
        return locationMessageEvent({ source, title: '7-ELEVEN 南京復興門市', address: '台北市松山區南京東路三段 256 號', latitude: 25.0521, longitude: 121.544, replyToken });
      default:
        return null;
    }
  };
  const wroteBefore = new Set<string>();
  return {
    opening: options.opening,
    customers: options.data.customers.map((customer, index) => ({
      key: customer.userId,
      messages: customer.messages,
      async write(text) {
        const replyToken = options.fakeLine.issueReplyToken();
        tokenOwner.set(replyToken, customer.userId);
        const event = textMessageEvent({ userId: customer.userId, text, replyToken });
        const events: object[] = [event];
        if (!wroteBefore.has(customer.userId)) {
          wroteBefore.add(customer.userId);
          const extraToken = options.fakeLine.issueReplyToken();
          const extra = extraOf(index, customer.userId, extraToken);
          if (extra) {
            tokenOwner.set(extraToken, customer.userId);
            events.push({ ...extra, timestamp: event.timestamp + 1 });
          }
        }
        const result = await postLineWebhook(options.relayUrl, options.channelSecret, callbackBody(options.destination, events));
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
