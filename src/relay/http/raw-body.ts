import type { IncomingMessage } from 'node:http';

export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/** After a 413 we still drain this much so the client can read the answer; beyond it we cut the socket. */
const MAX_DISCARD_BYTES = 8 * 1024 * 1024;

export type RawBodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too_large' | 'aborted' };

/**
 * Reads the request body as raw bytes (signatures are computed over these exact bytes).
 * Stops buffering as soon as the limit is passed — a declared Content-Length over the limit is
 * refused before reading anything — and discards the rest instead of keeping it in memory.
 */
export function readRawBody(req: IncomingMessage, limit: number = MAX_WEBHOOK_BODY_BYTES): Promise<RawBodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      discardRest(req, 0);
      resolve({ ok: false, reason: 'too_large' });
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;

    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        settled = true;
        chunks.length = 0;
        req.off('data', onData);
        discardRest(req, received);
        resolve({ ok: false, reason: 'too_large' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      if (settled) return;
      settled = true;
      resolve({ ok: true, body: Buffer.concat(chunks, received) });
    });
    req.once('error', () => {
      if (settled) return;
      settled = true;
      resolve({ ok: false, reason: 'aborted' });
    });
    req.once('aborted', () => {
      if (settled) return;
      settled = true;
      resolve({ ok: false, reason: 'aborted' });
    });
  });
}

function discardRest(req: IncomingMessage, alreadyRead: number): void {
  let discarded = alreadyRead;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARD_BYTES) req.socket.destroy();
  });
  req.on('error', () => {});
  req.resume();
}
