import type { Socket } from 'socket.io';
import {
  WEBCHAT_CONNECT_ERRORS,
  WEBCHAT_PROTOCOL_VERSION,
  webchatAuthSchema,
  type WebchatConnectError,
} from '../../../shared/protocol/webchat';
import { isAllowedOrigin } from './origin-check';
import type { WindowCounter } from './window-counter';

export interface VisitorHandshake {
  visitorId: string;
  /** The socket's source address (rate limits). */
  address: string;
}

export type HandshakeDecision = { ok: true; visitor: VisitorHandshake } | { ok: false; error: WebchatConnectError };

/**
 * Checks a visitor's socket before it is admitted, in this order: connection attempts per address (also counts
 * refused ones, so probing is capped), the page's Origin, the protocol version, the auth shape.
 */
export function checkVisitorHandshake(
  socket: Pick<Socket, 'handshake'>,
  deps: { allowedOrigins: ReadonlySet<string>; connectsPerIp: WindowCounter },
): HandshakeDecision {
  const address = socket.handshake.address;
  if (!deps.connectsPerIp.take(address)) return { ok: false, error: WEBCHAT_CONNECT_ERRORS.rateLimited };
  if (!isAllowedOrigin(socket.handshake.headers.origin, deps.allowedOrigins)) return { ok: false, error: WEBCHAT_CONNECT_ERRORS.originNotAllowed };
  const auth: unknown = socket.handshake.auth;
  const protocol = typeof auth === 'object' && auth !== null && 'protocol' in auth ? auth.protocol : undefined;
  if (typeof protocol === 'number' && protocol !== WEBCHAT_PROTOCOL_VERSION) return { ok: false, error: WEBCHAT_CONNECT_ERRORS.protocolUnsupported };
  const parsed = webchatAuthSchema.safeParse(auth);
  if (!parsed.success) return { ok: false, error: WEBCHAT_CONNECT_ERRORS.badHandshake };
  return { ok: true, visitor: { visitorId: parsed.data.visitorId, address } };
}
