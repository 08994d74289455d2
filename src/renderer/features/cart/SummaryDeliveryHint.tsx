import { useQuota } from '../../hooks/useQuota';
import { useI18n } from '../../i18n';
import { formatNtd as formatPushPrice, pushPriceNtd } from '../../lib/quota';
import type { SummaryDelivery } from './summary-delivery';

/**
 * How an order summary would reach the customer right now (free with seconds left / when the customer writes
 * again / counted push with its price / offline), and — when no free reply is possible — the explicit consent
 * to a counted push. Shared by the cart's create bar and the order detail's 「傳送訂單摘要」.
 */
export function SummaryDeliveryHint({
  delivery,
  texts,
  consent,
  hintAttributes,
}: {
  delivery: SummaryDelivery;
  /** The sentence per mode (the cart and the order detail word offline and "no summary" differently). */
  texts: Record<SummaryDelivery['mode'], string>;
  consent: { shown: boolean; checked: boolean; label: string; onChange(checked: boolean): void; attributes?: Record<string, string> };
  hintAttributes?: Record<string, string>;
}) {
  const { t } = useI18n();
  const quota = useQuota();
  return (
    <>
      <div className={`cart-hint cart-hint-${delivery.mode}`} role="status" {...hintAttributes}>
        <span className="reply-hint-dot" aria-hidden="true" />
        <span>{texts[delivery.mode]}</span>
        {delivery.mode === 'push' && <span className="reply-hint-price">{t('composer.hint.push', { price: formatPushPrice(pushPriceNtd(quota)) })}</span>}
      </div>
      {consent.shown && (
        <label className="cart-check cart-check-push">
          <input type="checkbox" checked={consent.checked} onChange={(event) => consent.onChange(event.target.checked)} {...consent.attributes} />
          {consent.label}
        </label>
      )}
    </>
  );
}
