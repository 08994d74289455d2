import type { ConnectionState } from '../../../shared/ipc';
import { useI18n } from '../../i18n';

export function ConnectionPill({ connection, lastError }: { connection: ConnectionState; lastError: string | null }) {
  const { t } = useI18n();
  return (
    <span className={`connection-pill connection-${connection}`} title={lastError ?? undefined} role="status">
      <span className="connection-dot" aria-hidden="true" />
      {t(`connection.${connection}`)}
    </span>
  );
}
