import type { ConnectionState } from '../../../shared/ipc';
import { useNow } from '../../hooks/useNow';
import { useI18n } from '../../i18n';
import { replyModeAt } from '../../lib/reply-mode';

/** Says, before the agent presses Enter, whether this reply goes out free, is held, or waits offline. */
export function ReplyHint({ openedAt, connection }: { openedAt: number | null; connection: ConnectionState }) {
  const { t } = useI18n();
  const now = useNow(1_000, openedAt !== null);
  const mode = replyModeAt(openedAt, now, connection);
  const text = mode === 'free' ? t('composer.hint.free') : mode === 'held' ? t('composer.hint.held') : t('composer.hint.offline');
  return (
    <span className={`reply-hint reply-hint-${mode}`}>
      <span className="reply-hint-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
