import {
  ACKNOWLEDGEMENT_CUES,
  CHITCHAT_CUES,
  CLAUSE_BOUNDARY,
  CLOSING_CUES,
  COMPLAINT_CUES,
  GREETING_CUES,
  LINK,
  MEDIA_PLACEHOLDER,
  QUESTION_CUES,
  REQUEST_CUES,
  SPAM_CUES,
  THANKS_CUES,
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

/** Only these ask something of the shop; the others get no suggested reply even when a topic word appears. */
export function actNeedsReply(act: DialogueAct): boolean {
  return act === 'question' || act === 'request' || act === 'complaint';
}

const EMOJI_AND_MARKS = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u20e3\u200d\ufe0f\p{P}\p{S}\s]/gu;
const PARTICLES = /[啦喔哦耶呀啊欸唷呦吧喲咩齁餒ㄛㄚ]+/g;
const [ACKNOWLEDGEMENT_ALONE, ...ACKNOWLEDGEMENT_STATEMENTS] = ACKNOWLEDGEMENT_CUES as [RegExp, ...RegExp[]];
const SOCIAL_SPANS = [...THANKS_CUES, ...CLOSING_CUES].map((cue) => new RegExp(cue.source, 'g'));

const matchesAny = (cues: readonly RegExp[], text: string): boolean => cues.some((cue) => cue.test(text));

/** The clause without thanks/closing phrases, emoji, punctuation and particles: what else was said. */
function withoutSocialPhrases(clause: string): string {
  let rest = clause;
  for (const span of SOCIAL_SPANS) rest = rest.replace(span, ' ');
  return rest.replace(EMOJI_AND_MARKS, '').replace(PARTICLES, '');
}

type ClauseAct = Exclude<DialogueAct, 'emoji_only' | 'spam'> | 'empty';

/**
 * One clause: a complaint wins over anything social; a clause that is only social words is that social
 * act (thanks before closing before acknowledgement or greeting); then a question, an "I'll wait / I'll
 * pick it up" statement (an acknowledgement even when it names a topic), a request, small talk; a bare
 * topic ("運費", "7-11 取貨") is an elliptical question.
 */
function classifyClause(clause: string): ClauseAct {
  if (clause.replace(EMOJI_AND_MARKS, '') === '') return 'empty';
  if (matchesAny(COMPLAINT_CUES, clause)) return 'complaint';
  const rest = withoutSocialPhrases(clause);
  const onlySocial = rest === '' || ACKNOWLEDGEMENT_ALONE.test(rest) || matchesAny(GREETING_CUES, rest);
  if (onlySocial) {
    if (matchesAny(THANKS_CUES, clause)) return 'thanks';
    if (matchesAny(CLOSING_CUES, clause)) return 'closing';
    if (rest === '') return 'acknowledgement';
    return matchesAny(GREETING_CUES, rest) ? 'greeting' : 'acknowledgement';
  }
  if (matchesAny(QUESTION_CUES, clause)) return 'question';
  if (matchesAny(ACKNOWLEDGEMENT_STATEMENTS, clause)) return matchesAny(THANKS_CUES, clause) ? 'thanks' : 'acknowledgement';
  if (matchesAny(REQUEST_CUES, clause)) return 'request';
  if (matchesAny(CHITCHAT_CUES, clause)) return 'chitchat';
  if (mentionsShopTopic(clause)) return [...rest].length <= 10 ? 'question' : 'request';
  return 'chitchat';
}

const NEED_ORDER: readonly ClauseAct[] = ['complaint', 'question', 'request'];
const SOCIAL_ORDER: readonly ClauseAct[] = ['thanks', 'closing', 'acknowledgement', 'greeting', 'chitchat'];

function isSpam(text: string): boolean {
  const cues = SPAM_CUES.filter((cue) => cue.test(text)).length;
  return cues >= 2 || (cues === 1 && LINK.test(text));
}

/**
 * Classifies a customer message by what it does. Rule-free and deterministic: cue patterns per act over
 * clauses, with the built-in shop topics deciding whether a bare phrase is an elliptical question.
 */
export function classifyDialogueAct(text: string): DialogueAct {
  const folded = foldScript(text).replace(MEDIA_PLACEHOLDER, ' ').trim();
  if (folded.replace(EMOJI_AND_MARKS, '') === '') return 'emoji_only';
  if (isSpam(folded)) return 'spam';
  const acts = new Set(
    folded
      .split(CLAUSE_BOUNDARY)
      .map((clause) => clause.trim())
      .filter((clause) => clause !== '')
      .map(classifyClause),
  );
  for (const act of NEED_ORDER) if (acts.has(act)) return act as DialogueAct;
  // A link on its own (a product page) asks about that product.
  if (LINK.test(folded) && !acts.has('thanks')) return 'question';
  for (const act of SOCIAL_ORDER) if (acts.has(act)) return act as DialogueAct;
  return 'emoji_only';
}
