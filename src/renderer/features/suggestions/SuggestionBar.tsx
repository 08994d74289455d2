import { useEffect, useRef } from 'react';
import type { SuggestionView } from '../../../shared/ipc';
import { isTextField } from '../../hooks/useShortcuts';
import { useI18n, type MessageKey } from '../../i18n';
import { suggestionIndexFor } from './suggestion-keys';

export function reasonKey(reason: SuggestionView['reason']): MessageKey {
  if (reason.kind === 'similar') return 'suggestions.reason.similar';
  return reason.approximate ? 'suggestions.reason.keywordApprox' : 'suggestions.reason.keyword';
}

/**
 * Up to three prepared answers for the customer's latest message, directly under the thread. Keys 1/2/3
 * (Alt+1/2/3 while typing) or a click insert the reply into the composer, where the agent can edit it.
 */
export function SuggestionBar({ suggestions, onInsert }: { suggestions: SuggestionView[]; onInsert(reply: string): void }) {
  const { t } = useI18n();
  const latest = useRef({ suggestions, onInsert });
  latest.current = { suggestions, onInsert };

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const index = suggestionIndexFor(
        {
          key: event.key,
          code: event.code,
          altKey: event.altKey,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          shiftKey: event.shiftKey,
          isComposing: event.isComposing,
          inTextField: isTextField(event.target),
        },
        latest.current.suggestions.length,
      );
      const chosen = index === null ? undefined : latest.current.suggestions[index];
      if (!chosen) return;
      event.preventDefault();
      latest.current.onInsert(chosen.reply);
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
          <li key={suggestion.ruleId}>
            <button
              type="button"
              className="suggestion-card"
              onClick={() => onInsert(suggestion.reply)}
              aria-label={t('suggestions.insert', { n: index + 1, title: suggestion.title })}
              data-suggestion={suggestion.ruleId}
            >
              <span className="suggestion-top">
                <kbd className="suggestion-key">{index + 1}</kbd>
                <span className="suggestion-title">{suggestion.title}</span>
                <span className={`suggestion-reason is-${suggestion.reason.kind}`}>
                  {t(reasonKey(suggestion.reason), { text: suggestion.reason.text })}
                </span>
              </span>
              <span className="suggestion-reply">{suggestion.reply}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
