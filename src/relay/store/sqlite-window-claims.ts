import type Database from 'better-sqlite3';
import { META_HELD_REASON, metaMessagingFor, metaSendMode } from '../../shared/delivery/meta-window';
import type { Channel } from '../../shared/protocol';
import type { SendClaim } from './channel-store-types';
import { lastCustomerMessageAtSync } from './sqlite-conversations';

/** The channels' settings the store decides with (from the relay's configuration, given when the store opens). */
export interface ChannelSettings {
  /** META_HUMAN_AGENT=1: the page may answer with the HUMAN_AGENT tag from 24 h to 7 days after the customer wrote. */
  metaHumanAgentAllowed: boolean;
}

export const DEFAULT_CHANNEL_SETTINGS: ChannelSettings = { metaHumanAgentAllowed: false };

const settingsByDb = new WeakMap<Database.Database, ChannelSettings>();

export function setChannelSettings(db: Database.Database, settings: ChannelSettings): void {
  settingsByDb.set(db, settings);
}

export function channelSettingsOf(db: Database.Database): ChannelSettings {
  return settingsByDb.get(db) ?? DEFAULT_CHANNEL_SETTINGS;
}

export type WindowClaimDecision = { kind: 'claim'; claim: Exclude<SendClaim, { kind: 'reply_token' }> } | { kind: 'held'; reason: string };

/**
 * How a message to a Messenger, Instagram or web chat customer may go out now, by the channel's pure rule
 * (src/shared/delivery/meta-window.ts; web chat is always free). `humanWords` is false for the relay's own
 * messages (payment reminders, auto-replies): Meta allows the HUMAN_AGENT tag only for a person's words.
 * LINE is decided by its reply-token policy instead (sqlite-outbound.ts).
 */
export function decideWindowClaimSync(
  db: Database.Database,
  conversation: { id: string; channel: Exclude<Channel, 'line'> },
  now: number,
  humanWords: boolean,
): WindowClaimDecision {
  if (conversation.channel === 'webchat') return { kind: 'claim', claim: { kind: 'direct' } };
  const mode = metaSendMode(lastCustomerMessageAtSync(db, conversation.id), now, channelSettingsOf(db).metaHumanAgentAllowed);
  if (mode.mode === 'human_agent' && !humanWords) return { kind: 'held', reason: META_HELD_REASON.closed };
  const messaging = metaMessagingFor(mode);
  if (!messaging || mode.mode === 'held') return { kind: 'held', reason: mode.mode === 'held' ? mode.reason : META_HELD_REASON.closed };
  return { kind: 'claim', claim: { kind: 'messaging_window', ...messaging } };
}
