import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RulesInfo } from '../../../shared/ipc';
import { parseRulesFile, type RulesFileError, type SuggestionRule } from '../../../shared/suggestions/rules-schema';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';
import { isMessageKey, useI18n } from '../../i18n';
import { RuleForm } from './RuleForm';
import { RuleTester } from './RuleTester';
import { useWorkflowContext } from '../workflow/workflow-context';
import { LearnedExamples } from './LearnedExamples';
import { errorsForRule, exportRulesJson, filterRules, newRuleId, sameRules, validateRules } from './rules-draft';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; version: number } | { kind: 'failed'; code: string; message: string };

/**
 * The shop's reply rules: list and search, edit, create, delete, test, import/export. The whole file is
 * edited as a draft and saved in one go with the version it started from, so two people editing at once
 * get a clear conflict instead of silently overwriting each other.
 */
export function RulesView() {
  const call = useCall();
  const { t } = useI18n();
  // The relay refuses rules.save to agents (FORBIDDEN): they test rules but are not offered a save.
  const { isLead } = useWorkflowContext();
  const [saved, setSaved] = useState<RulesInfo | null>(null);
  const [draft, setDraft] = useState<SuggestionRule[]>([]);
  const [baseVersion, setBaseVersion] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [query, setQuery] = useState('');
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [importProblems, setImportProblems] = useState<{ file: string; errors: RulesFileError[] } | null>(null);
  const [imported, setImported] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const dirty = saved !== null && !sameRules(draft, saved.rules);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  const load = useCallback(
    async (replaceDraft: boolean) => {
      const fresh = await call('rules:get', {});
      if (!fresh) return;
      setSaved(fresh);
      // Someone saved elsewhere: follow it unless the agent is in the middle of an edit.
      if (replaceDraft || !dirtyRef.current) {
        setDraft(fresh.rules);
        setBaseVersion(fresh.version);
        setSelected((current) => (current !== null && current < fresh.rules.length ? current : fresh.rules.length > 0 ? 0 : null));
        setFormKey((key) => key + 1);
      }
    },
    [call],
  );
  useEffect(() => {
    void load(true);
  }, [load]);
  useChanged(['rules'], () => void load(false));

  const errors = useMemo(() => validateRules(draft), [draft]);
  const visible = useMemo(() => filterRules(draft, query), [draft, query]);
  const current = selected !== null ? draft[selected] : undefined;

  function select(index: number) {
    setSelected(index);
    setFormKey((key) => key + 1);
  }

  function updateRule(index: number, rule: SuggestionRule) {
    setDraft((rules) => rules.map((existing, i) => (i === index ? rule : existing)));
    setSaveState({ kind: 'idle' });
  }

  function addRule() {
    const rule: SuggestionRule = { id: newRuleId(draft), title: t('rules.newTitle'), keywords: [], examples: [], reply: '' };
    setDraft((rules) => [...rules, rule]);
    setQuery('');
    select(draft.length);
  }

  function deleteRule(index: number) {
    setDraft((rules) => rules.filter((_, i) => i !== index));
    setSelected(draft.length > 1 ? Math.max(0, index - 1) : null);
    setFormKey((key) => key + 1);
  }

  async function save() {
    if (errors.length > 0) return;
    setSaveState({ kind: 'saving' });
    const result = await call('rules:save', { rules: draft, baseVersion });
    if (!result) {
      setSaveState({ kind: 'idle' });
      return;
    }
    if (result.ok) {
      setImported(null);
      setSaveState({ kind: 'saved', version: result.version });
      setBaseVersion(result.version);
      setSaved((info) => (info ? { ...info, version: result.version, rules: draft } : info));
    } else {
      setSaveState({ kind: 'failed', code: result.code, message: result.message });
    }
  }

  async function importFile(file: File) {
    const parsed = parseRulesFile(await file.text());
    if (!parsed.ok) {
      setImportProblems({ file: file.name, errors: parsed.errors });
      setImported(null);
      return;
    }
    setImportProblems(null);
    setDraft(parsed.rules);
    setSelected(parsed.rules.length > 0 ? 0 : null);
    setFormKey((key) => key + 1);
    setSaveState({ kind: 'idle' });
    setImported(parsed.rules.length);
  }

  function exportFile() {
    const url = URL.createObjectURL(new Blob([exportRulesJson(draft)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'reply-rules.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  if (!saved) {
    return (
      <section className="rules-view" aria-busy="true">
        <p className="muted rules-loading">{t('rules.loading')}</p>
      </section>
    );
  }

  const failureKey = saveState.kind === 'failed' ? `rules.error.${saveState.code}` : null;
  return (
    <section className="rules-view" aria-label={t('rules.title')}>
      <header className="rules-head">
        <div className="rules-head-text">
          <h1 className="rules-title">{t('rules.title')}</h1>
          <p className="rules-subtitle">{t('rules.subtitle')}</p>
          <p className="rules-version muted">
            {saved.version > 0 ? t('rules.version', { version: saved.version, by: saved.updatedBy ?? '—' }) : t('rules.versionNone')}
          </p>
        </div>
        <div className="rules-actions">
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            hidden
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <button type="button" className="button" onClick={() => fileInput.current?.click()}>
            {t('rules.import')}
          </button>
          <button type="button" className="button" onClick={exportFile} disabled={draft.length === 0}>
            {t('rules.export')}
          </button>
          {dirty && (
            <button type="button" className="button button-quiet" onClick={() => void load(true)}>
              {t('rules.discard')}
            </button>
          )}
          {isLead ? (
            <button
              type="button"
              className="button button-primary"
              disabled={!dirty || errors.length > 0 || saveState.kind === 'saving'}
              onClick={() => void save()}
            >
              {saveState.kind === 'saving' ? t('rules.saving') : t('rules.save')}
            </button>
          ) : (
            <span className="lead-only-note">{t('roles.leadOnly')}</span>
          )}
        </div>
      </header>

      <div className="rules-status" role="status">
        {saveState.kind === 'saved' && !dirty && <p className="rules-note is-ok">{t('rules.saved', { version: saveState.version })}</p>}
        {saveState.kind === 'failed' && (
          <p className="rules-note is-error">
            {failureKey && isMessageKey(failureKey) ? t(failureKey) : t('rules.error.other', { message: saveState.message })}{' '}
            {saveState.code === 'CONFLICT' && (
              <button type="button" className="button button-quiet" onClick={() => void load(true)}>
                {t('rules.reload')}
              </button>
            )}
          </p>
        )}
        {imported !== null && dirty && <p className="rules-note is-ok">{t('rules.import.done', { count: imported })}</p>}
        {dirty && saveState.kind !== 'failed' && imported === null && <p className="rules-note is-dirty">{t('rules.dirty')}</p>}
        {importProblems && (
          <div className="rules-note is-error" role="alert">
            <p>{t('rules.import.failed', { file: importProblems.file })}</p>
            <ul>
              {importProblems.errors.slice(0, 12).map((error) => (
                <li key={error.path + error.message}>{error.message}</li>
              ))}
            </ul>
          </div>
        )}
        {errors.length > 0 && (
          <div className="rules-note is-error">
            <p>{t('rules.invalid')}</p>
            <ul>
              {errors.slice(0, 6).map((error) => (
                <li key={error.path + error.message}>{error.message}</li>
              ))}
            </ul>
          </div>
        )}
      </div>

      <div className="rules-body">
        <aside className="rules-list-pane">
          <div className="rules-list-tools">
            <input className="input" type="search" placeholder={t('rules.search')} value={query} onChange={(event) => setQuery(event.target.value)} />
            <button type="button" className="button button-secondary" onClick={addRule}>
              + {t('rules.new')}
            </button>
          </div>
          <p className="rules-count muted">{t('rules.count', { count: draft.length })}</p>
          {draft.length === 0 ? (
            <p className="rules-empty muted">{t('rules.none')}</p>
          ) : visible.length === 0 ? (
            <p className="rules-empty muted">{t('rules.noMatch', { query })}</p>
          ) : (
            <ul className="rules-list">
              {visible.map(({ rule, index }) => (
                <li key={index}>
                  <button
                    type="button"
                    className={`rules-item${index === selected ? ' is-selected' : ''}${errorsForRule(errors, index).length > 0 ? ' has-error' : ''}`}
                    onClick={() => select(index)}
                  >
                    <span className="rules-item-title">{rule.title || rule.id}</span>
                    {rule.autoSend && <span className="rule-auto-badge">{t('rules.autoBadge')}</span>}
                    <span className="rules-item-keywords">{rule.keywords.join('・')}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </aside>
        <div className="rules-editor-pane">
          {current && selected !== null ? (
            <RuleForm
              key={formKey}
              rule={current}
              errors={errorsForRule(errors, selected)}
              onChange={(rule) => updateRule(selected, rule)}
              onDelete={() => setDeleting(selected)}
            />
          ) : (
            <p className="muted rules-pick">{t('rules.pick')}</p>
          )}
          {current && selected !== null && <LearnedExamples ruleId={current.id} isLead={isLead} />}
          <RuleTester rules={draft} valid={errors.length === 0} />
        </div>
      </div>

      {deleting !== null && draft[deleting] && (
        <ConfirmDialog
          message={t('rules.delete.confirm', { title: draft[deleting]!.title })}
          confirmLabel={t('rules.delete')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            deleteRule(deleting);
            setDeleting(null);
          }}
        />
      )}
    </section>
  );
}
