import { useState } from 'react';
import type { OrderView } from '../../../shared/ipc';
import { formatNtd } from '../../../shared/orders/cart-totals';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useCall } from '../../hooks/useCall';
import { useI18n } from '../../i18n';
import { DeliveryBadge } from '../conversation/DeliveryBadge';
import { ReminderHistory } from './ReminderHistory';
import { canSendSummary, SendSummaryControl } from './SendSummaryControl';
import { STATUS_TONE, statusActions, statusLabelKey, type StatusAction } from './order-presentation';
import './order-detail.css';
import { CustomerText } from '../../components/CustomerText';

/** One order: lines, shipping, totals, what the customer received, reminders and the allowed status changes. */
export function OrderDetail({
  order,
  onOpenConversation,
  onOnlyCustomer,
}: {
  order: OrderView;
  onOpenConversation(conversationId: string): void;
  /** null when the view already shows only this customer. */
  onOnlyCustomer: (() => void) | null;
}) {
  const { t, language } = useI18n();
  const call = useCall();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<StatusAction | null>(null);
  const { cart, totals } = order;
  const when = (at: number) => new Date(at).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });

  async function change(action: StatusAction) {
    setConfirming(null);
    setBusy(true);
    setFailure(null);
    const result = await call('orders:setStatus', { orderId: order.orderId, status: action.status });
    setBusy(false);
    if (result && !result.ok) setFailure(t('orders.action.failed', { message: result.message }));
  }

  const where = cart.shipping.method === 'home' ? (cart.shipping.address ?? t('orders.detail.noAddress')) : (cart.shipping.storeName ?? t('orders.detail.noStore'));
  return (
    <article className="order-detail">
      <header className="order-detail-head">
        <div className="order-detail-title">
          <h2>{order.orderNo ?? t('orders.pending')}</h2>
          <Badge tone={STATUS_TONE[order.status]}>{t(statusLabelKey(order.status))}</Badge>
          {order.statusChangedAt !== null && order.statusSource && (
            <span className="order-status-source muted">
              {t(order.statusSource === 'payment' ? 'orders.detail.statusBy.payment' : 'orders.detail.statusBy.agent', {
                status: t(statusLabelKey(order.status)),
                time: when(order.statusChangedAt),
              })}
            </span>
          )}
        </div>
        <div className="order-actions">
          {statusActions(order).map((action) => (
            <button
              key={action.status}
              type="button"
              className={`button ${action.danger ? 'button-danger-quiet' : 'button-primary'}`}
              disabled={busy}
              onClick={() => (action.confirm ? setConfirming(action) : void change(action))}
            >
              {busy ? t('orders.action.working') : t(action.labelKey)}
            </button>
          ))}
        </div>
      </header>
      <div className="order-customer-line">
        <CustomerText className="order-customer-name" text={order.customerName} />
        <button type="button" className="button button-secondary order-open" onClick={() => onOpenConversation(order.conversationId)}>
          {t('orders.detail.openConversation')}
        </button>
        {onOnlyCustomer && (
          <button type="button" className="button button-quiet" onClick={onOnlyCustomer}>
            {t('orders.detail.onlyCustomer')}
          </button>
        )}
        <span className="muted order-created">{t('orders.detail.createdBy', { agent: order.createdBy, time: when(order.createdAt) })}</span>
      </div>
      {order.sync === 'rejected' ? (
        <p className="order-alert" role="alert">
          {t('orders.rejected.detail', { message: order.syncError ?? '—' })}
        </p>
      ) : (
        order.syncError && (
          // The relay refused a status change or a summary this app queued: the order shows why.
          <p className="order-alert" role="alert">
            {t('orders.refused.detail', { message: order.syncError })}
          </p>
        )
      )}
      {failure && (
        <p className="order-alert" role="alert">
          {failure}
        </p>
      )}

      <div className="order-detail-grid">
        <section className="order-card" aria-label={t('orders.detail.lines')}>
          <h3>{t('orders.detail.lines')}</h3>
          <ul className="order-lines">
            {cart.lines.map((line, index) => (
              <li key={`${line.sku}-${line.variantId ?? ''}-${index}`} className="order-line">
                <span className="order-line-name">
                  {line.name}
                  {line.variantLabel && <span className="order-line-variant">{line.variantLabel}</span>}
                  <span className="order-line-sku muted">{line.variantId ?? line.sku}</span>
                </span>
                <span className="order-line-qty muted">{t('orders.detail.unitPrice', { price: formatNtd(line.unitPrice), quantity: line.quantity })}</span>
                <span className="order-line-total">{formatNtd(line.unitPrice * line.quantity)}</span>
              </li>
            ))}
          </ul>
          <dl className="order-totals">
            <div>
              <dt>{t('orders.detail.subtotal')}</dt>
              <dd>{formatNtd(totals.subtotal)}</dd>
            </div>
            {totals.discount > 0 && (
              <div>
                <dt>{cart.discount?.kind === 'percent' ? t('orders.detail.discountPercent', { percent: cart.discount.value }) : t('orders.detail.discount')}</dt>
                <dd>−{formatNtd(totals.discount)}</dd>
              </div>
            )}
            <div>
              <dt>{t('orders.detail.shippingFee')}</dt>
              <dd>{totals.freeShipping ? <span className="order-free">{t('orders.detail.freeShipping')}</span> : formatNtd(totals.shippingFee)}</dd>
            </div>
            <div className="order-total-row">
              <dt>{t('orders.detail.total')}</dt>
              <dd>{formatNtd(totals.total)}</dd>
            </div>
          </dl>
        </section>

        <div className="order-side">
          <section className="order-card">
            <h3>{t('orders.detail.shipping')}</h3>
            <p className="order-shipping">
              <strong>{t(`orders.detail.shipping.${cart.shipping.method}`)}</strong>
              <span>{where}</span>
            </p>
            {cart.note && (
              <>
                <h3>{t('orders.detail.note')}</h3>
                <p className="order-note">{cart.note}</p>
              </>
            )}
          </section>
          <section className="order-card">
            <h3>{t('orders.detail.summary')}</h3>
            {order.summaryQueued ? (
              <DeliveryBadge delivery="queued" reason={null} />
            ) : order.summary ? (
              <DeliveryBadge delivery={order.summary.delivery ?? 'queued'} reason={order.summary.deliveryReason} />
            ) : (
              <p className="muted">{t(order.sync === 'queued' ? 'orders.detail.summary.waiting' : 'orders.detail.summary.none')}</p>
            )}
            {canSendSummary(order) && <SendSummaryControl order={order} />}
          </section>
          <section className="order-card">
            <h3>{t('orders.detail.reminders')}</h3>
            <ReminderHistory order={order} />
          </section>
        </div>
      </div>

      {confirming && (
        <ConfirmDialog
          message={t('orders.cancel.confirm', { orderNo: order.orderNo ?? t('orders.pending'), total: formatNtd(totals.total) })}
          confirmLabel={t(confirming.labelKey)}
          cancelLabel={t('orders.cancel.keep')}
          onCancel={() => setConfirming(null)}
          onConfirm={() => void change(confirming)}
        />
      )}
    </article>
  );
}
