import { useCallback, useEffect, useState } from 'react';
import type { ConversationSummary, CustomerPanel as CustomerPanelData } from '../../../shared/ipc';
import type { Channel } from '../../../shared/protocol/events';
import { Avatar } from '../../components/Avatar';
import { ChannelMark } from '../../components/ChannelMark';
import { CustomerText } from '../../components/CustomerText';
import { RelativeTime } from '../../components/RelativeTime';
import { useToasts } from '../../components/Toasts';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';
import { useI18n } from '../../i18n';
import { CustomerOrders } from '../cart/CustomerOrders';
import { TagChip } from '../tags/TagChip';
import { GroupMembersSection } from '../groups/GroupMembersSection';
import { isGroupChat } from '../groups/group-context';

/**
 * 顧客資料 beside the thread: who the customer is (name, picture, channel), their tags, orders with payment state,
 * first and last contact, the team's notes about them (free text, synced; saved like every change, offline too),
 * and their other conversations.
 */
export function CustomerPanel({
  conversation,
  onClose,
  onOpenConversation,
}: {
  conversation: ConversationSummary;
  onClose(): void;
  onOpenConversation?: (conversationId: string) => void;
}) {
  const { t, language } = useI18n();
  const call = useCall();
  const { notifyError } = useToasts();
  const [panel, setPanel] = useState<CustomerPanelData | null>(null);
  const [draft, setDraft] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const fresh = await call('customer:get', { conversationId: conversation.id });
    if (fresh !== undefined) setPanel(fresh);
  }, [call, conversation.id]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useChanged([`conversation:${conversation.id}`, `customer:${conversation.friendId}`, 'customer', 'inbox'], () => void refresh());

  async function saveNote() {
    if (draft === null) return;
    const result = await call('customer:setNote', { conversationId: conversation.id, text: draft });
    if (result && !result.ok) notifyError(t('workflow.failed', { message: result.message }));
    else if (result) setDraft(null);
  }

  const noteText = draft ?? panel?.note.text ?? '';
  const formatDate = (at: number | null) => (at === null ? t('team.none') : new Date(at).toLocaleString(language, { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }));
  return (
    <aside className="customer-panel" aria-label={t('customer.title')}>
      <header className="customer-panel-header">
        <h2>{t('customer.title')}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('customer.close')} title={t('customer.close')}>
          ×
        </button>
      </header>
      <div className="customer-panel-body">
        <section className="customer-identity">
          <Avatar name={conversation.displayName} pictureUrl={conversation.pictureUrl} size={56} />
          <div>
            <div className="customer-name">
              <CustomerText text={conversation.displayName} />
            </div>
            <ChannelMark channel={conversation.channel} />
          </div>
        </section>
        {!panel ? (
          <p className="customer-loading" aria-busy="true">{t('customer.loading')}</p>
        ) : (
          <>
            <dl className="customer-facts">
              <div>
                <dt>{t('customer.firstContact')}</dt>
                <dd>{formatDate(panel.firstContactAt)}</dd>
              </div>
              <div>
                <dt>{t('customer.lastContact')}</dt>
                <dd>{formatDate(panel.lastContactAt)}</dd>
              </div>
            </dl>
            {isGroupChat(conversation) ? (
              <GroupMembersSection />
            ) : (
              <section className="customer-section">
                <h3>{t('customer.tags')}</h3>
                <div className="customer-tags">
                  {(conversation.tags ?? []).length === 0 ? <span className="muted">{t('team.none')}</span> : conversation.tags!.map((tag) => <TagChip key={tag} name={tag} small />)}
                </div>
              </section>
            )}
            <section className="customer-section">
              <h3>{t('customer.notes')}</h3>
              <textarea
                className="input customer-note-input"
                rows={4}
                maxLength={4000}
                value={noteText}
                placeholder={t('customer.notes.placeholder')}
                aria-label={t('customer.notes')}
                onChange={(event) => setDraft(event.target.value)}
              />
              <div className="customer-note-meta">
                <span className="muted">
                  {panel.note.pending
                    ? t('workflow.notSynced')
                    : panel.note.updatedBy && panel.note.updatedAt !== null
                      ? t('customer.notes.updated', { name: panel.note.updatedBy, time: formatDate(panel.note.updatedAt) })
                      : ''}
                </span>
                <button type="button" className="button button-small" disabled={draft === null || draft === panel.note.text} onClick={() => void saveNote()}>
                  {t('customer.notes.save')}
                </button>
              </div>
            </section>
            <section className="customer-section">
              <h3>{t('customer.orders')}</h3>
              <CustomerOrders conversationId={conversation.id} highlightId={null} />
            </section>
            <section className="customer-section">
              <h3>{t('customer.others')}</h3>
              {panel.otherConversations.length === 0 ? (
                <p className="muted">{t('customer.others.none')}</p>
              ) : (
                <ul className="customer-others">
                  {panel.otherConversations.map((other) => (
                    <li key={other.id}>
                      <button type="button" className="customer-other" onClick={() => onOpenConversation?.(other.id)}>
                        <ChannelMark channel={other.channel as Channel} />
                        <CustomerText text={other.displayName} />
                        <span className="muted">{t(`workflow.status.${other.status}`)}</span>
                        {other.lastMessageAt !== null && <RelativeTime timestamp={other.lastMessageAt} />}
                      </button>
                      {other.sameNameOnly && <span className="customer-other-note">{t('customer.others.sameName')}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </div>
    </aside>
  );
}
