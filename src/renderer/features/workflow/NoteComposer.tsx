import { useRef, useState, type KeyboardEvent } from 'react';
import { useToasts } from '../../components/Toasts';
import { useCall } from '../../hooks/useCall';
import { usePendingCaret } from '../../hooks/usePendingCaret';
import { useI18n } from '../../i18n';
import { insertMention, mentionAtCaret, mentionCandidates } from './mention-input';
import { useWorkflowContext } from './workflow-context';
import { LockIcon } from './ThreadLines';

/**
 * Writes an internal note: only the team sees it, it is never sent to any channel. Typing "@" offers colleagues
 * (↑/↓, Tab or Enter to pick); Enter adds the note, Shift+Enter a new line. Works offline (queued like a reply).
 */
export function NoteComposer({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const call = useCall();
  const { notifyError } = useToasts();
  const team = useWorkflowContext();
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [highlight, setHighlight] = useState(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  const placeCaret = usePendingCaret(ref);
  const mention = mentionAtCaret(text, caret);
  const candidates = mention ? mentionCandidates(team.team.map((member) => member.name).filter((name) => name !== team.me), mention.query) : [];

  async function add() {
    const note = text.trim();
    if (note === '') return;
    const result = await call('workflow:addNote', { conversationId, text: note });
    if (result && !result.ok) {
      notifyError(t('note.failed', { message: result.message }));
      return;
    }
    if (result) setText('');
  }

  function pick(name: string) {
    if (!mention) return;
    const next = insertMention(text, caret, mention.start, name);
    setText(next.text);
    setCaret(next.caret);
    placeCaret(next.caret);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return;
    if (candidates.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setHighlight((index) => (index + (event.key === 'ArrowDown' ? 1 : -1) + candidates.length) % candidates.length);
        return;
      }
      if (event.key === 'Tab' || event.key === 'Enter') {
        event.preventDefault();
        pick(candidates[Math.min(highlight, candidates.length - 1)]!);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void add();
    }
  }

  return (
    <footer className="composer note-composer">
      {candidates.length > 0 && (
        <ul className="mention-suggestions" role="listbox" aria-label={t('note.mentionSuggestions')}>
          {candidates.map((name, index) => (
            <li key={name} role="option" aria-selected={index === highlight}>
              <button type="button" onMouseDown={(event) => event.preventDefault()} onClick={() => pick(name)}>
                @{name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="composer-box note-box">
        <textarea
          ref={ref}
          className="composer-input"
          rows={2}
          value={text}
          placeholder={t('note.placeholder')}
          aria-label={t('note.tab')}
          data-note-composer
          onChange={(event) => {
            setText(event.target.value);
            setCaret(event.target.selectionStart);
            setHighlight(0);
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="button note-send" disabled={text.trim() === ''} onClick={() => void add()}>
          {t('note.send')}
        </button>
      </div>
      <div className="composer-meta">
        <span className="note-hint">
          <LockIcon /> {t('note.hint')}
        </span>
      </div>
    </footer>
  );
}
