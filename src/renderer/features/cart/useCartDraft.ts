import { useEffect, useReducer, type Dispatch } from 'react';
import { cartReducer, type CartAction, type CartDraft } from './cart-draft';
import { loadDraft, saveDraft, type DraftStorage } from './draft-storage';

function browserStorage(): DraftStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The draft cart of one conversation, restored from and saved to localStorage on every change. */
export function useCartDraft(conversationId: string): [CartDraft, Dispatch<CartAction>] {
  const [draft, dispatch] = useReducer(cartReducer, conversationId, (id) => loadDraft(browserStorage(), id));
  useEffect(() => saveDraft(browserStorage(), conversationId, draft), [conversationId, draft]);
  return [draft, dispatch];
}
