import { createContext, useContext } from 'react';
import type { MessageView } from '../../../../shared/ipc/views';

/** Lets a message's "reply" button pick the message the next reply quotes (null outside a quoting conversation). */
export const QuoteContext = createContext<((message: MessageView) => void) | null>(null);

export function useQuoteAction(): ((message: MessageView) => void) | null {
  return useContext(QuoteContext);
}
