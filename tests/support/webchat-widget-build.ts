import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { WEBCHAT_WIDGET_FILE } from '../../src/relay/http/webchat-widget';
import { ROOT_DIR } from './processes';

/** Normally `npm run build` ran first; builds just the widget (about a second) when it did not. */
export async function ensureWebchatWidgetBuilt(): Promise<string> {
  if (!existsSync(WEBCHAT_WIDGET_FILE)) {
    const { build } = await import('vite');
    await build({ configFile: resolve(ROOT_DIR, 'webchat-widget.vite.config.ts'), logLevel: 'warn' });
  }
  return WEBCHAT_WIDGET_FILE;
}
