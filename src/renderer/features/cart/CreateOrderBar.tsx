import { useState } from 'react';
import type { ConnectionState } from '../../../shared/ipc';
import { useNow } from '../../hooks/useNow';
import { useQuota } from '../../hooks/useQuota';
import { useI18n } from '../../i18n';
import { formatNtd as formatPushPrice, pushPriceNtd } from '../../lib/quota';
import { summaryDelivery, type SummaryDelivery } from './summary-delivery';

/**
 * The create button with, above it, how the summary would reach the customer right now (the same reading of the
 * reply window as the composer) and the explicit consent for a counted push when no free reply is possible.
 */
export function CreateOrderBar({
  replyWindowOpenedAt,
  connection,
  ready,
  problem,
  busy,
  onCreate,
}: {
  replyWindowOpenedAt: number | null;
  connection: ConnectionState;
  /** The cart is complete and valid. */
  ready: boolean;
  /** Why the order cannot be created yet (shown instead of creating), or null. */
  problem: string | null;
  busy: boolean;
  onCreate(sendSummary: boolean, delivery: SummaryDelivery): void;
}) {
  const { t } = useI18n();
  const quota = useQuota();
  const [skipSend, setSkipSend] = useState(false);
  const [push, setPush] = useState(false);
  const now = useNow(1_000, replyWindowOpenedAt !== null);
  const delivery = summaryDelivery({ sendSummary: !skipSend, push, replyWindowOpenedAt, now, connection });
  const canPush = !skipSend && delivery.mode !== 'offline' && delivery.mode !== 'free' && !(quota?.blocked ?? false);

  return (
    <div className="cart-create">
      <div className={`cart-hint cart-hint-${delivery.mode}`} role="status" data-cart-hint>
        <span className="reply-hint-dot" aria-hidden="true" />
        <span>{hintText(delivery, t)}</span>
        {delivery.mode === 'push' && <span className="reply-hint-price">{t('composer.hint.push', { price: formatPushPrice(pushPriceNtd(quota)) })}</span>}
      </div>
      {canPush && (
        <label className="cart-check cart-check-push">
          <input type="checkbox" checked={push} onChange={(event) => setPush(event.target.checked)} data-cart-push />
          {t('cart.push.consent')}
        </label>
      )}
      <label className="cart-check">
        <input type="checkbox" checked={skipSend} onChange={(event) => setSkipSend(event.target.checked)} data-cart-skip-send />
        {t('cart.sendSummary.skip')}
      </label>
      {problem && <p className="cart-field-error">{problem}</p>}
      <button
        type="button"
        className="button button-primary button-large cart-create-button"
        disabled={busy || !ready}
        onClick={() => onCreate(!skipSend, delivery)}
        data-cart-create
      >
        {busy ? t('cart.creating') : skipSend ? t('cart.createOnly') : t('cart.create')}
      </button>
    </div>
  );
}

function hintText(delivery: SummaryDelivery, t: ReturnType<typeof useI18n>['t']): string {
  switch (delivery.mode) {
    case 'free':
      return t('cart.hint.free', { seconds: delivery.secondsLeft });
    case 'held':
      return t('cart.hint.held');
    case 'push':
      return t('cart.hint.push');
    case 'offline':
      return t('cart.hint.offline');
    case 'none':
      return t('cart.hint.none');
  }
}
