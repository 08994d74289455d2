import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Puts the caret of a controlled textarea where it belongs after a programmatic edit (a picked mention or
 * suggestion). It is placed in the layout phase of the very render that shows the new text — not a frame
 * later — so keys typed right after the pick land after it instead of being moved back behind the caret.
 */
export function usePendingCaret(ref: RefObject<HTMLTextAreaElement | null>): (position: number | 'end') => void {
  const pending = useRef<number | 'end' | null>(null);
  useLayoutEffect(() => {
    const textarea = ref.current;
    const position = pending.current;
    if (!textarea || position === null) return;
    pending.current = null;
    const offset = position === 'end' ? textarea.value.length : position;
    textarea.setSelectionRange(offset, offset);
  });
  return (position) => {
    pending.current = position;
  };
}
