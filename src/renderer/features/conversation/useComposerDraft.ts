import { useEffect, useRef, useState } from 'react';
import { useInboxApi } from '../../api/api-context';
import { DraftSaver, draftAfterLoad } from './draft-saver';

/** Switching back and forth between conversations shows the draft at once, before the core answers. */
const shownDrafts = new Map<string, string>();

/**
 * The composer's text for one conversation, kept in the local store (offline triage means drafts too):
 * restored when the conversation opens, saved shortly after each change and when the composer goes away.
 * The core clears it when the reply is sent (`reply:send`).
 */
export function useComposerDraft(conversationId: string): [string, (update: string | ((current: string) => string)) => void] {
  const api = useInboxApi();
  const [text, setText] = useState(() => shownDrafts.get(conversationId) ?? '');
  const loaded = useRef(false);
  const saver = useRef<DraftSaver | null>(null);
  if (!saver.current) {
    saver.current = new DraftSaver(conversationId, (id, draft) => api.invoke('drafts:save', { conversationId: id, text: draft }));
  }

  useEffect(() => {
    const atOpen = shownDrafts.get(conversationId) ?? '';
    let cancelled = false;
    api.invoke('drafts:get', { conversationId }).then(
      (stored) => {
        if (cancelled) return;
        loaded.current = true;
        setText((now) => {
          const next = draftAfterLoad(atOpen, now, stored.text);
          if (next !== stored.text) saver.current?.changed(next);
          return next;
        });
      },
      () => {
        // The core could not answer: keep what is shown, and save what the agent types from now on.
        loaded.current = true;
      },
    );
    const current = saver.current;
    return () => {
      cancelled = true;
      current?.flush();
    };
  }, [api, conversationId]);

  useEffect(() => {
    shownDrafts.set(conversationId, text);
    // Before the stored draft is read, an empty composer must not overwrite it.
    if (loaded.current) saver.current?.changed(text);
  }, [conversationId, text]);

  return [text, setText];
}
