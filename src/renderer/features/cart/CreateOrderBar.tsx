import { useState } from 'react';
import type { ConnectionState } from '../../../shared/ipc';
import { useNow } from '../../hooks/useNow';
import { useQuota } from '../../hooks/useQuota';
import { useI18n } from '../../i18n';
import { SummaryDeliveryHint } from './SummaryDeliveryHint';
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
      <SummaryDeliveryHint
        delivery={delivery}
        texts={{
          free: t('cart.hint.free', { seconds: delivery.mode === 'free' ? delivery.secondsLeft : 0 }),
          held: t('cart.hint.held'),
          push: t('cart.hint.push'),
          offline: t('cart.hint.offline'),
          none: t('cart.hint.none'),
        }}
        consent={{ shown: canPush, checked: push, label: t('cart.push.consent'), onChange: setPush, attributes: { 'data-cart-push': '' } }}
        hintAttributes={{ 'data-cart-hint': '' }}
      />
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
