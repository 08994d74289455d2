import { useEffect, useRef, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { showUnsafeCharacters } from '../../../shared/text/unsafe-characters';
import { Avatar } from '../../components/Avatar';
import { CustomerText } from '../../components/CustomerText';
import { useI18n } from '../../i18n';
import { TagEditor } from '../tags/TagEditor';
import { memberName } from './member-name';

export interface MemberRef {
  memberId: string;
  displayName: string | null;
  pictureUrl: string | null;
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/**
 * One group member's tags, over the conversation: the same tag editor as a one-to-one customer's (the member id is
 * the person's friend id). Opens with the tag field focused; Escape or the close button closes it and focus goes
 * back where it was; Tab stays inside.
 */
export function MemberTagDialog({ member, groupName, onClose }: { member: MemberRef; groupName: string; onClose(): void }) {
  const { t } = useI18n();
  const dialogRef = useRef<HTMLDivElement>(null);
  const name = memberName(member, t);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialogRef.current?.querySelector<HTMLInputElement>('.tag-input')?.focus();
    return () => opener?.focus();
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape' && !event.nativeEvent.isComposing) {
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Tab') {
      const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  return createPortal(
    <div className="member-tag-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={dialogRef}
        className="member-tag-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={t('groups.member.dialogTitle', { name: showUnsafeCharacters(name) })}
        data-member-id={member.memberId}
        onKeyDown={onKeyDown}
      >
        <header className="member-tag-header">
          <Avatar name={name} pictureUrl={member.pictureUrl} size={40} />
          <div className="member-tag-heading">
            <h2>
              <CustomerText text={t('groups.member.dialogTitle', { name })} />
            </h2>
            <p className="muted">
              <CustomerText text={t('groups.member.of', { group: groupName })} />
            </p>
          </div>
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('groups.member.close')} title={t('groups.member.close')}>
            ×
          </button>
        </header>
        <TagEditor key={member.memberId} friendId={member.memberId} />
      </div>
    </div>,
    document.body,
  );
}
