import { useCallback } from 'react';
import type { IpcChannel, IpcInput, IpcOutput } from '../../shared/ipc';
import { useInboxApi } from '../api/api-context';
import { useToasts } from '../components/Toasts';
import { useI18n } from '../i18n';

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Invokes a channel and turns a thrown failure into a toast; resolves to undefined then,
 * so callers keep what they show instead of going blank.
 */
export function useCall() {
  const api = useInboxApi();
  const { notifyError } = useToasts();
  const { t } = useI18n();
  return useCallback(
    async <C extends IpcChannel>(channel: C, input: IpcInput<C>): Promise<IpcOutput<C> | undefined> => {
      try {
        return await api.invoke(channel, input);
      } catch (error) {
        notifyError(t('errors.invoke', { message: errorText(error) }));
        return undefined;
      }
    },
    [api, notifyError, t],
  );
}
