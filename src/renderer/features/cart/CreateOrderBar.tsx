import { useState } from 'react';
import type { ConnectionState } from '../../../shared/ipc';
import type { ChannelWindow } from '../../../shared/delivery/channel-window';
import type { Channel } from '../../../shared/protocol/events';
import { windowTickMs } from '../../lib/reply-mode';
import { useNow } from '../../hooks/useNow';
import { useQuota } from '../../hooks/useQuota';
import { useI18n } from '../../i18n';
import { SummaryDeliveryHint } from './SummaryDeliveryHint';
import { freeSummaryHint, summaryDelivery, type SummaryDelivery } from './summary-delivery';
import { channelHasCountedPushes } from '../../../shared/delivery/channel-window';

/**
 * The create button with, above it, how the summary would reach the customer right now (the same reading of the
 * reply window as the composer) and the explicit consent for a counted push when no free reply is possible.
 */
export function CreateOrderBar({
  channel,
  replyWindow,
  connection,
  ready,
  problem,
  busy,
  onCreate,
}: {
  channel: Channel;
  replyWindow: ChannelWindow;
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
  const tick = windowTickMs(replyWindow);
  const now = useNow(tick ?? 60_000, tick !== null);
  const delivery = summaryDelivery({ sendSummary: !skipSend, push, channel, replyWindow, now, connection });
  const canPush =
    !skipSend && delivery.mode !== 'offline' && delivery.mode !== 'free' && channelHasCountedPushes(channel) && !(quota?.blocked ?? false);

  return (
    <div className="cart-create">
      <SummaryDeliveryHint
        delivery={delivery}
        texts={{
          free: freeSummaryHint(delivery, (seconds) => t('cart.hint.free', { seconds }), t),
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
