import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ConversationSummary } from '../../../shared/ipc';
import { CustomerPanel } from './CustomerPanel';

/** Puts the customer panel beside the thread; open or closed is remembered (open the first time). */
const OPEN_KEY = 'shop-inbox.customerPanel';

interface CustomerDockValue {
  open: boolean;
  toggle(): void;
}
const CustomerDockContext = createContext<CustomerDockValue | null>(null);

export function useCustomerDock(): CustomerDockValue | null {
  return useContext(CustomerDockContext);
}

function readOpen(): boolean {
  try {
    return window.localStorage.getItem(OPEN_KEY) !== '0';
  } catch {
    return true;
  }
}

export function CustomerDock({
  conversation,
  onOpenConversation,
  children,
}: {
  conversation: ConversationSummary;
  onOpenConversation?: (conversationId: string) => void;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(readOpen);
  const toggle = useCallback(() => setOpen((shown) => !shown), []);
  useEffect(() => {
    try {
      window.localStorage.setItem(OPEN_KEY, open ? '1' : '0');
    } catch {
      // Unavailable storage: the choice lasts for this window.
    }
  }, [open]);
  const value = useMemo(() => ({ open, toggle }), [open, toggle]);
  return (
    <CustomerDockContext.Provider value={value}>
      <div className={`customer-dock${open ? ' has-customer' : ''}`}>
        {children}
        {open && <CustomerPanel key={conversation.id} conversation={conversation} onClose={() => setOpen(false)} onOpenConversation={onOpenConversation} />}
      </div>
    </CustomerDockContext.Provider>
  );
}

/** The header's 「顧客資料」 button. */
export function CustomerToggleButton({ label }: { label: string }) {
  const dock = useCustomerDock();
  if (!dock) return null;
  return (
    <button type="button" className={`button button-small customer-toggle${dock.open ? ' is-active' : ''}`} aria-pressed={dock.open} onClick={dock.toggle}>
      {label}
    </button>
  );
}
