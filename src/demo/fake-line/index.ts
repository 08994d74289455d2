export { startFakeLine } from './server';
export type { FakeLine, FakeLineContent, FakeLineOptions, FakeLineProfile, FakeLineQuota, FakeLineRequest } from './server';
export * from './rich-webhooks';
export * from './sample-media';
export { FAKE_LINE_ENDPOINTS, REPLY_TOKEN_LIFETIME_MS, RETRY_KEY_MEMORY_MS } from './routes';
export {
  FAKE_BOT_USER_ID,
  callbackBody,
  fakeLineUserId,
  fakeWebhookEventId,
  followEvent,
  postLineWebhook,
  signLineBody,
  stickerMessageEvent,
  textMessageEvent,
} from './webhooks';
export type { PostLineWebhookOptions, PostLineWebhookResult, TextMessageEventInput } from './webhooks';
