import { useState } from 'react';
import type { RulesFileError, SuggestionRule } from '../../../shared/suggestions/rules-schema';
import { useI18n } from '../../i18n';
import { linesToList, listToLines } from './rules-draft';

/**
 * Edits one rule. Keywords and examples are typed one per line; the text is kept here as typed (an empty
 * line while pressing Enter must not vanish) and the parsed rule goes up on every change.
 */
export function RuleForm({
  rule,
  errors,
  onChange,
  onDelete,
}: {
  rule: SuggestionRule;
  errors: RulesFileError[];
  onChange(rule: SuggestionRule): void;
  onDelete(): void;
}) {
  const { t } = useI18n();
  const [keywords, setKeywords] = useState(() => listToLines(rule.keywords));
  const [examples, setExamples] = useState(() => listToLines(rule.examples));
  const fieldError = (field: string) => errors.filter((error) => error.path.split('.')[1]?.startsWith(field));

  function Problems({ field }: { field: string }) {
    const found = fieldError(field);
    if (found.length === 0) return null;
    return (
      <ul className="rule-field-errors" role="alert">
        {found.map((error) => (
          <li key={error.path + error.message}>{error.message}</li>
        ))}
      </ul>
    );
  }

  return (
    <form className="rule-form" onSubmit={(event) => event.preventDefault()}>
      <div className="rule-form-row">
        <label className="field">
          <span className="field-label">{t('rules.field.title')}</span>
          <input className="input" value={rule.title} onChange={(event) => onChange({ ...rule, title: event.target.value })} />
          <Problems field="title" />
        </label>
        <label className="field field-narrow">
          <span className="field-label">{t('rules.field.id')}</span>
          <input className="input input-mono" value={rule.id} onChange={(event) => onChange({ ...rule, id: event.target.value })} />
          <Problems field="id" />
        </label>
      </div>
      <div className="rule-form-row">
        <label className="field">
          <span className="field-label">{t('rules.field.keywords')}</span>
          <textarea
            className="input"
            rows={5}
            value={keywords}
            onChange={(event) => {
              setKeywords(event.target.value);
              onChange({ ...rule, keywords: linesToList(event.target.value) });
            }}
          />
          <Problems field="keywords" />
        </label>
        <label className="field">
          <span className="field-label">{t('rules.field.examples')}</span>
          <textarea
            className="input"
            rows={5}
            value={examples}
            onChange={(event) => {
              setExamples(event.target.value);
              onChange({ ...rule, examples: linesToList(event.target.value) });
            }}
          />
          <Problems field="examples" />
        </label>
      </div>
      <label className="field">
        <span className="field-label">{t('rules.field.reply')}</span>
        <textarea className="input" rows={3} value={rule.reply} onChange={(event) => onChange({ ...rule, reply: event.target.value })} />
        <Problems field="reply" />
      </label>
      <div className="rule-form-footer">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={rule.autoSend === true}
            onChange={(event) => {
              const { autoSend: _previous, ...rest } = rule;
              onChange(event.target.checked ? { ...rest, autoSend: true } : rest);
            }}
          />
          <span>{t('rules.field.autoSend')}</span>
        </label>
        <button type="button" className="button button-quiet rule-delete" onClick={onDelete}>
          {t('rules.delete')}
        </button>
      </div>
    </form>
  );
}
