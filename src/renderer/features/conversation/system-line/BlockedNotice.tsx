import { useI18n } from '../../../i18n';

/** Above the composer of a customer who blocked the account: replies cannot reach them. */
export function BlockedNotice() {
  const { t } = useI18n();
  return (
    <p className="composer-blocked" role="status" data-blocked-notice>
      {t('composer.blocked')}
    </p>
  );
}
