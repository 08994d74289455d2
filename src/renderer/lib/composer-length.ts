import { checkText, type TextLengthUnit } from '../../shared/channels/capabilities';
import type { Channel } from '../../shared/protocol/events';

/** The counter appears once a reply has used this share of its channel's limit, so it does not distract in normal use. */
export const COUNTER_VISIBLE_SHARE = 0.8;

export interface ComposerLength {
  /** The reply's length as its channel counts it (LINE: UTF-16 code units, an emoji is 2), after trimming like the core. */
  length: number;
  limit: number;
  unit: TextLengthUnit;
  /** How much is left; negative when over. */
  remaining: number;
  counterVisible: boolean;
  tooLong: boolean;
  /** Not empty and within the limit: what the core and the relay accept. */
  canSend: boolean;
}

/** Counts the composer's text the way the conversation's channel does, so the composer blocks exactly what the core and the relay refuse. */
export function composerLength(channel: Channel, text: string): ComposerLength {
  const check = checkText(channel, text.trim());
  const tooLong = !check.ok && check.problem === 'too_long';
  return {
    length: check.length,
    limit: check.limit,
    unit: check.unit,
    remaining: check.limit - check.length,
    counterVisible: check.length >= check.limit * COUNTER_VISIBLE_SHARE,
    tooLong,
    canSend: check.ok,
  };
}
