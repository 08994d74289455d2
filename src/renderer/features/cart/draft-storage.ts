import { z } from 'zod';
import { shippingMethodSchema } from '../../../shared/catalog/catalog-schema';
import { MAX_CART_LINES, cartLineSchema } from '../../../shared/orders/cart-schema';
import { EMPTY_DRAFT, isEmptyDraft, type CartDraft } from './cart-draft';

/**
 * Draft carts survive switching conversations and reloading the window: one localStorage entry per conversation
 * (a working note, not a secret). What comes back is validated; anything unreadable starts an empty cart.
 */

const PREFIX = 'shop-inbox.cart.';

const storedDraftSchema = z.object({
  lines: z.array(cartLineSchema).max(MAX_CART_LINES),
  shipping: z.object({ method: shippingMethodSchema, storeName: z.string().max(60), address: z.string().max(200) }),
  discount: z.object({ kind: z.enum(['none', 'amount', 'percent']), text: z.string().max(20) }),
  note: z.string().max(500),
});

export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function draftStorageKey(conversationId: string): string {
  return `${PREFIX}${conversationId}`;
}

export function loadDraft(storage: DraftStorage | null, conversationId: string): CartDraft {
  try {
    const raw = storage?.getItem(draftStorageKey(conversationId));
    if (!raw) return EMPTY_DRAFT;
    const parsed = storedDraftSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : EMPTY_DRAFT;
  } catch {
    return EMPTY_DRAFT;
  }
}

/** Empty drafts are removed rather than stored, so old conversations leave nothing behind. */
export function saveDraft(storage: DraftStorage | null, conversationId: string, draft: CartDraft): void {
  try {
    if (isEmptyDraft(draft)) storage?.removeItem(draftStorageKey(conversationId));
    else storage?.setItem(draftStorageKey(conversationId), JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: the draft still lives in memory for this window.
  }
}
