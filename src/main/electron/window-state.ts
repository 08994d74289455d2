import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomically } from '../core/fs/write-file-atomically';

/** The window's size and place, remembered across launches (window-state.json in the user data folder). */

export const WINDOW_STATE_FILENAME = 'window-state.json';
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
export const MIN_WINDOW_SIZE = { width: 900, height: 600 } as const;

const windowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof windowStateSchema>;

interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RestoredBounds {
  width: number;
  height: number;
  /** Absent: let the system centre the window. */
  x?: number;
  y?: number;
  maximized: boolean;
}

/**
 * Where to open the window: the saved place if enough of it lies on a screen that exists now (a monitor may
 * have been unplugged), shrunk to fit that screen; otherwise the default size, centred.
 */
export function restoreBounds(saved: unknown, workAreas: readonly Area[]): RestoredBounds {
  const parsed = windowStateSchema.safeParse(saved);
  if (!parsed.success) return { ...DEFAULT_WINDOW_SIZE, maximized: false };
  const state = parsed.data;
  const visible = workAreas.find((area) => {
    const overlapX = Math.min(state.x + state.width, area.x + area.width) - Math.max(state.x, area.x);
    const overlapY = Math.min(state.y + state.height, area.y + area.height) - Math.max(state.y, area.y);
    return overlapX >= 100 && overlapY >= 50;
  });
  if (!visible) {
    return { width: Math.max(MIN_WINDOW_SIZE.width, state.width), height: Math.max(MIN_WINDOW_SIZE.height, state.height), maximized: state.maximized };
  }
  const width = Math.max(MIN_WINDOW_SIZE.width, Math.min(state.width, visible.width));
  const height = Math.max(MIN_WINDOW_SIZE.height, Math.min(state.height, visible.height));
  const x = Math.min(Math.max(state.x, visible.x), visible.x + visible.width - width);
  const y = Math.min(Math.max(state.y, visible.y), visible.y + visible.height - height);
  return { x, y, width, height, maximized: state.maximized };
}

export function readWindowState(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

export async function writeWindowState(path: string, state: WindowState): Promise<void> {
  await writeFileAtomically(path, JSON.stringify(windowStateSchema.parse(state)), 0o600);
}

/** What a window reports: its bounds when not maximized, so un-maximizing next time lands in the same place. */
export function stateOf(window: { getNormalBounds(): Area; isMaximized(): boolean }): WindowState {
  const bounds = window.getNormalBounds();
  return { x: Math.round(bounds.x), y: Math.round(bounds.y), width: Math.round(bounds.width), height: Math.round(bounds.height), maximized: window.isMaximized() };
}
