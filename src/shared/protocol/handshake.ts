import { z } from 'zod';
import { PROTOCOL_VERSION } from './events';
import { LIMITS, boundedCount, boundedId } from './limits';

/** socket.io namespace and frame names; keep in sync with docs/protocol.md. */
export const AGENT_NAMESPACE = '/agent';
export const FRAMES = {
  hello: 'hello',
  events: 'events',
  pull: 'pull',
  mutate: 'mutate',
  presence: 'presence',
  /** A read answered through the acknowledgement, never stored (team report, token list): team-admin.ts. */
  request: 'request',
} as const;

/** `auth` object of the socket.io handshake. */
export const handshakeAuthSchema = z.object({
  token: boundedId('token', LIMITS.tokenLength),
  cursor: boundedCount,
  protocol: z.number().int().min(0).max(1000),
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

/** Connect-error messages (socket.io `connect_error` err.message). */
export const CONNECT_ERRORS = {
  unauthorized: 'unauthorized',
  protocol: 'protocol_unsupported',
  badHandshake: 'bad_handshake',
  /** Too many failed handshakes from this address lately: wait and try again (the token was not checked). */
  rateLimited: 'rate_limited',
} as const;

/** `pull` frame: the client asks for events after `cursor` (gap detected, or catch-up). */
export const pullFrameSchema = z.object({ cursor: boundedCount });

export { PROTOCOL_VERSION };

/**
 * `presence` frame: the agent is (or stopped) typing a reply in a conversation. The relay keeps it with an
 * expiry, so an agent who vanishes mid-sentence blocks auto-replies only briefly. conversationId null = none.
 */
export const presenceFrameSchema = z.object({
  conversationId: boundedId('conversationId').nullable(),
  typing: z.boolean(),
});
export type PresenceFrame = z.infer<typeof presenceFrameSchema>;
