import type { WebchatConfig } from '../../config';
import type { Logger } from '../../logger';

/** What the relay says about web chat when it starts: whether it is on, for which sites, and whether sign-in works. */
export function announceWebchat(config: WebchatConfig, logger: Logger): void {
  if (config.allowedOrigins.length === 0) {
    logger.warn('Web chat is off: WEBCHAT_ALLOWED_ORIGINS is not set, so every visitor socket is refused (set it to the shop\'s site, e.g. https://shop.example)');
    return;
  }
  logger.info(`Web chat is on for ${config.allowedOrigins.join(', ')} (widget: /webchat/widget.js)`);
  if (config.identitySecret === null) {
    logger.warn('WEBCHAT_IDENTITY_SECRET is not set: setUser is refused and every visitor stays anonymous');
  }
}
