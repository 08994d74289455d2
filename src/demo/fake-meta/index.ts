export { startFakeMeta } from './server';
export type { FakeMeta, FakeMetaCustomerInput, FakeMetaOptions, FakeMetaRequest, FakeMetaRoute } from './server';
export { FAKE_META_ERRORS } from './graph-errors';
export type { FakeGraphAnswer } from './graph-errors';
export { META_HUMAN_AGENT_WINDOW_MS, META_STANDARD_WINDOW_MS } from './routes';
export type { FakeMetaChannel, FakeMetaCustomer, FakeMetaProfile, FakeMetaSend } from './routes';
export {
  customerMessageItem,
  deletedItem,
  deliveryItem,
  echoItem,
  fakeMetaId,
  fakeMid,
  metaWebhookBody,
  postbackItem,
  postMetaWebhook,
  reactionItem,
  readItem,
  signedMetaRequest,
  signMetaBody,
  storyMentionItem,
} from './webhooks';
export type { FakeAttachment, FakeMetaEntry, PostMetaWebhookOptions, PostMetaWebhookResult } from './webhooks';
