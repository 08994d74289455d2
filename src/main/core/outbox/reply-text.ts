import { checkText, describeTextProblem } from '../../../shared/channels/capabilities';
import type { Channel } from '../../../shared/protocol/events';

export type ReplyTextRefusal = { ok: false; code: 'TEXT_TOO_LONG' | 'INVALID_REPLY'; message: string };

/**
 * The conversation's channel decides how long a reply may be and how it is counted (LINE: UTF-16 code units),
 * so this is checked here, where the channel is known, before anything is queued or changed.
 */
export function refuseReplyText(channel: Channel, text: string): ReplyTextRefusal | null {
  const check = checkText(channel, text);
  if (check.ok) return null;
  return { ok: false, code: check.problem === 'too_long' ? 'TEXT_TOO_LONG' : 'INVALID_REPLY', message: describeTextProblem(channel, check) };
}
