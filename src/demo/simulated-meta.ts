import type { DemoData } from './demo-data';
import type { SeenReply, SimulatedChannel, SimulatedCustomer } from './customer-simulator';
import { customerMessageItem, metaWebhookBody, postMetaWebhook, type FakeMeta, type FakeMetaChannel } from './fake-meta';

/** The demo's Facebook page and Instagram professional account: fixed, so a relaunched demo keeps its conversations. */
export const DEMO_PAGE_ID = '106498375000777';
export const DEMO_INSTAGRAM_ACCOUNT_ID = '17841400000000777';

/**
 * The demo's Messenger and Instagram customers: known to the fake Meta (profile, messaging window), they
 * write through signed webhooks as Meta sends them; answers are the sends the fake Graph API accepted.
 */
export function simulatedMetaChannels(options: {
  relayUrl: string;
  appSecret: string;
  fakeMeta: FakeMeta;
  data: DemoData;
  opening: number;
}): SimulatedChannel[] {
  const { fakeMeta } = options;
  let sendsSeen = 0;
  const keys = new Set<string>();

  const customer = (channel: FakeMetaChannel, id: string, messages: readonly string[]): SimulatedCustomer => {
    keys.add(id);
    const accountId = channel === 'messenger' ? fakeMeta.pageId : DEMO_INSTAGRAM_ACCOUNT_ID;
    return {
      key: id,
      messages,
      async write(text) {
        const at = Date.now();
        fakeMeta.customerWrote(id, at);
        const body = metaWebhookBody(channel, [{ accountId, items: [customerMessageItem({ accountId, customerId: id, text, timestamp: at })] }]);
        const result = await postMetaWebhook(`${options.relayUrl}/webhooks/meta`, body, options.appSecret);
        if (result.status !== 200) throw new Error(`relay answered ${result.status} to a demo ${channel} webhook`);
      },
    };
  };

  const messenger = options.data.messenger.map((person) => {
    fakeMeta.addCustomer({ channel: 'messenger', id: person.id, lastMessageAt: null, profile: { first_name: person.firstName, last_name: person.lastName } });
    return customer('messenger', person.id, person.messages);
  });
  const instagram = options.data.instagram.map((person) => {
    fakeMeta.addCustomer({ channel: 'instagram', id: person.id, lastMessageAt: null, profile: { name: person.name, username: person.username } });
    return customer('instagram', person.id, person.messages);
  });

  // Both channels read the same list of sends: one of them drains it for both.
  const newReplies = (): SeenReply[] => {
    const sends = fakeMeta.sends();
    const seen = sends
      .slice(sendsSeen)
      .filter((send) => keys.has(send.recipientId))
      .map((send) => ({ key: send.recipientId, texts: ['text' in send.message ? send.message.text : ''] }));
    sendsSeen = sends.length;
    return seen;
  };
  return [
    { customers: messenger, opening: options.opening, newReplies },
    { customers: instagram, opening: options.opening, newReplies: () => [] },
  ];
}
