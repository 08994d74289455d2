import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ConnectionState } from '../../../shared/ipc';
import type { Channel } from '../../../shared/protocol/events';
import { channelHasCountedPushes, type ChannelWindow } from '../../../shared/delivery/channel-window';
import { useInboxApi } from '../../api/api-context';
import { useToasts } from '../../components/Toasts';
import { errorText } from '../../hooks/useCall';
import { useI18n } from '../../i18n';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useNow } from '../../hooks/useNow';
import { usePendingCaret } from '../../hooks/usePendingCaret';
import { formatNtd } from '../../lib/quota';
import { composerLength } from '../../lib/composer-length';
import { replyModeAt, windowTickMs } from '../../lib/reply-mode';
import { composerActionFor } from './composer-keys';
import { ReplyHint } from './ReplyHint';
import { insertIntoDraft } from '../suggestions/suggestion-keys';
import { reportSentSuggestion, type InsertedSuggestion } from '../suggestions/suggestion-feedback';
import { useTypingPresence } from './useTypingPresence';
import { useComposerDraft } from './useComposerDraft';
import { usePreferences } from '../../desktop/preferences';
import { noteComposerText } from '../../desktop/typed-replies';
import { shortcutHint } from '../../shortcuts/ShortcutProvider';

/** A reply to put into the composer (a suggestion); `nonce` makes inserting the same reply twice work. */
export interface ComposerInsertion {
  text: string;
  nonce: number;
  /** The suggestion it came from: sending it (as is or edited) teaches the rule. */
  suggestion?: InsertedSuggestion;
}

const MAX_TEXTAREA_PX = 180;

