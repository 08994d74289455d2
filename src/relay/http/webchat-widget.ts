import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { sendError } from './json-response';

/** The built widget (webchat-widget.vite.config.ts writes it there during `npm run build`). */
export const WEBCHAT_WIDGET_FILE = resolve(__dirname, '..', '..', '..', 'out', 'webchat', 'widget.js');

/**
 * `GET /webchat/widget.js`: the script a shop embeds on its own pages, so any origin may load it; the socket
 * it opens is checked against WEBCHAT_ALLOWED_ORIGINS instead. Read per request (it is small) so a rebuild
 * shows without restarting the relay; browsers keep it five minutes.
 */
export async function handleWebchatWidget(req: IncomingMessage, res: ServerResponse, file: string = WEBCHAT_WIDGET_FILE): Promise<void> {
  let script: Buffer;
  try {
    script = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return sendError(res, 503, 'The web chat widget is not built on this relay: run npm run build', { 'retry-after': '60' });
  }
  res.writeHead(200, {
    'content-type': 'text/javascript; charset=utf-8',
    'content-length': script.byteLength,
    'cache-control': 'public, max-age=300',
    'access-control-allow-origin': '*',
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : script);
}
