import type { Channel } from '../protocol/events';

/**
 * What each channel allows for an outgoing text, and what a reply needs before it may go out.
 *
 * How text length is counted differs per platform, and counting it the platform's way matters: an emoji is
 * 2 UTF-16 code units, 1 code point and 4 UTF-8 bytes; a Chinese character is 1, 1 and 3.
 * - LINE: at most 5,000 UTF-16 code units (LINE's docs say so explicitly).
 * - Messenger: at most 2,000 "characters". Meta's docs name UTF-16 for nothing and bytes only for Instagram;
 *   the Send API takes UTF-8 JSON, in which a character is a Unicode code point. We count code points, which
 *   is also never fewer than what a person sees (a family emoji is several code points), so we do not
 *   under-count. If Meta ever counts differently, its code 100 refusal sends nothing, so nothing is lost.
 * - Instagram: at most 1,000 UTF-8 bytes (so only 333 Chinese characters).
 * - Web chat: our own widget; 5,000 code points keeps it in line with LINE for agents.
 */
export type TextLengthUnit = 'utf16_code_units' | 'code_points' | 'utf8_bytes';

/**
 * What must be true for a reply to go out free:
 * - `reply_token`: LINE's single-use token from the customer's webhook (about one minute; else a counted push);
 * - `messaging_window`: Meta's 24 h window after the customer's last message (7 days for human agents with the
 *   HUMAN_AGENT tag; see delivery/meta-window.ts), nothing at all outside it;
 * - `none`: our own web chat can always answer.
 */
export type ReplyGate = 'reply_token' | 'messaging_window' | 'none';

export interface ChannelCapabilities {
  channel: Channel;
  textLimit: number;
  textUnit: TextLengthUnit;
  replyGate: ReplyGate;
}

export const CHANNEL_CAPABILITIES: Readonly<Record<Channel, ChannelCapabilities>> = {
  line: { channel: 'line', textLimit: 5000, textUnit: 'utf16_code_units', replyGate: 'reply_token' },
  messenger: { channel: 'messenger', textLimit: 2000, textUnit: 'code_points', replyGate: 'messaging_window' },
  instagram: { channel: 'instagram', textLimit: 1000, textUnit: 'utf8_bytes', replyGate: 'messaging_window' },
  webchat: { channel: 'webchat', textLimit: 5000, textUnit: 'code_points', replyGate: 'none' },
};

/** How many UTF-16 code units one counted unit can take at most (code points: 2 for an emoji; a byte: at most 1). */
const MAX_UTF16_UNITS_PER_UNIT: Record<TextLengthUnit, number> = { utf16_code_units: 1, code_points: 2, utf8_bytes: 1 };

/**
 * The most UTF-16 code units any channel can accept in one text (10,000: web chat's 5,000 emoji). Schemas that
 * do not know the channel bound text by this; the channel's own limit is then checked with checkText.
 */
export const MAX_CHANNEL_TEXT_UTF16_UNITS = Math.max(
  ...Object.values(CHANNEL_CAPABILITIES).map(({ textLimit, textUnit }) => textLimit * MAX_UTF16_UNITS_PER_UNIT[textUnit]),
);

function codePointCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** UTF-8 length without TextEncoder (src/shared runs without DOM or Node types); a lone surrogate becomes U+FFFD, 3 bytes. */
function utf8ByteCount(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }
  return bytes;
}

export function countText(unit: TextLengthUnit, text: string): number {
  switch (unit) {
    case 'utf16_code_units':
      return text.length;
    case 'code_points':
      return codePointCount(text);
    case 'utf8_bytes':
      return utf8ByteCount(text);
  }
}

/** The length of `text` as `channel` counts it. */
export function textLength(channel: Channel, text: string): number {
  return countText(CHANNEL_CAPABILITIES[channel].textUnit, text);
}

export type TextCheck =
  | { ok: true; length: number; limit: number; unit: TextLengthUnit }
  | { ok: false; problem: 'empty' | 'too_long'; length: number; limit: number; unit: TextLengthUnit };

/** Whether `channel` accepts `text` as one text message (no platform takes an empty one). */
export function checkText(channel: Channel, text: string): TextCheck {
  const { textLimit: limit, textUnit: unit } = CHANNEL_CAPABILITIES[channel];
  const length = countText(unit, text);
  if (length === 0) return { ok: false, problem: 'empty', length, limit, unit };
  if (length > limit) return { ok: false, problem: 'too_long', length, limit, unit };
  return { ok: true, length, limit, unit };
}

const UNIT_NAME: Record<TextLengthUnit, string> = {
  utf16_code_units: 'UTF-16 code units (an emoji counts 2)',
  code_points: 'characters',
  utf8_bytes: 'UTF-8 bytes (a Chinese character counts 3, an emoji 4)',
};

const CHANNEL_NAME: Record<Channel, string> = { line: 'LINE', messenger: 'Messenger', instagram: 'Instagram', webchat: 'Web chat' };

/** An English sentence for a refused text, for error answers (the renderer shows its own zh-TW/English text). */
export function describeTextProblem(channel: Channel, check: Extract<TextCheck, { ok: false }>): string {
  if (check.problem === 'empty') return 'Reply text is empty';
  const limit = check.limit.toLocaleString('en-US');
  const length = check.length.toLocaleString('en-US');
  return `${CHANNEL_NAME[channel]} text messages are at most ${limit} ${UNIT_NAME[check.unit]}; this one is ${length}`;
}
