import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** What the simulated platforms (fake LINE, fake Meta) read off a request and record for assertions. */
export interface FakeHttpRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (undefined when there was none, the raw text when it was not JSON). */
  body: unknown;
  /** The status the fake answered. */
  status: number;
  responseBody: unknown;
  receivedAt: number;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function parseBody(text: string): { ok: true; value: unknown } | { ok: false; raw: string } {
  if (text.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, raw: text };
  }
}

/**
 * Reads a request's body and returns its URL, method, parsed body and a `record(status, body)` that appends
 * the request with the answer the fake gave to `requests`.
 */
export async function receiveRequest(
  req: IncomingMessage,
  requests: FakeHttpRequest[],
  now: () => number,
  host: string,
): Promise<{ url: URL; method: string; parsed: ReturnType<typeof parseBody>; record(status: number, responseBody: unknown): void }> {
  const url = new URL(req.url ?? '/', `http://${host}`);
  const method = req.method ?? 'GET';
  const parsed = parseBody(await readBody(req));
  const record = (status: number, responseBody: unknown) => {
    requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: parsed.ok ? parsed.value : parsed.raw,
      status,
      responseBody,
      receivedAt: now(),
    });
  };
  return { url, method, parsed, record };
}
