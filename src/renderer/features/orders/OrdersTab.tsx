import { useEffect, useRef, useState } from 'react';
import type { OrderStatus } from '../../../shared/orders/cart-schema';
import { isTextField } from '../../hooks/useShortcuts';
import { useI18n } from '../../i18n';
import { OrderDetail } from './OrderDetail';
import { OrderList } from './OrderList';
import { ORDER_STATUSES, countAll, statusLabelKey } from './order-presentation';
import type { CustomerFilter } from './OrdersView';
import { useOrders } from './useOrders';
import { CustomerText } from '../../components/CustomerText';

/** Status chips, search, the virtualised list and the selected order's details. */
export function OrdersTab({
  customer,
  onCustomerChange,
  onOpenConversation,
}: {
  customer: CustomerFilter | null;
  onCustomerChange(customer: CustomerFilter | null): void;
  onOpenConversation(conversationId: string): void;
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState<OrderStatus | null>(null);
  const [query, setQuery] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const { orders, counts, error, refresh } = useOrders({ status, query, conversationId: customer?.conversationId ?? null });
  const selected = orders?.find((order) => order.orderId === selectedId) ?? null;

  useEffect(() => {
    // "/" jumps to the search, as in the inbox (never while typing somewhere).
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTextField(event.target)) return;
      if (document.querySelector('.overlay')) return;
      event.preventDefault();
      searchRef.current?.focus();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const chips: Array<{ value: OrderStatus | null; label: string; count: number }> = [
    { value: null, label: t('orders.filter.all'), count: countAll(counts) },
    ...ORDER_STATUSES.map((value) => ({ value, label: t(statusLabelKey(value)), count: counts[value] ?? 0 })),
  ];

  return (
    <div className="orders-tab-body">
      <aside className="orders-list-pane">
        <div className="orders-tools">
          <input
            ref={searchRef}
            className="input orders-search"
            type="search"
            placeholder={t('orders.search')}
            aria-label={t('orders.search')}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          {customer && (
            <span className="orders-customer-chip">
              <CustomerText className="orders-customer-name" text={t('orders.customerFilter', { name: customer.name })} />
              <button type="button" className="orders-chip-clear" onClick={() => onCustomerChange(null)} aria-label={t('orders.customerFilter.clear')} title={t('orders.customerFilter.clear')}>
                ×
              </button>
            </span>
          )}
        </div>
        <div className="orders-status-chips" role="group" aria-label={t('orders.filter.label')}>
          {chips.map((chip) => (
            <button
              key={chip.value ?? 'all'}
              type="button"
              className={`filter-pill${status === chip.value ? ' is-on' : ''}`}
              aria-pressed={status === chip.value}
              data-status={chip.value ?? 'all'}
              onClick={() => setStatus(chip.value)}
            >
              {chip.label}
              <span className="filter-count">{chip.count}</span>
            </button>
          ))}
        </div>
        {error && (
          <p className="orders-error" role="alert">
            {t('orders.loadFailed', { message: error })}{' '}
            <button type="button" className="button button-quiet" onClick={refresh}>
              {t('orders.retry')}
            </button>
          </p>
        )}
        <OrderList
          orders={orders}
          selectedId={selectedId}
          onSelect={setSelectedId}
          // null: the shop has no order at all (explain where orders come from).
          emptyKey={customer ? (status || query.trim() ? 'orders.noMatch' : 'orders.empty.customer') : countAll(counts) === 0 ? null : 'orders.noMatch'}
        />
      </aside>
      <main className="order-detail-pane" aria-label={t('orders.detail.label')}>
        {selected ? (
          <OrderDetail
            key={selected.orderId}
            order={selected}
            onOpenConversation={onOpenConversation}
            onOnlyCustomer={customer ? null : () => onCustomerChange({ conversationId: selected.conversationId, name: selected.customerName })}
          />
        ) : (
          <p className="orders-pick muted">{orders && orders.length > 0 ? t('orders.pick') : ''}</p>
        )}
      </main>
    </div>
  );
}
