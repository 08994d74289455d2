import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { DemoData } from './demo-data';
import type { SeenReply, SimulatedChannel } from './customer-simulator';
import {
  WEBCHAT_FRAMES,
  WEBCHAT_NAMESPACE,
  WEBCHAT_PROTOCOL_VERSION,
  webchatMessageSchema,
  webchatSendAckSchema,
} from '../shared/protocol/webchat';

/**
 * The demo's web-chat visitors: each one is what the widget on the shop page does (src/shared/protocol/webchat.ts):
 * a socket on /webchat with the shop page's Origin, `send` frames with a fresh clientId, agent messages
 * arriving as `message` frames. Visitor ids are fixed, so a relaunched demo finds their conversations again.
 */
export function simulatedWebchatChannel(options: { relayUrl: string; shopOrigin: string; data: DemoData; opening: number }): SimulatedChannel {
  const sockets: Socket[] = [];
  const seen: SeenReply[] = [];
  const customers = options.data.webchat.map((visitor) => {
    const socket = io(`${options.relayUrl}${WEBCHAT_NAMESPACE}`, {
      auth: { protocol: WEBCHAT_PROTOCOL_VERSION, visitorId: visitor.visitorId },
      transports: ['websocket'],
      extraHeaders: { origin: options.shopOrigin },
      forceNew: true,
    });
    sockets.push(socket);
    socket.on(WEBCHAT_FRAMES.message, (frame: unknown) => {
      const message = webchatMessageSchema.safeParse(frame);
      if (message.success && message.data.from === 'agent') seen.push({ key: visitor.visitorId, texts: [message.data.text] });
    });
    return {
      key: visitor.visitorId,
      messages: visitor.messages,
      async write(text: string) {
        const ack = webchatSendAckSchema.parse(await socket.timeout(10_000).emitWithAck(WEBCHAT_FRAMES.send, { clientId: randomUUID(), text }));
        if (!ack.ok) throw new Error(`relay refused a demo web-chat message: ${ack.code}`);
      },
    };
  });
  return {
    customers,
    opening: options.opening,
    newReplies: () => seen.splice(0, seen.length),
    close() {
      for (const socket of sockets) socket.close();
    },
  };
}
