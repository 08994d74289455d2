import { io, type Socket } from 'socket.io-client';
import type { WebchatHistoryFrame, WebchatIdentifyAck, WebchatMessage, WebchatSendAck } from '../../../src/shared/protocol/webchat';
import { WEBCHAT_NAMESPACE, WEBCHAT_PROTOCOL_VERSION } from '../../../src/shared/protocol/webchat';
import { waitFor } from '../../support/processes';

export const SHOP_ORIGIN = 'https://shop.example';
export const IDENTITY_SECRET = 'integration-identity-secret-0123';

/** A visitor's page as the widget speaks to the relay: a WebSocket with the page's Origin, its frames recorded. */
export interface VisitorPage {
  socket: Socket;
  histories: WebchatHistoryFrame[];
  messages: WebchatMessage[];
  send(text: string, clientId?: string): Promise<WebchatSendAck>;
  identify(user: unknown): Promise<WebchatIdentifyAck>;
  close(): void;
}

export function openVisitorPage(relayUrl: string, visitorId: string, origin = SHOP_ORIGIN): VisitorPage {
  const socket = io(`${relayUrl}${WEBCHAT_NAMESPACE}`, {
    auth: { protocol: WEBCHAT_PROTOCOL_VERSION, visitorId },
    transports: ['websocket'],
    extraHeaders: { origin },
    reconnection: false,
    forceNew: true,
  });
  const page: VisitorPage = {
    socket,
    histories: [],
    messages: [],
    send: (text, clientId = crypto.randomUUID()) => socket.timeout(5000).emitWithAck('send', { clientId, text }),
    identify: (user) => socket.timeout(5000).emitWithAck('identify', user),
    close: () => socket.close(),
  };
  socket.on('history', (frame: WebchatHistoryFrame) => page.histories.push(frame));
  socket.on('message', (message: WebchatMessage) => page.messages.push(message));
  return page;
}

/** Opens a page and waits for the relay's first history (the socket was admitted). */
export async function visitorOnline(relayUrl: string, visitorId: string): Promise<VisitorPage> {
  const page = openVisitorPage(relayUrl, visitorId);
  await waitFor(() => page.histories.length > 0, { what: 'the first history', timeoutMs: 5000 });
  return page;
}

/** The connect_error message a page gets. */
export function refusal(page: VisitorPage): Promise<string> {
  return new Promise((resolve, reject) => {
    page.socket.once('connect_error', (error: Error) => resolve(error.message));
    page.socket.once('connect', () => reject(new Error('connected although it should have been refused')));
  });
}

/** A fresh 128-bit visitor id like the widget's. */
export const newVisitorId = () => crypto.randomUUID().replaceAll('-', '');
