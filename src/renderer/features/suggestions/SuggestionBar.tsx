import { useEffect, useRef } from 'react';
import type { SuggestionView } from '../../../shared/ipc';
import { useInboxApi } from '../../api/api-context';
import { useToasts } from '../../components/Toasts';
import { errorText } from '../../hooks/useCall';
import { isTextField } from '../../hooks/useShortcuts';
import { useI18n } from '../../i18n';
import { cardReasonKey, reasonKey, reasonParams } from './suggestion-reason';
import { rejectSuggestion } from './suggestion-feedback';
import { isNotThisOneKey, suggestionIndexFor } from './suggestion-keys';

/**
 * Up to three prepared answers for the customer's latest message, directly under the thread. Keys 1/2/3
 * (Alt+1/2/3 while typing) or a click insert the reply into the composer, where the agent can edit it;
 * 0 (Alt+0 while typing) or a card's ✕ says "not this one", which counts against the rule for this wording.
 */
export function SuggestionBar({
  suggestions,
  conversationId,
  messageId,
  onInsert,
}: {
  suggestions: SuggestionView[];
  conversationId: string;
  /** The customer message the suggestions are for. */
  messageId: string | null;
  onInsert(suggestion: SuggestionView): void;
}) {
  const { t } = useI18n();
  const api = useInboxApi();
  const { notifyError } = useToasts();
  const reject = (suggestion: SuggestionView): void => {
    if (messageId === null) return;
    rejectSuggestion(api, conversationId, messageId, suggestion.ruleId).then(
      (result) => {
        if (!result.ok) notifyError(t('suggestions.rejectFailed', { message: result.message ?? '' }));
      },
      (error: unknown) => notifyError(t('suggestions.rejectFailed', { message: errorText(error) })),
    );
  };
  const latest = useRef({ suggestions, onInsert, reject });
  latest.current = { suggestions, onInsert, reject };

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const press = {
        key: event.key,
        code: event.code,
        altKey: event.altKey,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        shiftKey: event.shiftKey,
        isComposing: event.isComposing,
        inTextField: isTextField(event.target),
      };
      const { suggestions: shown } = latest.current;
      const first = shown[0];
      if (first && isNotThisOneKey(press, shown.length)) {
        event.preventDefault();
        latest.current.reject(first);
        return;
      }
      const index = suggestionIndexFor(press, shown.length);
      const chosen = index === null ? undefined : shown[index];
      if (!chosen) return;
      event.preventDefault();
      latest.current.onInsert(chosen);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  if (suggestions.length === 0) return null;
  return (
    <section className="suggestion-bar" aria-label={t('suggestions.title')}>
      <header className="suggestion-bar-head">
        <span className="suggestion-bar-title">
          <span className="suggestion-spark" aria-hidden="true">
            ✦
          </span>
          {t('suggestions.title')}
        </span>
        <span className="suggestion-bar-hint">{t('suggestions.hint')}</span>
      </header>
      <ol className="suggestion-list">
        {suggestions.slice(0, 3).map((suggestion, index) => (
          <li key={suggestion.ruleId} className="suggestion-item">
            <button
              type="button"
              className="suggestion-card"
              onClick={() => onInsert(suggestion)}
              aria-label={t('suggestions.insert', { n: index + 1, title: suggestion.title })}
              data-suggestion={suggestion.ruleId}
            >
              <span className="suggestion-top">
                <kbd className="suggestion-key">{index + 1}</kbd>
                <span className="suggestion-title">{suggestion.title}</span>
                <span className={`suggestion-reason is-${suggestion.reason.kind}`} title={t(reasonKey(suggestion.reason), reasonParams(suggestion))}>
                  {t(cardReasonKey(suggestion.reason), reasonParams(suggestion))}
                </span>
              </span>
              <span className="suggestion-reply">{suggestion.reply}</span>
            </button>
            <button
              type="button"
              className="suggestion-reject"
              onClick={() => reject(suggestion)}
              title={t('suggestions.notThisOne')}
              aria-label={t('suggestions.notThisOneFor', { title: suggestion.title })}
              data-reject-suggestion={suggestion.ruleId}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
