import { useEffect, useRef } from 'react';
import { CustomerText } from '../../../components/CustomerText';
import { useI18n } from '../../../i18n';
import { formatFileSize } from '../media/FileCard';
import type { FileToSend } from './file-to-send';

/** "Send this?" for a pasted, dropped or picked photo or file; Enter sends, Escape cancels. */
export function SendFileDialog({ file, onSend, onCancel }: { file: FileToSend; onSend(): void; onCancel(): void }) {
  const { t } = useI18n();
  const sendRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    sendRef.current?.focus();
    return () => {
      if (file.previewUrl) URL.revokeObjectURL(file.previewUrl);
    };
  }, [file]);
  return (
    <div className="overlay" role="presentation" onMouseDown={onCancel} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <div className="dialog send-file-dialog" role="dialog" aria-modal="true" aria-labelledby="send-file-title" onMouseDown={(event) => event.stopPropagation()}>
        <h2 className="dialog-title" id="send-file-title">{t(file.type === 'image' ? 'attach.confirm.photo' : 'attach.confirm.file')}</h2>
        {file.previewUrl ? <img className="send-file-preview" src={file.previewUrl} alt={file.name} /> : null}
        <p className="send-file-name">
          <CustomerText text={file.name} /> <span className="muted">{formatFileSize(file.size)}</span>
        </p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel}>
            {t('attach.confirm.cancel')}
          </button>
          <button ref={sendRef} type="button" className="button button-primary" onClick={onSend} data-send-file>
            {t('attach.confirm.send')}
          </button>
        </div>
      </div>
    </div>
  );
}
