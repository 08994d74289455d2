import { readDialogueAct, readingAsksShop, type DialogueAct, type DialogueActReading } from '../suggestions/dialogue-acts';

/**
 * What one customer message means for the team's workflow, from its kind (LINE's / Meta's message type) and the
 * text the relay stored (words, or stand-ins such as 「[貼圖]」「[圖片]」 for what has no words).
 *
 * - It makes the conversation **need a reply** when its words are a question, a request or a complaint (a message
 *   sticker's typed words count), or a statement no cue reads ("燈才用三個月就一直閃": most often a problem told
 *   plainly). A sticker, or a picture / video / file without words, never does: the agent
 *   sees it, but it does not put the conversation back into 需回覆.
 * - Every customer message **reopens** a done, snoozed or waiting (pending) conversation: the customer is back.
 *   A bare thank-you reopens without needing a reply, so it shows under All and Mine but not in 需回覆.
 * - It **supersedes** a status change an agent made without seeing it (the merge rule) only when it does more than
 *   close the exchange — not thanks, an acknowledgement, a goodbye, emoji only, a sticker or spam: an offline
 *   "done" written before the customer's 「謝謝」 arrived still applies. A picture supersedes (something may be
 *   wrong), even though by itself it does not need a reply.
 */

/** Stand-ins the relay writes for what has no words: 「[貼圖]」, 「[圖片：標題]」, 「[回覆限時動態]」 … */
const STAND_IN = /\[[^\]\n]{1,120}\]/gu;

const STICKER_KINDS: ReadonlySet<string> = new Set(['sticker']);

/** The customer's own words in a message, without the relay's stand-ins (empty for media only). */
export function customerWords(text: string): string {
  return text.replace(STAND_IN, ' ').replace(/\s+/g, ' ').trim();
}

/** How a customer message's words read, or null when it has no words (a sticker, media only). */
function customerMessageReading(text: string): DialogueActReading | null {
  // A LINE message sticker carries words the customer typed on it (「我要退貨」): those are read like any text.
  const words = customerWords(text);
  return words === '' ? null : readDialogueAct(words);
}

/** The dialogue act of a customer message, or null when it has no words. */
export function customerMessageAct(kind: string, text: string): DialogueAct | null {
  return customerMessageReading(text)?.act ?? null;
}

/**
 * A greeting ("你好", "在嗎？") waits for the shop too: the customer is opening a conversation, even though there is
 * nothing to suggest for it yet. Thanks, acknowledgements, goodbyes, emoji and spam do not.
 */
export function customerMessageNeedsReply(kind: string, text: string): boolean {
  const reading = customerMessageReading(text);
  return reading !== null && (readingAsksShop(reading) || reading.act === 'greeting');
}

const CLOSES_EXCHANGE: ReadonlySet<DialogueAct> = new Set(['thanks', 'acknowledgement', 'closing', 'emoji_only', 'spam']);

export function customerMessageSupersedesStatus(kind: string, text: string): boolean {
  const act = customerMessageAct(kind, text);
  if (act === null && STICKER_KINDS.has(kind)) return false;
  // Media without words counts: a photo after "done" is usually a problem being shown.
  return act === null || !CLOSES_EXCHANGE.has(act);
}
