import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { CustomerText } from './CustomerText';

interface Toast {
  id: number;
  text: string;
}

interface ToastApi {
  notifyError(text: string): void;
}

const ToastContext = createContext<ToastApi | null>(null);
/** Long enough to read a sentence of Chinese twice; the close button is there for faster readers. */
const TOAST_VISIBLE_MS = 8_000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);
  const notifyError = useCallback(
    (text: string) => {
      const id = nextId.current++;
      // The same failure repeated (e.g. every poll) shows once, not as a pile.
      setToasts((current) => (current.some((toast) => toast.text === text) ? current : [...current.slice(-3), { id, text }]));
      setTimeout(() => dismiss(id), TOAST_VISIBLE_MS);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ notifyError }), [notifyError]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className="toast toast-error">
            <span className="toast-icon" aria-hidden="true">!</span>
            <CustomerText className="toast-text" text={toast.text} />
            <button type="button" className="toast-close" onClick={() => dismiss(toast.id)} aria-label={t('errors.dismiss')}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToasts must be used inside <ToastProvider>');
  return api;
}
