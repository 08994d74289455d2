import { useState } from 'react';
import { LINE_SENDABLE_STICKER_PACKAGES, stickersOfPackage } from '../../../../shared/channels/line-stickers';
import { useI18n } from '../../../i18n';
import { stickerImageUrl } from './sticker-image';

/** LINE's stickers bots may send, a package at a time; arrow-free grid of buttons (Tab moves, Enter sends). */
export function StickerPicker({ onPick, onClose }: { onPick(packageId: string, stickerId: string): void; onClose(): void }) {
  const { t } = useI18n();
  const [packageId, setPackageId] = useState(LINE_SENDABLE_STICKER_PACKAGES[0]!.packageId);
  return (
    <div className="sticker-picker" role="dialog" aria-label={t('attach.sticker.title')} onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <div className="sticker-picker-packages" role="tablist">
        {LINE_SENDABLE_STICKER_PACKAGES.slice(0, 6).map((pack) => (
          <button
            key={pack.packageId}
            type="button"
            role="tab"
            aria-selected={pack.packageId === packageId}
            className={pack.packageId === packageId ? 'is-active' : ''}
            onClick={() => setPackageId(pack.packageId)}
          >
            {pack.packageId}
          </button>
        ))}
      </div>
      <div className="sticker-picker-grid">
        {stickersOfPackage(packageId).map((stickerId) => (
          <button key={stickerId} type="button" className="sticker-choice" data-sticker-choice={`${packageId}/${stickerId}`} onClick={() => onPick(packageId, stickerId)} aria-label={t('attach.sticker.one', { id: stickerId })}>
            <img src={stickerImageUrl(stickerId)} alt="" loading="lazy" onError={(event) => (event.currentTarget.style.visibility = 'hidden')} />
            <span className="sticker-choice-id">{stickerId}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
