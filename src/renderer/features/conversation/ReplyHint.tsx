import { useI18n } from '../../i18n';
import type { ReplyMode } from '../../lib/reply-mode';

/** Says, before the agent presses Enter, whether this reply goes out free, is held, or waits offline. */
export function ReplyHint({ mode }: { mode: ReplyMode }) {
  const { t } = useI18n();
  const text = mode === 'free' ? t('composer.hint.free') : mode === 'held' ? t('composer.hint.held') : t('composer.hint.offline');
  return (
    <span className={`reply-hint reply-hint-${mode}`} role="status">
      <span className="reply-hint-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
