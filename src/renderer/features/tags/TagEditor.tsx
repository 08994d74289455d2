import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { MAX_TAGS_PER_FRIEND, findLookalikeTag, normaliseTagName, type TagNameProblem } from '../../../shared/tags';
import { showUnsafeCharacters } from '../../../shared/text/unsafe-characters';
import { CustomerText } from '../../components/CustomerText';
import { useCall } from '../../hooks/useCall';
import { useI18n, type MessageKey } from '../../i18n';
import { TagChip } from './TagChip';
import { tagSuggestions } from './tag-suggestions';
import { useFriendTags } from './useFriendTags';
import { useShortcut } from '../../shortcuts/ShortcutProvider';

const PROBLEM_KEYS: Record<TagNameProblem, MessageKey> = {
  empty: 'tags.error.empty',
  too_long: 'tags.error.tooLong',
};

/**
 * The friend's tags in the conversation header: coloured chips, an input with autocomplete over the
 * shop's tags (create-on-type), n/10, and refusals. Keyboard: type + Enter adds, ↑/↓ picks a
 * suggestion, Backspace in the empty input removes the last tag, Delete/Backspace on a chip removes it.
 */
export function TagEditor({ friendId }: { friendId: string }) {
  const { t } = useI18n();
  const call = useCall();
  const { state, shop } = useFriendTags(friendId);
  const [typed, setTyped] = useState('');
  const [open, setOpen] = useState(false);
  const [highlight, setHighlight] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  // "T" jumps to the tag input from anywhere outside a text field, so tagging never needs the mouse.
  useShortcut('tags.add', () => inputRef.current?.focus());

  const tags = state?.tags ?? [];
  const max = state?.max ?? MAX_TAGS_PER_FRIEND;
  const full = tags.length >= max;
  const friendKeys = useMemo(() => new Set(tags.map((tag) => tag.key)), [tags]);
  const suggestions = useMemo(() => (open ? tagSuggestions(typed, shop, friendKeys) : []), [open, typed, shop, friendKeys]);

  async function add(name: string) {
    const normalised = normaliseTagName(name);
    if (!normalised.ok) {
      setError(t(PROBLEM_KEYS[normalised.problem], { max: 20 }));
      return;
    }
    // Checked here against the shop's tags for a message naming the original; the core and the relay refuse it too.
    const imitated = findLookalikeTag(normalised, shop);
    if (imitated) {
      setError(t('tags.error.lookalike', { tag: normalised.name, existing: imitated.name }));
      return;
    }
    // Cleared before the core answers: an agent typing the next tag at once must not lose characters.
    setTyped('');
    setHighlight(0);
    setError(null);
    const result = await call('tags:add', { friendId, tag: normalised.name });
    if (!result || result.ok) return;
    setTyped((current) => (current === '' ? name : current));
    setError(refusalText(result.code, normalised.name, result.message));
  }

  function refusalText(code: string, tag: string, message: string): string {
    if (code === 'TAG_LIMIT') return t('tags.error.limit', { tag, max });
    if (code === 'TAG_LOOKALIKE') return t('tags.rejected.lookalike', { tag });
    return message;
  }

  function rejectionText(rejection: { code: string; tag: string; message: string }): string {
    if (rejection.code === 'TAG_LIMIT') return t('tags.rejected.limit', { tag: rejection.tag, max });
    if (rejection.code === 'TAG_LOOKALIKE') return t('tags.rejected.lookalike', { tag: rejection.tag });
    return t('tags.rejected.other', { tag: rejection.tag, message: rejection.message });
  }

  async function remove(name: string) {
    setError(null);
    const result = await call('tags:remove', { friendId, tag: name });
    if (result && !result.ok) setError(result.message);
    inputRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter while an IME is composing (注音/倉頡) confirms the characters, not the tag.
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setHighlight((index) => (suggestions.length === 0 ? 0 : (index + step + suggestions.length) % suggestions.length));
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      const chosen = suggestions[highlight];
      if (!chosen && typed.trim() === '') return;
      event.preventDefault();
      void add(chosen?.name ?? typed);
    } else if (event.key === 'Backspace' && typed === '' && tags.length > 0) {
      event.preventDefault();
      void remove(tags[tags.length - 1]!.name);
    } else if (event.key === 'Escape') {
      setOpen(false);
      setTyped('');
      setError(null);
    }
  }

  return (
    <div className="tag-editor" data-testid="tag-editor">
      <div className="tag-editor-row">
        <div className="tag-editor-chips" role="list" aria-label={t('tags.label')}>
          {tags.map((tag) => (
            <span role="listitem" key={tag.key}>
              <TagChip name={tag.name} pending={tag.pending} onRemove={() => void remove(tag.name)} removeLabel={t('tags.remove', { tag: showUnsafeCharacters(tag.name) })} />
            </span>
          ))}
          <span className="tag-input-wrap">
            <input
              ref={inputRef}
              className="tag-input"
              value={typed}
              disabled={full}
              placeholder={full ? t('tags.full', { max }) : tags.length === 0 ? t('tags.placeholderEmpty') : t('tags.placeholder')}
              aria-label={t('tags.input')}
              title={`${t('tags.input')} (T)`}
              aria-expanded={suggestions.length > 0}
              aria-controls={`tag-suggestions-${friendId}`}
              role="combobox"
              aria-autocomplete="list"
              onChange={(event) => {
                setTyped(event.target.value);
                setHighlight(0);
                setOpen(true);
                setError(null);
              }}
              onFocus={() => setOpen(true)}
              onBlur={() => setOpen(false)}
              onKeyDown={onKeyDown}
            />
            {suggestions.length > 0 && (
              <ul className="tag-suggestions" id={`tag-suggestions-${friendId}`} role="listbox">
                {suggestions.map((suggestion, index) => (
                  <li
                    key={`${suggestion.kind}:${suggestion.name}`}
                    role="option"
                    aria-selected={index === highlight}
                    className={index === highlight ? 'is-active' : undefined}
                    onMouseDown={(event) => {
                      event.preventDefault();
                      void add(suggestion.name);
                    }}
                    onMouseEnter={() => setHighlight(index)}
                  >
                    {suggestion.kind === 'create' ? (
                      <span className="tag-suggestion-create">
                        <CustomerText text={t('tags.create', { tag: suggestion.name })} />
                      </span>
                    ) : (
                      <>
                        <TagChip name={suggestion.name} small />
                        <span className="tag-suggestion-count">{t('tags.members', { count: suggestion.count })}</span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </span>
        </div>
        <span className={`tag-counter${full ? ' is-full' : ''}`} title={t('tags.counterHint', { max })}>
          {tags.length}/{max}
        </span>
      </div>
      {error && (
        <p className="tag-error" role="alert">
          <CustomerText text={error} />
        </p>
      )}
      {state?.rejections.map((rejection) => (
        <p className="tag-rejection" role="alert" key={rejection.mutationId}>
          <span>
            <CustomerText text={rejectionText(rejection)} />
          </span>
          <button type="button" className="link-button" onClick={() => void call('tags:dismissRejection', { mutationId: rejection.mutationId })}>
            {t('tags.dismiss')}
          </button>
        </p>
      ))}
    </div>
  );
}
