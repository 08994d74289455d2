import { META_HELD_REASON, metaMessagingFor, metaSendMode } from '../../../shared/delivery/meta-window';
import type { Channel } from '../../../shared/protocol';
import type { WindowClaimDecision } from '../sqlite-window-claims';
import { lastCustomerMessageAt } from './pg-conversations';
import type { PgTx } from './pg-transaction';

/** PostgreSQL twin of sqlite-window-claims.ts decideWindowClaimSync (the rule itself is src/shared/delivery/meta-window.ts). */
export async function decideWindowClaim(
  tx: PgTx,
  conversation: { id: string; channel: Exclude<Channel, 'line'> },
  now: number,
  humanWords: boolean,
): Promise<WindowClaimDecision> {
  if (conversation.channel === 'webchat') return { kind: 'claim', claim: { kind: 'direct' } };
  const mode = metaSendMode(await lastCustomerMessageAt(tx, conversation.id), now, tx.settings.metaHumanAgentAllowed);
  if (mode.mode === 'human_agent' && !humanWords) return { kind: 'held', reason: META_HELD_REASON.closed };
  const messaging = metaMessagingFor(mode);
  if (!messaging || mode.mode === 'held') return { kind: 'held', reason: mode.mode === 'held' ? mode.reason : META_HELD_REASON.closed };
  return { kind: 'claim', claim: { kind: 'messaging_window', ...messaging } };
}
