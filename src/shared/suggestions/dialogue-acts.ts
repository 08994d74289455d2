import {
  ACKNOWLEDGEMENT_ALONE,
  ASKS_OR_TROUBLED,
  BARE_TOPIC,
  ENDS_ASKING,
  ACKNOWLEDGEMENT_ENDING,
  ACKNOWLEDGEMENT_OPENING,
  ANTICIPATION_CUES,
  APPROVED_AS_IS,
  BARE_ACTION_REQUEST,
  CHANGE_REPORT_CUES,
  CHITCHAT_CUES,
  CLAUSE_BOUNDARY,
  CLOSING_CUES,
  COMMISSIVE_CUES,
  CONFIRMING_REQUEST,
  COMPLAINT_CUES,
  DEFERRING_CUES,
  GREETING_CUES,
  LINK,
  MEDIA_PLACEHOLDER,
  QUESTION_CUES,
  REPORT_OPENING,
  REQUEST_CUES,
  SELF_CORRECTION,
  SELF_STATEMENT,
  SPAM_CUES,
  THANKS_CUES,
  TROUBLE_MARK,
} from './dialogue-act-cues';
import { mentionsShopTopic } from './intent-knowledge';
import { foldScript } from './normalize';

/** What a customer message does, before what it is about. */
export type DialogueAct =
  | 'question'
  | 'request'
  | 'complaint'
  | 'thanks'
  | 'acknowledgement'
  | 'greeting'
  | 'closing'
  | 'emoji_only'
  | 'spam'
  | 'chitchat';

/**
 * Whether a reading asks the shop for something: a question, request or complaint, or a statement no cue reads
 * ("燈才用三個月就一直閃"), which in a shop's inbox is most often a problem told plainly.
 */
export function readingAsksShop(reading: DialogueActReading): boolean {
  return actNeedsReply(reading.act) || !reading.certain;
}

/** Only these ask something of the shop; the others get no suggested reply even when a topic word appears. */
export function actNeedsReply(act: DialogueAct): boolean {
  return act === 'question' || act === 'request' || act === 'complaint';
}

const EMOJI_AND_MARKS = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u20e3\u200d\ufe0f\p{P}\p{S}\s]/gu;
// 囉 and 嘍 end a sentence (先這樣囉), but are part of 哈囉 (hello).
const PARTICLES = /(?:[啦喔哦耶呀啊欸唷呦吧喲咩齁餒ㄛㄚ]|(?<!哈)[囉嘍])+/g;
const SOCIAL_SPANS = [...THANKS_CUES, ...CLOSING_CUES].map((cue) => new RegExp(cue.source, 'g'));

const matchesAny = (cues: readonly RegExp[], text: string): boolean => cues.some((cue) => cue.test(text));

/** The clause without thanks/closing phrases, keeping words apart ("i'll wait", "we need"). */
function withoutSocialSpans(clause: string): string {
  let rest = clause;
  for (const span of SOCIAL_SPANS) rest = rest.replace(span, ' ');
  return rest;
}

/** The text without emoji, punctuation, spaces and particles. */
function withoutMarks(text: string): string {
  return text.replace(EMOJI_AND_MARKS, '').replace(PARTICLES, '');
}

/** The clause without thanks/closing phrases, emoji, punctuation and particles: what else was said. */
function withoutSocialPhrases(clause: string): string {
  return withoutMarks(withoutSocialSpans(clause));
}

/** `self`: the customer tells something about themselves, asking nothing; it yields to any other clause. */
type ClauseAct = Exclude<DialogueAct, 'emoji_only' | 'spam'> | 'empty' | 'unknown' | 'self';

/** Every phrase of the clause (chats use spaces as commas) is said of the customer: "我耳洞快長起來了 細一點的…" is not. */
function aboutSelfOnly(spoken: string): boolean {
  const phrases = spoken.split(/\s+/).map(withoutMarks).filter((phrase) => phrase !== '');
  return phrases.length > 0 && phrases.every((phrase) => SELF_STATEMENT.test(phrase));
}

/**
 * One clause, in this order: a complaint wins over anything social; a clause of only social words is
 * that social act (thanks before closing before acknowledgement or greeting); "I'll think about it /
 * I'll wait for the notice" is an acknowledgement even with a question word or topic in it; then a
 * question, a request, "I'll pick it up tomorrow", a statement after "OK"/thanks, small talk; a bare
 * topic ("運費", "7-11 取貨") is an elliptical question, a longer statement naming one a request when it tells
 * of trouble; a statement only about the customer ("我今天休假") is `self`. Anything else is `unknown`.
 */
