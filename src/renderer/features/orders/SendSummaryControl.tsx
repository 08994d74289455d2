import { useCallback, useEffect, useState } from 'react';
import type { OrderView } from '../../../shared/ipc';
import { useInboxApi } from '../../api/api-context';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';
import { useNow } from '../../hooks/useNow';
import { useQuota } from '../../hooks/useQuota';
import { useSyncStatus } from '../../hooks/useSyncStatus';
import { useI18n } from '../../i18n';
import { SummaryDeliveryHint } from '../cart/SummaryDeliveryHint';
import { freeSummaryHint, summaryDelivery } from '../cart/summary-delivery';
import { channelHasCountedPushes, type ChannelWindow } from '../../../shared/delivery/channel-window';
import type { Channel } from '../../../shared/protocol/events';
import { windowTickMs } from '../../lib/reply-mode';
import '../../styles/cart-form.css';

/** A summary may be (re)sent only while the order awaits payment and nothing is on its way to the customer. */
export function canSendSummary(order: OrderView): boolean {
  if (order.status !== 'awaiting_payment' || order.sync !== 'synced' || order.summaryQueued) return false;
  return order.summary === null || order.summary.delivery === 'failed' || order.summary.delivery === 'cancelled';
}

type ConversationWindow = { channel: Channel; replyWindow: ChannelWindow };
/** Until the conversation is read: LINE without a token (held, like the core would say for an unknown window). */
const UNKNOWN_WINDOW: ConversationWindow = { channel: 'line', replyWindow: { gate: 'reply_token', tokenReceivedAt: null } };

/** The conversation's reply window, kept current: the hint must read it like the composer and the cart do. */
function useConversationWindow(conversationId: string): ConversationWindow {
  const api = useInboxApi();
  const [window, setWindow] = useState<ConversationWindow>(UNKNOWN_WINDOW);
  const refresh = useCallback(() => {
    // A failed read keeps the last known window; the next change corrects it.
    api.invoke('conversation:get', { conversationId }).then(
      (conversation) => setWindow(conversation ? { channel: conversation.channel, replyWindow: conversation.replyWindow } : UNKNOWN_WINDOW),
      () => undefined,
    );
  }, [api, conversationId]);
  useEffect(refresh, [refresh]);
  useChanged([`conversation:${conversationId}`], refresh);
  return window;
}

/**
 * 「傳送訂單摘要」 for an order created without a summary or whose summary failed or was cancelled: how it would
 * reach the customer right now (the cart's hint: free / waits for the customer's next message / push with
 * consent) and the button that queues `orders:sendSummary`.
 */
export function SendSummaryControl({ order }: { order: OrderView }) {
  const { t } = useI18n();
  const call = useCall();
  const quota = useQuota();
  const connection = useSyncStatus()?.connection ?? 'connecting';
  const { channel, replyWindow } = useConversationWindow(order.conversationId);
  const tick = windowTickMs(replyWindow);
  const now = useNow(tick ?? 60_000, tick !== null);
  const [push, setPush] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const delivery = summaryDelivery({ sendSummary: true, push, channel, replyWindow, now, connection });
  const canPush = (delivery.mode === 'held' || delivery.mode === 'push') && channelHasCountedPushes(channel) && !(quota?.blocked ?? false);

  async function send() {
    setBusy(true);
    setFailure(null);
    // `push` only with consent and when no free reply is possible (the hint says push), as the cart does.
    const result = await call('orders:sendSummary', { orderId: order.orderId, ...(delivery.mode === 'push' ? { push: true } : {}) });
    setBusy(false);
    if (result && !result.ok) setFailure(t('orders.sendSummary.failed', { message: result.message }));
  }

  return (
    <div className="order-send-summary cart-create" data-send-summary>
      <SummaryDeliveryHint
        delivery={delivery}
        texts={{
          free: freeSummaryHint(delivery, (seconds) => t('orders.sendSummary.hint.free', { seconds }), t),
          held: t('orders.sendSummary.hint.held'),
          push: t('orders.sendSummary.hint.push'),
          offline: t('orders.sendSummary.hint.offline'),
          none: t('orders.sendSummary.hint.offline'),
        }}
        consent={{ shown: canPush, checked: push, label: t('orders.sendSummary.push'), onChange: setPush, attributes: { 'data-send-summary-push': '' } }}
      />
      {failure && <p className="cart-field-error">{failure}</p>}
      <button type="button" className="button button-primary" disabled={busy} onClick={() => void send()}>
        {busy ? t('orders.action.working') : t('orders.sendSummary')}
      </button>
    </div>
  );
}
