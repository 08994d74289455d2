import { isAltLetter, type KeyPress } from '../../lib/key-press';

/**
 * The team inbox's keys, DOM-free so they can be unit-tested. Alt+letter works from anywhere, also while typing
 * a reply (it types nothing there): Alt+A assign to me, Alt+D mark done, Alt+N next conversation that needs a
 * reply, Alt+M switch between reply and internal note.
 */
export type WorkflowAction = 'assignMe' | 'done' | 'nextWaiting' | 'noteMode';

export function workflowShortcutFor(event: KeyPress): WorkflowAction | null {
  if (isAltLetter(event, 'a')) return 'assignMe';
  if (isAltLetter(event, 'd')) return 'done';
  if (isAltLetter(event, 'n')) return 'nextWaiting';
  if (isAltLetter(event, 'm')) return 'noteMode';
  return null;
}
