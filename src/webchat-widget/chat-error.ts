/**
 * What a rejected `send()` / `setUser()` and the `error` event carry: a sentence for people and a stable
 * `code` for code — the relay's refusal codes (INVALID, TOO_LONG, RATE_LIMITED, INTERNAL, IDENTITY_REJECTED),
 * OFFLINE when the relay did not answer in time, or the connect error (origin_not_allowed, …).
 */
export class ShopInboxChatError extends Error {
  override readonly name = 'ShopInboxChatError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
