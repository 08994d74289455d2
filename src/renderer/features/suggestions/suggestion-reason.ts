import type { SuggestionView } from '../../../shared/ipc';
import type { MessageKey } from '../../i18n/messages';

export function reasonKey(reason: SuggestionView['reason']): MessageKey {
  if (reason.kind === 'similar') return 'suggestions.reason.similar';
  if (reason.kind === 'concept') return 'suggestions.reason.concept';
  return reason.approximate ? 'suggestions.reason.keywordApprox' : 'suggestions.reason.keyword';
}

/**
 * On a card the rule's title already stands beside the reason, so a built-in intent match says only whose
 * words it was (「像「什麼時候寄」」); the full sentence is the chip's tooltip and label.
 */
export function cardReasonKey(reason: SuggestionView['reason']): MessageKey {
  return reason.kind === 'concept' ? 'suggestions.reason.conceptShort' : reasonKey(reason);
}

/** Why, in the agent's words: 「符合「運費」」, 「像「什麼時候寄」→ 出貨時間」 or 「類似「…」」. */
export function reasonParams(suggestion: Pick<SuggestionView, 'reason' | 'title'>): { text: string; title: string } {
  return { text: suggestion.reason.text, title: suggestion.title };
}
