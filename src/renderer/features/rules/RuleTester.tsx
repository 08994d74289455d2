import { useEffect, useState } from 'react';
import type { SuggestionView } from '../../../shared/ipc';
import type { SuggestionRule } from '../../../shared/suggestions/rules-schema';
import { useCall } from '../../hooks/useCall';
import { useI18n } from '../../i18n';
import { reasonKey, reasonParams } from '../suggestions/suggestion-reason';

/** Waits this long after the last keystroke before asking the core (building a draft index is not free). */
const TEST_DEBOUNCE_MS = 200;

/** "What would this message match, and why?" against the rules as they are in the editor right now. */
export function RuleTester({ rules, valid }: { rules: SuggestionRule[]; valid: boolean }) {
  const call = useCall();
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [results, setResults] = useState<SuggestionView[] | null>(null);

  useEffect(() => {
    if (text.trim() === '' || !valid) {
      setResults(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void call('rules:test', { text, rules }).then((answer) => {
        if (current && answer) setResults(answer.suggestions);
      });
    }, TEST_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [call, text, rules, valid]);

  return (
    <section className="rule-tester" aria-label={t('rules.test.title')}>
      <h3 className="rule-tester-title">{t('rules.test.title')}</h3>
      <input
        className="input"
        value={text}
        placeholder={t('rules.test.placeholder')}
        onChange={(event) => setText(event.target.value)}
        data-rule-test
      />
      <div className="rule-tester-results" aria-live="polite">
        {results === null ? (
          <p className="muted">{t('rules.test.empty')}</p>
        ) : results.length === 0 ? (
          <p className="rule-tester-none">{t('rules.test.none')}</p>
        ) : (
          <ol className="rule-tester-list">
            {results.map((result, index) => (
              <li key={result.ruleId} className="rule-tester-item">
                <span className="suggestion-key">{index + 1}</span>
                <span className="rule-tester-name">{result.title}</span>
                <span className={`suggestion-reason is-${result.reason.kind}`}>{t(reasonKey(result.reason), reasonParams(result))}</span>
                <span className="rule-tester-score">{t('rules.test.score', { score: result.score.toFixed(2) })}</span>
                {result.autoSend && <span className="rule-auto-badge">{t('rules.test.auto')}</span>}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
