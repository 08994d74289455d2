import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useI18n, type MessageKey } from '../../i18n';
import { CatalogTab } from '../catalog/CatalogTab';
import { ShopSettingsTab } from '../catalog/ShopSettingsTab';
import { useCatalog } from '../catalog/useCatalog';
import { OrdersTab } from './OrdersTab';
import './orders.css';

export type OrdersTabId = 'orders' | 'catalog' | 'settings';
export interface CustomerFilter {
  conversationId: string;
  name: string;
}

const TABS: ReadonlyArray<{ id: OrdersTabId; label: MessageKey }> = [
  { id: 'orders', label: 'orders.tab.orders' },
  { id: 'catalog', label: 'orders.tab.catalog' },
  { id: 'settings', label: 'orders.tab.settings' },
];

/**
 * 訂單: the shop's orders (or one customer's), the product catalog with CSV import, and the shipping and
 * payment settings — the last two are one synced document, read once here for both tabs.
 */
export function OrdersView({
  customer,
  onCustomerChange,
  onOpenConversation,
}: {
  customer: CustomerFilter | null;
  onCustomerChange(customer: CustomerFilter | null): void;
  onOpenConversation(conversationId: string): void;
}) {
  const { t } = useI18n();
  const [tab, setTab] = useState<OrdersTabId>('orders');
  const [settingsDirty, setSettingsDirty] = useState(false);
  const [leaving, setLeaving] = useState<OrdersTabId | null>(null);
  const catalog = useCatalog();

  function choose(next: OrdersTabId) {
    if (next === tab) return;
    // Unsaved settings are asked about, never silently dropped.
    if (tab === 'settings' && settingsDirty) setLeaving(next);
    else setTab(next);
  }

  return (
    <section className="orders-view" aria-label={t('nav.orders')}>
      <div className="orders-tabs" role="tablist" aria-label={t('orders.tabs.label')}>
        {TABS.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`orders-tab-${item.id}`}
            aria-selected={tab === item.id}
            aria-controls={`orders-panel-${item.id}`}
            className={`orders-tab${tab === item.id ? ' is-active' : ''}`}
            onClick={() => choose(item.id)}
          >
            {t(item.label)}
          </button>
        ))}
      </div>
      <div className="orders-panel" role="tabpanel" id={`orders-panel-${tab}`} aria-labelledby={`orders-tab-${tab}`}>
        {tab === 'orders' ? (
          <OrdersTab customer={customer} onCustomerChange={onCustomerChange} onOpenConversation={onOpenConversation} />
        ) : tab === 'catalog' ? (
          <CatalogTab info={catalog.info} reload={catalog.reload} />
        ) : (
          <ShopSettingsTab info={catalog.info} reload={catalog.reload} onDirtyChange={setSettingsDirty} />
        )}
      </div>
      {leaving && (
        <ConfirmDialog
          message={t('settings.leave')}
          confirmLabel={t('settings.leave.confirm')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setLeaving(null)}
          onConfirm={() => {
            setSettingsDirty(false);
            setTab(leaving);
            setLeaving(null);
          }}
        />
      )}
    </section>
  );
}
