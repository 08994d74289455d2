import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { getDesktopShell } from './desktop-shell';
import { conversationsWithTypedReply } from './typed-replies';

/**
 * "Update ready — restart" (Electron). The app never restarts in the middle of a reply: while a reply is
 * typed or not yet accepted by the relay the shell is told it is busy, and a requested restart waits.
 */
export function UpdateBanner({ pendingReplies }: { pendingReplies: number }) {
  const { t } = useI18n();
  const [version, setVersion] = useState<string | null>(null);
  const [requested, setRequested] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => getDesktopShell().onCommand((command) => command.type === 'updateReady' && setVersion(command.version)), []);
  useEffect(() => {
    if (!version) return;
    const check = () => setBusy(pendingReplies > 0 || conversationsWithTypedReply().length > 0);
    check();
    const timer = window.setInterval(check, 1_000);
    return () => window.clearInterval(timer);
  }, [version, pendingReplies]);
  useEffect(() => {
    if (version) getDesktopShell().setBusy(busy);
  }, [version, busy]);

  if (!version) return null;
  return (
    <div className="update-banner" role="status">
      <span>{requested && busy ? t('update.waiting') : t('update.ready')}</span>
      {!requested && (
        <>
          <button
            type="button"
            className="button button-primary button-small"
            onClick={() => {
              setRequested(true);
              getDesktopShell().restartToUpdate();
            }}
          >
            {t('update.restart')}
          </button>
          <button type="button" className="button button-quiet button-small" onClick={() => setVersion(null)}>
            {t('update.later')}
          </button>
        </>
      )}
    </div>
  );
}
