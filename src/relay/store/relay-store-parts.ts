import type { RelayStore } from './relay-store';

/**
 * Which part of a relay store owns each member of `RelayStore`. Both backends are assembled from one part per
 * responsibility (`sqlite-store-*.ts`, `postgres/pg-store-*.ts`) around a core that owns the connection. Naming
 * every member here exactly once makes the build fail when the interface gains a member no part implements (the
 * `satisfies` below), lists one that it no longer has, or gives a member to two parts (a repeated key).
 */
const PART_OF_MEMBER = {
  // the connection's lifetime and this process's listeners (sqlite-store-context.ts, postgres/pg-store-context.ts)
  relayId: 'core',
  webchat: 'core',
  onEventsAppended: 'core',
  close: 'core',
  // the event log, inbound bodies of every channel, conversations and profiles
  headSeq: 'conversations',
  readEvents: 'conversations',
  appendEvents: 'conversations',
  recordInbound: 'conversations',
  getConversation: 'conversations',
  applyProfile: 'conversations',
  getProfile: 'conversations',
  lastCustomerMessageAt: 'conversations',
  // what goes out to customers: replies, pushes, auto-replies, read receipts, typing, quota, mutation ids
  beginReplySend: 'replies',
  claimHeldReplies: 'replies',
  settleReplyBatch: 'replies',
  beginReplyAction: 'replies',
  settlePush: 'replies',
  failUnconfirmedSends: 'replies',
  getMutation: 'replies',
  claimMutationId: 'replies',
  getOutboundMessage: 'replies',
  isQuotaBlocked: 'replies',
  recordQuotaPoll: 'replies',
  quotaSnapshot: 'replies',
  setPresence: 'replies',
  beginAutoReply: 'replies',
  beginMarkRead: 'replies',
  claimTypingIndicator: 'replies',
  // reply suggestions: the shop's rules and what the team taught them
  latestRulesVersion: 'suggestions',
  latestRules: 'suggestions',
  saveRules: 'suggestions',
  recordSuggestionFeedback: 'suggestions',
  reviewSuggestionFeedback: 'suggestions',
  // the quick cart: catalog, orders, payment reminders and payments
  latestCatalog: 'orders',
  saveCatalog: 'orders',
  beginOrderCreate: 'orders',
  beginOrderSendSummary: 'orders',
  setOrderStatus: 'orders',
  queueDueReminders: 'orders',
  recordPaymentNotification: 'orders',
  getOrder: 'orders',
  // tags and the segments they select
  applyTagMutation: 'tags',
  segmentMembers: 'tags',
  friendTagNames: 'tags',
  // the team: agent tokens, sessions, roster, inbox settings, workflow, the team report
  insertAgentToken: 'team',
  findAgentToken: 'team',
  findAgentTokens: 'team',
  revokeAgentTokens: 'team',
  listAgentTokens: 'team',
  applyWorkflowMutation: 'team',
  getConversationWorkflow: 'team',
  latestInboxSettings: 'team',
  saveInboxSettings: 'team',
  touchAgentSession: 'team',
  endAgentSession: 'team',
  teamMembers: 'team',
  createTokenByMutation: 'team',
  revokeTokensByMutation: 'team',
  teamReportEvents: 'team',
  // customers' media and agents' uploads
  recordUpload: 'media',
  getUpload: 'media',
  getUploadByPublicId: 'media',
  claimMediaDownload: 'media',
  finishMediaDownload: 'media',
  getMedia: 'media',
  mediaBytesStored: 'media',
  nextMediaDueAt: 'media',
} as const satisfies Record<keyof RelayStore, string>;

type PartOfMember = typeof PART_OF_MEMBER;
export type RelayStorePartName = PartOfMember[keyof PartOfMember];

/** The members of `RelayStore` that part `P` implements. */
export type RelayStorePart<P extends RelayStorePartName> = Pick<
  RelayStore,
  { [K in keyof PartOfMember]: PartOfMember[K] extends P ? K : never }[keyof PartOfMember]
>;

/** One implementation of every part: a whole store. */
export type RelayStoreParts = { [P in RelayStorePartName]: RelayStorePart<P> };

/** The store made of its parts; a backend's core may bring members beyond `RelayStore` (`Core`). */
export function assembleRelayStore<Core extends RelayStorePart<'core'>>(parts: RelayStoreParts & { core: Core }): RelayStore & Core {
  return {
    ...parts.core,
    ...parts.conversations,
    ...parts.replies,
    ...parts.suggestions,
    ...parts.orders,
    ...parts.tags,
    ...parts.team,
    ...parts.media,
  };
}
