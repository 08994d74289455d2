import type { ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../i18n';

interface InputProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/** A labelled settings input with its hint and, when invalid, the message right under it. */
export function SettingsField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error: MessageKey | undefined;
  children(props: InputProps): ReactNode;
}) {
  const { t } = useI18n();
  const inputId = `settings-${id.replace(/\./g, '-')}`;
  const describedBy = [hint ? `${inputId}-hint` : null, error ? `${inputId}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`settings-field${error ? ' has-error' : ''}`}>
      <label className="settings-label" htmlFor={inputId}>
        {label}
      </label>
      {children({ id: inputId, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint && (
        <p className="settings-hint muted" id={`${inputId}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="settings-error" id={`${inputId}-error`} role="alert">
          {t(error)}
        </p>
      )}
    </div>
  );
}