export function Composer({
  conversationId,
  channel,
  replyWindow,
  connection,
  pushPriceNtd,
  pushBlocked,
  insertion = null,
  quoteOf = null,
  onQuoteSent,
  unreachable = false,
}: {
  conversationId: string;
  /** Decides how long a reply may be and how it is counted (LINE: UTF-16 code units, an emoji counts 2). */
  channel: Channel;
  /** The conversation's window by its channel rule: decides the hint and whether a push can be offered. */
  replyWindow: ChannelWindow;
  connection: ConnectionState;
  /** What one counted push costs on the shop's plan. */
  pushPriceNtd: number;
  /** The monthly push quota is used up: no push option. */
  pushBlocked: boolean;
  insertion?: ComposerInsertion | null;
  /** The customer message this reply answers (shown quoted on LINE); cleared once the reply is queued. */
  quoteOf?: string | null;
  onQuoteSent?: () => void;
  /** The customer blocked the account: a push would reach nobody, so none is offered (the reply waits for a follow). */
  unreachable?: boolean;
}) {
  const api = useInboxApi();
  const { t } = useI18n();
  const { notifyError } = useToasts();
  const [text, setText] = useComposerDraft(conversationId);
  const [confirmingPush, setConfirmingPush] = useState(false);
  const tick = windowTickMs(replyWindow);
  const now = useNow(tick ?? 60_000, tick !== null);
  const mode = replyModeAt(replyWindow, now, connection);
  // Counted pushes are LINE's: on Messenger, Instagram and web chat a held reply just waits for the customer.
  const offerPush = mode === 'held' && channelHasCountedPushes(channel) && !unreachable;
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const placeCaret = usePendingCaret(textareaRef);
  const presence = useTypingPresence(conversationId);
  const { sendKey } = usePreferences().preferences;
  useEffect(() => noteComposerText(conversationId, text), [conversationId, text]);
  const insertedSuggestion = useRef<InsertedSuggestion | null>(null);

  // A suggestion was picked: put it in (after any draft), focused with the caret at the end, ready to edit.
  useEffect(() => {
    if (!insertion) return;
    insertedSuggestion.current = insertion.suggestion ?? null;
    setText((current) => insertIntoDraft(current, insertion.text));
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.focus();
    placeCaret('end');
  }, [insertion]);

  useEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.style.height = 'auto';
    textarea.style.height = `${Math.min(MAX_TEXTAREA_PX, textarea.scrollHeight)}px`;
  }, [text]);

  const { length, limit, unit, remaining, counterVisible, tooLong, canSend } = composerLength(channel, text);

  async function send(push = false) {
    if (!canSend) return;
    const sending = text;
    presence.stopped();
    // Cleared at once so the agent can type the next reply; restored if the core refuses this one.
    setText('');
    const restore = () => setText((current) => (current === '' ? sending : current));
    try {
      const result = await api.invoke('reply:send', {
        conversationId,
        text: sending,
        ...(push ? { push: true } : {}),
        ...(quoteOf ? { quoteOf } : {}),
      });
      if (result.ok && quoteOf) onQuoteSent?.();
      if (!result.ok) {
        restore();
        notifyError(t('composer.failed', { message: result.message }));
      } else {
        reportSentSuggestion(api, conversationId, insertedSuggestion.current, sending);
        insertedSuggestion.current = null;
      }
    } catch (error) {
      restore();
      notifyError(t('composer.failed', { message: errorText(error) }));
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const action = composerActionFor({
      key: event.key,
      shiftKey: event.shiftKey,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      altKey: event.altKey,
      isComposing: event.nativeEvent.isComposing,
      keyCode: event.keyCode,
    }, sendKey);
    if (action === 'send') {
      event.preventDefault();
      void send();
    } else if (action === 'leave') {
      event.preventDefault();
      event.currentTarget.blur();
    }
  }

  return (
    <footer className="composer">
      <div className={`composer-box${tooLong ? ' is-invalid' : ''}`}>
        <textarea
          ref={textareaRef}
          className="composer-input"
          rows={2}
          placeholder={t(sendKey === 'ctrlEnter' ? 'composer.placeholder.ctrlEnter' : 'composer.placeholder')}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            if (event.target.value.trim() === '') presence.stopped();
            else presence.typed();
          }}
          onBlur={presence.stopped}
          onKeyDown={onKeyDown}
          aria-label={t('composer.placeholder')}
          data-composer
        />
        <div className="composer-buttons">
          <button
            type="button"
            className="button button-primary composer-send"
            disabled={!canSend}
            title={`${t('composer.send')} (${sendKey === 'ctrlEnter' ? shortcutHint('composer.send', 1) : shortcutHint('composer.send')})`}
            onClick={() => void send()}
          >
            {t('composer.send')}
          </button>
          {offerPush && !pushBlocked && (
            <button
              type="button"
              className="button button-small button-paid composer-push"
              disabled={!canSend}
              title={t('composer.pushSend.title')}
              onClick={() => setConfirmingPush(true)}
            >
              {t('composer.pushSend')}
            </button>
          )}
        </div>
      </div>
      <div className="composer-meta">
        <ReplyHint mode={mode} />
        {offerPush && !pushBlocked && <span className="reply-hint-price">{t('composer.hint.push', { price: formatNtd(pushPriceNtd) })}</span>}
        {offerPush && pushBlocked && <span className="reply-hint-price is-blocked">{t('quota.blocked')}</span>}
        {counterVisible && (
          <span className={`char-counter${tooLong ? ' is-over' : ''}`} role={tooLong ? 'alert' : undefined} data-char-counter>
            {tooLong
              ? t(`composer.tooLong.${unit}`, { max: limit, over: -remaining })
              : t('composer.counter', { count: length, max: limit, remaining })}
          </span>
        )}
      </div>
      {confirmingPush && (
        <ConfirmDialog
          message={t('composer.pushConfirm', { price: formatNtd(pushPriceNtd) })}
          confirmLabel={t('composer.pushConfirm.ok')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setConfirmingPush(false)}
          onConfirm={() => {
            setConfirmingPush(false);
            void send(true);
          }}
        />
      )}
    </footer>
  );
}
