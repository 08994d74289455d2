import { useEffect, useMemo, useRef, useState } from 'react';
import { SHIPPING_METHODS } from '../../../shared/catalog/catalog-schema';
import type { CatalogInfo } from '../../../shared/ipc';
import { useCall } from '../../hooks/useCall';
import { useI18n } from '../../i18n';
import { saveFailureKey } from './save-failure';
import { MAX_REMINDERS, exampleLink, formToSettings, sameForm, settingsToForm, type SettingsForm } from './settings-form';
import { SettingsField } from './SettingsField';
import './settings.css';
import { useWorkflowContext } from '../workflow/workflow-context';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; version: number } | { kind: 'failed'; text: string };

/**
 * 出貨與付款設定: fees, free shipping, payment link and reminders. Saved with catalog:save as part of the
 * catalog document (the products are sent back as they are), from the version the form started with.
 */
export function ShopSettingsTab({
  info,
  reload,
  onDirtyChange,
}: {
  info: CatalogInfo | null;
  reload(): Promise<CatalogInfo | null>;
  onDirtyChange(dirty: boolean): void;
}) {
  const { t } = useI18n();
  const call = useCall();
  const { isLead } = useWorkflowContext();
  const [base, setBase] = useState<CatalogInfo | null>(info);
  const [form, setForm] = useState<SettingsForm | null>(info ? settingsToForm(info.catalog.settings) : null);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [showErrors, setShowErrors] = useState(false);

  const dirty = base !== null && form !== null && !sameForm(form, settingsToForm(base.catalog.settings));
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);
  useEffect(() => {
    // A newer catalog arrived: follow it unless the agent is in the middle of an edit.
    if (!info || dirtyRef.current) return;
    setBase(info);
    setForm(settingsToForm(info.catalog.settings));
  }, [info]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const result = useMemo(() => (form ? formToSettings(form) : null), [form]);
  if (!form || !base || !result) return <p className="orders-loading muted">{t('catalog.loading')}</p>;
  const errors = result.ok ? {} : result.errors;
  // A field's message shows once it was edited away from the saved value, or after a save attempt.
  const saved = settingsToForm(base.catalog.settings);
  const errorFor = (id: string, changed: boolean) => (showErrors || changed ? errors[id] : undefined);
  const example = exampleLink(form.linkTemplate);

  function update(change: Partial<SettingsForm>) {
    setForm((current) => (current ? { ...current, ...change } : current));
    setSaveState({ kind: 'idle' });
  }

  async function save() {
    if (!result?.ok || !base) {
      setShowErrors(true);
      return;
    }
    setSaveState({ kind: 'saving' });
    const answer = await call('catalog:save', { catalog: { products: base.catalog.products, settings: result.settings }, baseVersion: base.version });
    if (!answer) return setSaveState({ kind: 'idle' });
    if (answer.ok) {
      const next: CatalogInfo = { ...base, version: answer.version, catalog: { ...base.catalog, settings: result.settings } };
      setBase(next);
      setForm(settingsToForm(result.settings));
      setSaveState({ kind: 'saved', version: answer.version });
      return;
    }
    const key = saveFailureKey(answer.code, 'settings');
    setSaveState({ kind: 'failed', text: key ? t(key) : t('settings.failed', { message: answer.message }) });
  }

  async function discard() {
    const fresh = (await reload()) ?? base;
    if (!fresh) return;
    setBase(fresh);
    setForm(settingsToForm(fresh.catalog.settings));
    setShowErrors(false);
    setSaveState({ kind: 'idle' });
  }

  return (
    <form
      className="settings-tab"
      aria-label={t('settings.title')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <header className="catalog-head">
        <div>
          <h1 className="orders-title">{t('settings.title')}</h1>
          <p className="muted">{t('settings.subtitle')}</p>
        </div>
        <div className="catalog-actions">
          {dirty && (
            <button type="button" className="button button-quiet" onClick={() => void discard()}>
              {t('settings.discard')}
            </button>
          )}
          {isLead ? (
            <button type="submit" className="button button-primary" disabled={!dirty || saveState.kind === 'saving'}>
              {saveState.kind === 'saving' ? t('settings.saving') : t('settings.save')}
            </button>
          ) : (
            <span className="lead-only-note">{t('roles.leadOnly')}</span>
          )}
        </div>
      </header>
      <div className="settings-status" role="status">
        {saveState.kind === 'saved' && !dirty && <p className="rules-note is-ok">{t('settings.saved', { version: saveState.version })}</p>}
        {saveState.kind === 'failed' && <p className="rules-note is-error">{saveState.text}</p>}
        {dirty && saveState.kind !== 'failed' && (
          <p className="rules-note is-dirty">{showErrors && !result.ok ? t('settings.invalid') : t('settings.dirty')}</p>
        )}
      </div>

      <div className="settings-grid">
        <fieldset className="order-card settings-card">
          <legend>{t('settings.shipping')}</legend>
          {SHIPPING_METHODS.map((method) => (
            <SettingsField key={method} id={`fee.${method}`} label={t(`settings.fee.${method}`)} error={errorFor(`fee.${method}`, form.fees[method] !== saved.fees[method])}>
              {(props) => <input {...props} className="input settings-amount" inputMode="numeric" value={form.fees[method]} onChange={(event) => update({ fees: { ...form.fees, [method]: event.target.value } })} />}
            </SettingsField>
          ))}
          <div className="settings-free">
            <label className="settings-check">
              <input type="checkbox" checked={form.freeShipping} onChange={(event) => update({ freeShipping: event.target.checked })} />
              {t('settings.freeShipping.enabled')}
            </label>
            {form.freeShipping ? (
              <SettingsField id="threshold" label={t('settings.freeShipping')} hint={t('settings.freeShipping.hint')} error={errorFor('threshold', form.threshold !== saved.threshold)}>
                {(props) => <input {...props} className="input settings-amount" inputMode="numeric" value={form.threshold} onChange={(event) => update({ threshold: event.target.value })} />}
              </SettingsField>
            ) : (
              <p className="muted">{t('settings.freeShipping.none')}</p>
            )}
          </div>
        </fieldset>

        <fieldset className="order-card settings-card">
          <legend>{t('settings.payment')}</legend>
          <SettingsField id="linkTemplate" label={t('settings.linkTemplate')} hint={t('settings.linkTemplate.hint')} error={errorFor('linkTemplate', form.linkTemplate !== saved.linkTemplate)}>
            {(props) => <input {...props} className="input input-mono" spellCheck={false} value={form.linkTemplate} onChange={(event) => update({ linkTemplate: event.target.value })} />}
          </SettingsField>
          {example && <p className="settings-example">{t('settings.linkTemplate.example', { link: example })}</p>}
        </fieldset>

        <fieldset className="order-card settings-card">
          <legend>{t('settings.reminders')}</legend>
          <p className="muted settings-hint">{t('settings.reminders.hint', { max: MAX_REMINDERS })}</p>
          {form.delaysHours.length === 0 && <p className="muted">{t('settings.reminders.none')}</p>}
          {form.delaysHours.map((hours, index) => (
            <div className="settings-delay" key={index}>
              <SettingsField id={`delay.${index}`} label={t('settings.reminders.delay', { number: index + 1 })} error={errorFor(`delay.${index}`, hours !== saved.delaysHours[index])}>
                {(props) => (
                  <input
                    {...props}
                    className="input settings-amount"
                    inputMode="decimal"
                    value={hours}
                    onChange={(event) => update({ delaysHours: form.delaysHours.map((value, i) => (i === index ? event.target.value : value)) })}
                  />
                )}
              </SettingsField>
              <button
                type="button"
                className="icon-button settings-remove"
                aria-label={t('settings.reminders.remove', { number: index + 1 })}
                title={t('settings.reminders.remove', { number: index + 1 })}
                onClick={() => update({ delaysHours: form.delaysHours.filter((_, i) => i !== index) })}
              >
                ×
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button-secondary settings-add"
            disabled={form.delaysHours.length >= MAX_REMINDERS}
            onClick={() => {
              const last = Number(form.delaysHours[form.delaysHours.length - 1] ?? 0);
              update({ delaysHours: [...form.delaysHours, String(Number.isFinite(last) ? last + 24 : 24)] });
            }}
          >
            + {t('settings.reminders.add')}
          </button>
          <div className="settings-policy" role="radiogroup" aria-label={t('settings.policy')}>
            <p className="settings-label">{t('settings.policy')}</p>
            {(['hold', 'push'] as const).map((policy) => (
              <label key={policy} className={`import-mode-option${form.whenNoFreeReply === policy ? ' is-on' : ''}`}>
                <input type="radio" name="when-no-free-reply" value={policy} checked={form.whenNoFreeReply === policy} onChange={() => update({ whenNoFreeReply: policy })} />
                <span>
                  <strong>{t(policy === 'hold' ? 'settings.policy.hold' : 'settings.policy.push')}</strong>
                  <span className="muted">{t(policy === 'hold' ? 'settings.policy.hold.hint' : 'settings.policy.push.hint')}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
    </form>
  );
}
