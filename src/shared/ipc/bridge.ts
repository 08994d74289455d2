import { z } from 'zod';
import { ipcEventSchema } from './contract';

/**
 * Browser host only: the IPC contract carried over one WebSocket.
 * The page is served at http://127.0.0.1:PORT/ and opened as http://127.0.0.1:PORT/#secret=SECRET;
 * the fragment never reaches a server log. The renderer connects to ws://127.0.0.1:PORT/bridge and
 * sends `auth` first; the host closes the socket (code 4401) on a wrong secret or a foreign Origin.
 */
export const BRIDGE_PATH = '/bridge';
export const BRIDGE_CLOSE_UNAUTHORIZED = 4401;

export const bridgeClientMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('auth'), secret: z.string() }),
  z.object({ kind: z.literal('invoke'), id: z.number().int(), channel: z.string(), input: z.unknown() }),
]);
export type BridgeClientMessage = z.infer<typeof bridgeClientMessageSchema>;

export const bridgeServerMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }),
  /** `ok: false` carries `error` (a readable message); `ok: true` carries the channel's `output`. */
  z.object({
    kind: z.literal('result'),
    id: z.number().int(),
    ok: z.boolean(),
    output: z.unknown().optional(),
    error: z.string().optional(),
  }),
  z.object({ kind: z.literal('event'), event: ipcEventSchema }),
]);
export type BridgeServerMessage = z.infer<typeof bridgeServerMessageSchema>;
