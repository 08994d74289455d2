import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent } from 'react';
import type { OrderView } from '../../../shared/ipc';
import { formatNtd } from '../../../shared/orders/cart-totals';
import { Badge } from '../../components/Badge';
import { RelativeTime } from '../../components/RelativeTime';
import { SkeletonRows } from '../../components/Skeleton';
import { useI18n, type MessageKey } from '../../i18n';
import { listStepFor } from './orders-keys';
import { STATUS_TONE, neighbourId, statusLabelKey } from './order-presentation';
import { CustomerText } from '../../components/CustomerText';

const ROW_HEIGHT = 68;

export function OrderList({
  orders,
  selectedId,
  onSelect,
  emptyKey,
}: {
  orders: OrderView[] | null;
  selectedId: string | null;
  onSelect(orderId: string): void;
  /** What to say when the list is empty; null: the shop has no orders yet (the full explanation). */
  emptyKey: MessageKey | null;
}) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: orders?.length ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => orders?.[index]?.orderId ?? index,
    overscan: 8,
  });

  if (orders === null) {
    return (
      <div className="orders-list" aria-busy="true" aria-label={t('orders.loading')}>
        <SkeletonRows count={6} variant="message" />
      </div>
    );
  }
  if (orders.length === 0) {
    return emptyKey ? (
      <p className="orders-empty-line muted">{t(emptyKey)}</p>
    ) : (
      <div className="orders-empty">
        <h2>{t('orders.empty.title')}</h2>
        <p>{t('orders.empty.body')}</p>
      </div>
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = listStepFor(event);
    if (step === null || !orders) return;
    event.preventDefault();
    const next = neighbourId(orders, selectedId, step);
    if (!next) return;
    onSelect(next);
    const index = orders.findIndex((order) => order.orderId === next);
    virtualizer.scrollToIndex(index);
    // The row may only exist after the scroll renders it.
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-order-id="${next}"]`)?.focus());
  }

  return (
    <div className="orders-list" ref={scrollRef} role="listbox" aria-label={t('orders.list.label')} onKeyDown={onKeyDown}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const order = orders[item.index]!;
          return (
            <div key={item.key} className="orders-row-slot" style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
              <OrderRow order={order} selected={order.orderId === selectedId} onSelect={() => onSelect(order.orderId)} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

function OrderRow({ order, selected, onSelect }: { order: OrderView; selected: boolean; onSelect(): void }) {
  const { t } = useI18n();
  const rejected = order.sync === 'rejected';
  return (
    <button
      type="button"
      role="option"
      aria-selected={selected}
      data-order-id={order.orderId}
      className={`order-row${selected ? ' is-selected' : ''}${rejected ? ' is-rejected' : ''}`}
      onClick={onSelect}
    >
      <span className="order-row-top">
        {order.orderNo ? (
          <span className="order-no">{order.orderNo}</span>
        ) : (
          <span className="order-no order-no-pending" title={t('orders.pending.title')}>
            {t('orders.pending')}
          </span>
        )}
        {rejected && (
          <span className="order-rejected" title={order.syncError ?? undefined}>
            {t('orders.rejected')}
          </span>
        )}
        <span className="order-row-status">
          <Badge tone={STATUS_TONE[order.status]}>{t(statusLabelKey(order.status))}</Badge>
        </span>
      </span>
      <span className="order-row-bottom">
        <CustomerText className="order-customer" text={order.customerName} />
        <span className="order-meta">
          {t('orders.items', { count: order.totals.itemCount })} · <RelativeTime timestamp={order.createdAt} />
        </span>
        <span className="order-total">{formatNtd(order.totals.total)}</span>
      </span>
    </button>
  );
}
