import { useRef, useState } from 'react';
import type { Channel } from '../../../../shared/protocol/events';
import { useInboxApi } from '../../../api/api-context';
import { useToasts } from '../../../components/Toasts';
import { errorText } from '../../../hooks/useCall';
import { useI18n } from '../../../i18n';
import { readFileToSend, type FileToSend } from './file-to-send';
import { SendFileDialog } from './SendFileDialog';
import { StickerPicker } from './StickerPicker';

/**
 * Photos, files and (on LINE) stickers for the composer: a file button, a sticker picker, and the confirmation of
 * a picked, dropped or pasted file. Sent like replies (queued offline, free when the window allows).
 */
export function AttachmentBar({
  conversationId,
  channel,
  pending,
  onPending,
  quoteOf,
  onQuoteSent,
}: {
  conversationId: string;
  channel: Channel;
  /** A dropped or pasted file waiting for the agent's OK (owned by the conversation view). */
  pending: FileToSend | null;
  onPending(file: FileToSend | null): void;
  quoteOf: string | null;
  onQuoteSent(): void;
}) {
  const api = useInboxApi();
  const { t } = useI18n();
  const { notifyError } = useToasts();
  const fileInput = useRef<HTMLInputElement>(null);
  const [stickersOpen, setStickersOpen] = useState(false);

  async function send(content: Parameters<typeof api.invoke<'reply:sendContent'>>[1]['content']) {
    try {
      const result = await api.invoke('reply:sendContent', { conversationId, content, ...(quoteOf ? { quoteOf } : {}) });
      if (!result.ok) notifyError(t('attach.failed', { message: result.message }));
      else if (quoteOf) onQuoteSent();
    } catch (error) {
      notifyError(t('attach.failed', { message: errorText(error) }));
    }
  }

  return (
    <div className="attachment-bar">
      <>
          <button type="button" className="attachment-button" onClick={() => fileInput.current?.click()} data-attach-file>
            {t('attach.file')}
          </button>
          <input
            ref={fileInput}
            type="file"
            hidden
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) void readFileToSend(file).then(onPending);
            }}
          />
      </>
      {channel === 'line' && (
        <button type="button" className="attachment-button" aria-expanded={stickersOpen} onClick={() => setStickersOpen((open) => !open)} data-attach-sticker>
          {t('attach.sticker')}
        </button>
      )}
      <span className="attachment-hint">{t('attach.hint')}</span>
      {stickersOpen && (
        <StickerPicker
          onClose={() => setStickersOpen(false)}
          onPick={(packageId, stickerId) => {
            setStickersOpen(false);
            void send({ type: 'sticker', packageId, stickerId });
          }}
        />
      )}
      {pending && (
        <SendFileDialog
          file={pending}
          onCancel={() => onPending(null)}
          onSend={() => {
            onPending(null);
            void send({ type: pending.type, name: pending.name, contentType: pending.contentType, dataBase64: pending.dataBase64 });
          }}
        />
      )}
    </div>
  );
}
