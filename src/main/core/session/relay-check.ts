import { io } from 'socket.io-client';
import { z } from 'zod';
import { parseRelayAddress } from '../../../shared/connection/relay-address';
import { AGENT_NAMESPACE, CONNECT_ERRORS, FRAMES, PROTOCOL_VERSION, helloFrameSchema, type HelloFrame } from '../../../shared/protocol';

const healthSchema = z.object({ ok: z.literal(true), relayId: z.string(), headSeq: z.number().int().nonnegative() });

export const RELAY_CHECK_TIMEOUT_MS = 8_000;

export type RelayCheckResult =
  | { ok: true; hello: HelloFrame }
  | { ok: false; code: 'INVALID_URL' | 'INSECURE_URL' | 'UNREACHABLE' | 'NOT_A_RELAY' | 'UNAUTHORIZED' | 'PROTOCOL'; message: string };

/** Checks that `relayUrl` is a Shop Inbox relay and that it accepts `token`, before anything is saved. */
export async function checkRelay(relayUrl: string, token: string): Promise<RelayCheckResult> {
  // Before any request: the probe below carries the token.
  const address = parseRelayAddress(relayUrl);
  if (!address.ok) return { ok: false, code: address.code, message: address.message };
  let response: Response;
  try {
    response = await fetch(`${relayUrl}/healthz`, { signal: AbortSignal.timeout(RELAY_CHECK_TIMEOUT_MS) });
  } catch {
    return { ok: false, code: 'UNREACHABLE', message: `Cannot reach the relay at ${relayUrl}` };
  }
  const health = healthSchema.safeParse(await response.json().catch(() => null));
  if (!response.ok || !health.success) {
    return { ok: false, code: 'NOT_A_RELAY', message: `${relayUrl} is not a Shop Inbox relay` };
  }
  return probeAgentToken(relayUrl, token, health.data.headSeq);
}

/** One socket.io connection with the token; `cursor` = head so the relay sends no backlog to this probe. */
function probeAgentToken(relayUrl: string, token: string, headSeq: number): Promise<RelayCheckResult> {
  return new Promise((resolve) => {
    const socket = io(`${relayUrl}${AGENT_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      timeout: RELAY_CHECK_TIMEOUT_MS,
      auth: { token, cursor: headSeq, protocol: PROTOCOL_VERSION },
    });
    const finish = (result: RelayCheckResult): void => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.disconnect();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ok: false, code: 'UNREACHABLE', message: `The relay at ${relayUrl} did not answer in time` }),
      RELAY_CHECK_TIMEOUT_MS,
    );
    socket.on(FRAMES.hello, (raw: unknown) => {
      const hello = helloFrameSchema.safeParse(raw);
      finish(
        hello.success
          ? { ok: true, hello: hello.data }
          : { ok: false, code: 'NOT_A_RELAY', message: `${relayUrl} is not a Shop Inbox relay (unreadable hello)` },
      );
    });
    socket.on('connect_error', (error: Error) => {
      if (error.message === CONNECT_ERRORS.unauthorized) {
        finish({ ok: false, code: 'UNAUTHORIZED', message: 'The relay rejected this agent token' });
      } else if (error.message === CONNECT_ERRORS.protocol) {
        finish({ ok: false, code: 'PROTOCOL', message: 'The relay does not speak this app version’s protocol. Update the app.' });
      } else {
        finish({ ok: false, code: 'UNREACHABLE', message: `Cannot reach the relay at ${relayUrl}` });
      }
    });
  });
}
