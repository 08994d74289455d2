import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ConnectionState, ConversationSummary } from '../../../shared/ipc';
import '../../styles/cart.css';
import '../../styles/cart-form.css';
import '../../styles/cart-orders.css';
import { useShortcut } from '../../shortcuts/ShortcutProvider';
import { CartPanel } from './CartPanel';

/**
 * Puts the cart panel beside the conversation and owns whether it is open. Open/closed is remembered across
 * conversations and reloads (an agent taking orders keeps it open); the carts themselves are per conversation.
 */

const OPEN_KEY = 'shop-inbox.cartPanel';

interface CartDockValue {
  open: boolean;
  toggle(): void;
}
const CartDockContext = createContext<CartDockValue | null>(null);

/** For the header's cart button; null outside a dock (the button then hides). */
export function useCartDock(): CartDockValue | null {
  return useContext(CartDockContext);
}

function readOpen(): boolean {
  try {
    return window.localStorage.getItem(OPEN_KEY) === '1';
  } catch {
    return false;
  }
}

function focusComposer(): void {
  document.querySelector<HTMLTextAreaElement>('textarea[data-composer]')?.focus();
}

export function CartDock({
  conversation,
  connection,
  children,
}: {
  conversation: ConversationSummary;
  connection: ConnectionState;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(readOpen);
  // Only an agent's own Alt+C or click puts the caret into the search box, not switching conversations.
  const [focusSearch, setFocusSearch] = useState(false);
  const toggle = useCallback(() => {
    setFocusSearch(true);
    setOpen((shown) => !shown);
  }, []);

  useEffect(() => {
    try {
      window.localStorage.setItem(OPEN_KEY, open ? '1' : '0');
    } catch {
      // Unavailable storage: the choice lasts for this window.
    }
  }, [open]);

  useShortcut('cart.toggle', () => {
    setFocusSearch(true);
    setOpen((shown) => {
      // Closing from inside the panel would leave focus on nothing: hand it to the composer.
      if (shown) requestAnimationFrame(focusComposer);
      return !shown;
    });
  });

  const value = useMemo(() => ({ open, toggle }), [open, toggle]);
  return (
    <CartDockContext.Provider value={value}>
      <div className={`cart-dock${open ? ' has-cart' : ''}`}>
        {children}
        {open && (
          <CartPanel
            key={conversation.id}
            conversation={conversation}
            connection={connection}
            focusSearch={focusSearch}
            onClose={() => {
              setOpen(false);
              requestAnimationFrame(focusComposer);
            }}
            onLeave={focusComposer}
          />
        )}
      </div>
    </CartDockContext.Provider>
  );
}
