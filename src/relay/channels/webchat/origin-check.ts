/**
 * The visitor socket's `Origin` header must be one of WEBCHAT_ALLOWED_ORIGINS exactly (browsers always send it
 * on a WebSocket handshake and pages cannot forge it). A missing header — a script, not a browser page — is
 * refused too: web chat is for the shop's pages only.
 */
export function isAllowedOrigin(origin: string | undefined, allowedOrigins: ReadonlySet<string>): boolean {
  return origin !== undefined && allowedOrigins.has(origin);
}
