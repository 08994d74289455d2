import { isAltLetter, type KeyPress } from '../../lib/key-press';

/**
 * Keyboard logic of the cart panel, DOM-free so it can be unit-tested: Alt+C toggles the panel from anywhere
 * (also while typing: Alt+letter never types text on Windows, and on macOS Option+C types "ç", so the physical
 * key is checked), and ↑/↓/←/→ move through search results and their variants.
 */
export type CartToggleKey = KeyPress;

export function isCartToggle(event: CartToggleKey): boolean {
  return isAltLetter(event, 'c');
}

/** A search result as the keyboard sees it: which of its variants can be picked (in-stock ones). */
export interface ResultOptions {
  /** Indexes of pickable variants, or [-1] for a product without variants that is in stock; [] when none. */
  pickable: readonly number[];
}

export interface ResultCursor {
  row: number;
  /** Variant index within the row (-1 = the product itself, no variants). */
  option: number;
}

export function firstCursor(rows: readonly ResultOptions[]): ResultCursor | null {
  if (rows.length === 0) return null;
  return { row: 0, option: rows[0]!.pickable[0] ?? -1 };
}

export function moveCursor(rows: readonly ResultOptions[], cursor: ResultCursor | null, key: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight'): ResultCursor | null {
  if (rows.length === 0) return null;
  if (!cursor) return firstCursor(rows);
  if (key === 'ArrowUp' || key === 'ArrowDown') {
    const row = Math.min(rows.length - 1, Math.max(0, cursor.row + (key === 'ArrowDown' ? 1 : -1)));
    return row === cursor.row ? cursor : { row, option: rows[row]!.pickable[0] ?? -1 };
  }
  const pickable = rows[cursor.row]?.pickable ?? [];
  const at = pickable.indexOf(cursor.option);
  if (at < 0) return cursor;
  const next = Math.min(pickable.length - 1, Math.max(0, at + (key === 'ArrowRight' ? 1 : -1)));
  return { row: cursor.row, option: pickable[next]! };
}
