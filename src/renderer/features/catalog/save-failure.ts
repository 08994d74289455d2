import type { MessageKey } from '../../i18n/messages';

/**
 * catalog:save's refusals that deserve their own sentence (a conflict means: start again from the newest
 * catalog; offline means: the catalog only saves on the relay). Other codes show the relay's message.
 */
export function saveFailureKey(code: string, what: 'import' | 'settings'): MessageKey | null {
  if (code === 'CONFLICT') return what === 'import' ? 'import.conflict' : 'settings.conflict';
  if (code === 'OFFLINE') return what === 'import' ? 'import.offline' : 'settings.offline';
  return null;
}
