import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LearnedExampleView } from '../../../shared/ipc/suggestion-learning-contract';
import { CustomerText } from '../../components/CustomerText';
import { RelativeTime } from '../../components/RelativeTime';
import { useToasts } from '../../components/Toasts';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';
import { useI18n } from '../../i18n';

const ROW_HEIGHT = 58;

/**
 * Customer messages the team answered with this rule: they are examples of it for every agent. A lead
 * keeps or removes each; a removed one no longer teaches the suggestions. Loads once, then on every
 * `learned` change (a teammate's send, a lead's review, a sync).
 */
export function LearnedExamples({ ruleId, isLead }: { ruleId: string; isLead: boolean }) {
  const call = useCall();
  const { t } = useI18n();
  const { notifyError } = useToasts();
  const [all, setAll] = useState<LearnedExampleView[] | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    const fresh = await call('rules:learned', {});
    if (fresh) setAll(fresh.examples);
  }, [call]);
  useEffect(() => void load(), [load]);
  useChanged(['learned'], () => void load());

  const examples = useMemo(() => (all ?? []).filter((example) => example.ruleId === ruleId), [all, ruleId]);
  const virtualizer = useVirtualizer({
    count: examples.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => examples[index]?.feedbackId ?? index,
    overscan: 6,
  });

  async function review(feedbackId: string, keep: boolean) {
    const result = await call('rules:reviewLearned', { feedbackId, keep });
    if (result && !result.ok) notifyError(t('rules.learned.failed', { message: result.message }));
  }

  return (
    <section className="learned-examples" aria-label={t('rules.learned.title')}>
      <header className="learned-head">
        <h3>{t('rules.learned.title')}</h3>
        <span className="muted">{t(isLead ? 'rules.learned.hint' : 'rules.learned.leadOnly')}</span>
      </header>
      {all === null ? (
        <p className="muted" aria-busy="true">
          {t('rules.learned.loading')}
        </p>
      ) : examples.length === 0 ? (
        <p className="muted learned-empty">{t('rules.learned.empty')}</p>
      ) : (
        <div className="learned-list" ref={scrollRef} role="list">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const example = examples[item.index]!;
              const removed = example.review === 'removed';
              return (
                <div
                  key={item.key}
                  role="listitem"
                  className={`learned-row${removed ? ' is-removed' : ''}`}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  data-learned={example.feedbackId}
                >
                  <div className="learned-text">
                    <CustomerText text={example.text} />
                    <span className="learned-meta">
                      {t(example.verdict === 'edited' ? 'rules.learned.edited' : 'rules.learned.by', { agent: example.agentName })} ·{' '}
                      <RelativeTime timestamp={example.at} />
                      {example.pending && <> · {t('rules.learned.pending')}</>}
                      {example.review !== null && <> · {t(removed ? 'rules.learned.removed' : 'rules.learned.kept')}</>}
                    </span>
                  </div>
                  {isLead && (
                    <div className="learned-actions">
                      <button type="button" className="button learned-button" disabled={example.review === 'kept'} onClick={() => void review(example.feedbackId, true)}>
                        {t('rules.learned.keep')}
                      </button>
                      <button type="button" className="button learned-button" disabled={removed} onClick={() => void review(example.feedbackId, false)}>
                        {t('rules.learned.remove')}
                      </button>
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