function classifyClause(clause: string): ClauseAct {
  if (clause.replace(EMOJI_AND_MARKS, '') === '') return 'empty';
  if (SELF_CORRECTION.test(clause)) return 'acknowledgement';
  if (CONFIRMING_REQUEST.test(clause)) return 'thanks';
  if (matchesAny(COMPLAINT_CUES, clause)) return 'complaint';
  const thanked = matchesAny(THANKS_CUES, clause);
  const social = (fallback: ClauseAct): ClauseAct => (thanked ? 'thanks' : fallback);
  const rest = withoutSocialPhrases(clause);
  if (rest === '' || ACKNOWLEDGEMENT_ALONE.test(rest) || matchesAny(GREETING_CUES, rest)) {
    if (matchesAny(CLOSING_CUES, clause) && !thanked) return 'closing';
    return social(rest !== '' && matchesAny(GREETING_CUES, rest) ? 'greeting' : 'acknowledgement');
  }
  // English cues need their spaces and apostrophes ("i'll wait", "we need"), which `rest` has lost.
  const spoken = withoutSocialSpans(clause);
  const said = (cues: readonly RegExp[]): boolean => matchesAny(cues, rest) || matchesAny(cues, spoken);
  // "想等補貨 有通知功能嗎": waiting is said, but the clause ends asking.
  if (ENDS_ASKING.test(clause) && !thanked) return 'question';
  if (said(DEFERRING_CUES)) return social('acknowledgement');
  if (matchesAny(QUESTION_CUES, clause)) return 'question';
  if (said(REQUEST_CUES) || BARE_ACTION_REQUEST.test(rest)) return 'request';
  if (said(COMMISSIVE_CUES) || said(ANTICIPATION_CUES)) return social('acknowledgement');
  if (thanked) return 'thanks';
  if (matchesAny(CHANGE_REPORT_CUES, clause)) return 'complaint';
  if (ACKNOWLEDGEMENT_OPENING.test(clause) || ACKNOWLEDGEMENT_ENDING.test(rest) || APPROVED_AS_IS.test(clause)) return 'acknowledgement';
  if (matchesAny(CHITCHAT_CUES, clause)) return 'chitchat';
  if (REPORT_OPENING.test(clause.trim())) return 'complaint';
  const topic = mentionsShopTopic(clause);
  if (!topic && !ASKS_OR_TROUBLED.test(rest) && aboutSelfOnly(spoken)) return 'self';
  // A bare topic ("運費", "7-11 取貨") is an elliptical question; a longer statement naming one asks for it when it
  // tells of trouble, and is otherwise read like any statement no cue knows ("過年要回南部 高鐵票好難搶").
  if (topic && [...rest].length <= 10) return 'question';
  if (topic && TROUBLE_MARK.test(clause)) return 'request';
  return 'unknown';
}

const NEED_ORDER: readonly ClauseAct[] = ['complaint', 'question', 'request'];
const SOCIAL_ORDER: readonly ClauseAct[] = ['thanks', 'closing', 'acknowledgement', 'greeting', 'chitchat'];

const SPAM_MARKS = SPAM_CUES.map((cue) => new RegExp(cue.source, 'g'));

/** Marks of advertising in the text: each cue counts once per different word of it, at most twice ("刷單 高佣金 日結"). */
function spamMarks(text: string): number {
  return SPAM_MARKS.reduce((sum, cue) => sum + Math.min(2, new Set(text.match(cue) ?? []).size), 0);
}

function isSpam(text: string): boolean {
  const cues = spamMarks(text);
  return cues >= 2 || (cues === 1 && LINK.test(text));
}

export interface DialogueActReading {
  readonly act: DialogueAct;
  /**
   * False when no cue decided: the message is a statement about nothing the built-in knowledge knows
   * ("顯示已出貨但…"), read as chit-chat. A caller that knows the shop's rules may still answer it when
   * a rule matches it strongly.
   */
  readonly certain: boolean;
  /**
   * For a statement no cue decided: true when it tells of no trouble and is no bare topic ("今天騎了一百公里"),
   * most likely small talk — a caller answers it only from a clear match.
   */
  readonly plain?: boolean;
}

/**
 * Classifies a customer message by what it does. Rule-free and deterministic: cue patterns per act over
 * clauses, with the built-in shop topics deciding whether a bare phrase is an elliptical question.
 */
export function readDialogueAct(text: string): DialogueActReading {
  const folded = foldScript(text).replace(MEDIA_PLACEHOLDER, ' ').trim();
  if (folded.replace(EMOJI_AND_MARKS, '') === '') return { act: 'emoji_only', certain: true };
  if (isSpam(folded)) return { act: 'spam', certain: true };
  const acts = new Set(
    folded
      .split(CLAUSE_BOUNDARY)
      .map((clause) => clause.trim())
      .filter((clause) => clause !== '')
      .map(classifyClause),
  );
  for (const act of NEED_ORDER) if (acts.has(act)) return { act: act as DialogueAct, certain: true };
  // A link on its own (a product page) asks about that product.
  if (LINK.test(folded) && !acts.has('thanks')) return { act: 'question', certain: true };
  for (const act of SOCIAL_ORDER) if (acts.has(act)) return { act: act as DialogueAct, certain: true };
  // A statement no cue reads is most often a problem told plainly — when it says something changed or went wrong.
  // A bare topic ("押金", "Store hours") is an elliptical question, even when the built-in knowledge lacks it.
  if (acts.has('unknown')) return { act: 'chitchat', certain: false, plain: !TROUBLE_MARK.test(folded) && !BARE_TOPIC.test(folded) };
  return { act: acts.has('self') ? 'acknowledgement' : 'emoji_only', certain: true };
}

/** What a customer message does: see readDialogueAct. */
export function classifyDialogueAct(text: string): DialogueAct {
  return readDialogueAct(text).act;
}
