import type { WebchatMessage } from '../shared/protocol/webchat';
import { createChatConnection, type ConnectionStatus } from './chat-connection';
import { ShopInboxChatError } from './chat-error';
import { createWidgetTranslator, type WidgetLanguage } from './i18n';
import { createMessageLog } from './message-log';
import type { RelayEndpoint } from './relay-endpoint';
import { createWidgetView } from './widget-view';
import { randomUuid } from './random-ids';
import { uploadAttachment } from './visitor-upload';
import { uploadErrorText } from './upload-errors';

/** What `on('message', cb)` gets, for the visitor's own messages once stored and for agents' as they arrive. */
export interface ChatMessageEvent {
  text: string;
  from: WebchatMessage['from'];
  at: number;
}

export interface ShopInboxChatUser {
  id: string;
  name: string;
  email?: string;
  /** hex HMAC-SHA256(id, WEBCHAT_IDENTITY_SECRET), computed on the shop's server. */
  hash?: string;
}

type Listeners = { message: (message: ChatMessageEvent) => void; error: (error: ShopInboxChatError) => void };

/** `window.ShopInboxChat` (docs/protocol.md, "Web chat (visitors)"). */
export interface ShopInboxChatApi {
  open(): void;
  close(): void;
  /** Resolves once the relay stored the message (its acknowledgement); the same as typing it and pressing Enter. */
  send(text: string): Promise<ChatMessageEvent & { id: string }>;
  setUser(user: ShopInboxChatUser): Promise<void>;
  /** Returns a function that removes the listener. */
  on<E extends keyof Listeners>(event: E, listener: Listeners[E]): () => void;
}

export interface WidgetOptions {
  endpoint: RelayEndpoint;
  visitorId: string;
  language: WidgetLanguage;
}

export function startWidget({ endpoint, visitorId, language }: WidgetOptions): ShopInboxChatApi {
  const t = createWidgetTranslator(language);
  const log = createMessageLog();
  const listeners: { [E in keyof Listeners]: Set<Listeners[E]> } = { message: new Set(), error: new Set() };
  let unread = false;

  const emit = <E extends keyof Listeners>(event: E, value: Parameters<Listeners[E]>[0]) => {
    for (const listener of listeners[event]) {
      try {
        (listener as (value: unknown) => void)(value);
      } catch (error) {
        // A shop's listener that throws must not stop the chat (or the other listeners).
        console.error('ShopInboxChat listener failed', error);
      }
    }
  };
  const announce = (message: WebchatMessage) => emit('message', { text: message.text, from: message.from, at: message.at });

  // The relay's own URL of a path: its origin and any prefix it is served under (the socket.io path's).
  const relayUrl = (path: string) => `${endpoint.origin}${endpoint.socketPath.replace(/\/socket\.io$/, '')}${path}`;
  const view = createWidgetView(t, language, {
    opened: () => markRead(),
    submitted: (text) => {
      view.setError('');
      send(text).catch((error: ShopInboxChatError) => {
        view.restoreDraft(text);
        view.setError(t('sendFailed', { reason: error.message }));
        emit('error', error);
      });
    },
    attached: (file) => {
      view.setError('');
      sendFile(file).catch((error: ShopInboxChatError) => {
        view.setError(uploadErrorText(error, t));
        emit('error', error);
      });
    },
  }, relayUrl);
  const render = () => view.showMessages(log.entries());
  const setUnread = (value: boolean) => {
    unread = value;
    view.setUnread(value);
  };
  const visible = () => view.isOpen() && document.visibilityState === 'visible';
  // Tells the relay the visitor has seen everything shown; only while they can actually see it.
  const markRead = () => {
    const newest = log.newestStoredId();
    if (!newest || !visible()) return;
    connection.read(newest);
    setUnread(false);
  };

  const STATUS_TEXT: Record<ConnectionStatus, string> = { connecting: t('connecting'), online: '', offline: t('offline'), refused: t('unavailable') };
  const connection = createChatConnection({
    endpoint,
    visitorId,
    events: {
      history(frame) {
        log.replaceWithHistory(frame.messages);
        render();
        setUnread(frame.unread > 0);
        if (unread) markRead();
      },
      message(message) {
        if (!log.addStored(message)) return;
        render();
        announce(message);
        if (message.from === 'agent') {
          setUnread(true);
          markRead();
        }
      },
      status(status, error) {
        view.setStatus(STATUS_TEXT[status]);
        if (error) emit('error', error);
      },
    },
  });
  document.addEventListener('visibilitychange', () => unread && markRead());

  const send = (text: string) => {
    let clientId = '';
    return connection
      .send(text, (id, trimmed) => {
        clientId = id;
        log.addSending(id, trimmed, Date.now());
        render();
      })
      .then(
        (message) => {
          if (log.confirm(clientId, message)) announce(message);
          render();
          return { id: message.id, text: message.text, from: message.from, at: message.at };
        },
        (error: unknown) => {
          if (clientId) log.remove(clientId);
          render();
          throw error;
        },
      );
  };

  /** A photo or file: shown as on its way while it uploads and is sent (one id for both), then as stored. */
  const sendFile = async (file: File) => {
    const clientId = randomUuid();
    log.addSending(clientId, t('uploading', { name: file.name || t('photoYours') }), Date.now());
    render();
    try {
      await uploadAttachment({ url: relayUrl, visitorId, uploadId: clientId, file });
      const message = await connection.sendAttachment(clientId, clientId);
      if (log.confirm(clientId, message)) announce(message);
    } catch (error) {
      log.remove(clientId);
      throw error;
    } finally {
      render();
    }
  };

  return Object.freeze<ShopInboxChatApi>({
    open: () => view.open(),
    close: () => view.close(),
    send: (text) => send(text),
    setUser: (user) =>
      connection.identify(user).catch((error: ShopInboxChatError) => {
        emit('error', error);
        throw error;
      }),
    on(event, listener) {
      if (!(event in listeners)) throw new ShopInboxChatError('INVALID', `ShopInboxChat.on: unknown event "${String(event)}" (use "message" or "error")`);
      const set = listeners[event] as Set<typeof listener>;
      set.add(listener);
      return () => set.delete(listener);
    },
  });
}
