import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MessageView } from '../../../shared/ipc';
import { SkeletonRows } from '../../components/Skeleton';
import { useNow } from '../../hooks/useNow';
import { useI18n } from '../../i18n';
import { findMessageRowIndex } from '../../lib/message-jump';
import { buildMessageRows, type MessageRow } from '../../lib/message-rows';
import { formatDayLabel } from '../../lib/relative-time';
import { MessageBubble } from './MessageBubble';
import type { JumpOutcome } from './useMessageJump';

/** Older history is requested once the agent scrolls within this distance of the top. */
const LOAD_OLDER_THRESHOLD_PX = 300;
/** "At the bottom" with some slack, so a new message still follows the agent who is almost there. */
const STICK_TO_BOTTOM_PX = 120;
/** How long a jumped-to search hit stays highlighted: long enough to find it, short enough not to linger. */
const JUMP_HIGHLIGHT_MS = 4_000;

function DaySeparator({ timestamp }: { timestamp: number }) {
  const { t, language } = useI18n();
  const now = useNow(60_000);
  return (
    <div className="day-separator" role="separator">
      <span>{formatDayLabel(timestamp, now, t, language)}</span>
    </div>
  );
}

/** Estimated heights of content rows (a row of two photos for an image set). */
const CONTENT_ROW_HEIGHTS: Partial<Record<string, number>> = { image: 190, video: 290, audio: 100, file: 80, location: 130, sticker: 120 };

function estimateRowSize(row: MessageRow | undefined): number {
  if (!row) return 60;
  if (row.kind === 'day') return 44;
  const extra = (row.message.quoted || row.message.content?.quotedMessageId ? 28 : 0) + (row.message.senderName ? 22 : 0);
  const contentHeight = CONTENT_ROW_HEIGHTS[row.message.kind];
  if (contentHeight && !row.message.withdrawn) return contentHeight * (row.group ? Math.ceil(row.group.length / 2) : 1) + extra;
  const lines = Math.ceil(row.message.text.length / 28) + row.message.text.split('\n').length - 1;
  return 30 + lines * 22 + (row.message.delivery ? 26 : 0) + (row.firstOfRun ? 8 : 0);
}

export function MessageList({
  messages,
  loading,
  hasMore,
  loadingOlder,
  onLoadOlder,
  jump = null,
}: {
  messages: MessageView[];
  loading: boolean;
  hasMore: boolean;
  loadingOlder: boolean;
  onLoadOlder(): void;
  /** A search hit to scroll to and highlight, once its history is loaded. */
  jump?: JumpOutcome | null;
}) {
  const { t } = useI18n();
  const rows = useMemo(() => buildMessageRows(messages), [messages]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimateRowSize(rows[index]),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 10,
    paddingStart: 44,
    paddingEnd: 12,
  });

  // What was on screen before the rows changed: decides between keeping position and following the bottom.
  const previous = useRef<{ firstKey: string | null; lastKey: string | null; atBottom: boolean }>({
    firstKey: null,
    lastKey: null,
    atBottom: true,
  });
  const anchor = useRef<{ key: string; offsetFromItem: number } | null>(null);
  // Bumped by a jump: anchor corrections still running from a page that arrived just before must stop.
  const scrollGeneration = useRef(0);
  const jumpedFor = useRef<JumpOutcome | null>(null);
  // The hit the agent jumped to: incoming messages do not pull the view away while it is on screen.
  const readingId = useRef<string | null>(null);
  // What a jump shows for a moment: the highlighted hit (none when it was not found) and the spoken status.
  const [flash, setFlash] = useState<{ messageId: string | null; query: string; announcement: string } | null>(null);

  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => setFlash(null), JUMP_HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  /**
   * Older history arrived above: keep the row the agent was reading where it was. The new rows only get
   * their real heights once rendered, so the position is corrected again for a few frames.
   */
  function keepAnchorInPlace(target: { key: string; offsetFromItem: number }) {
    let frames = 0;
    const generation = scrollGeneration.current;
    const correct = () => {
      if (generation !== scrollGeneration.current) return;
      const element = scrollRef.current;
      const index = rowsRef.current.findIndex((row) => row.key === target.key);
      const item = index >= 0 ? virtualizer.measurementsCache[index] : undefined;
      if (!element || !item) return;
      const wanted = item.start + target.offsetFromItem;
      if (Math.abs(element.scrollTop - wanted) > 1) element.scrollTop = wanted;
      if (++frames < 8) requestAnimationFrame(correct);
    };
    correct();
  }
  /**
   * Shows the newest row. Rows get their real heights only once rendered (photos, cards and players are taller
   * than text), so the bottom is sought again for a few frames while the agent has not scrolled away.
   */
  function stickToBottom() {
    let frames = 0;
    const generation = ++scrollGeneration.current;
    const settle = () => {
      if (generation !== scrollGeneration.current) return;
      virtualizer.scrollToIndex(rowsRef.current.length - 1, { align: 'end' });
      if (++frames < 10) requestAnimationFrame(settle);
    };
    settle();
  }
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  function isRowOnScreen(index: number): boolean {
    const element = scrollRef.current;
    const item = index >= 0 ? virtualizer.measurementsCache[index] : undefined;
    if (!element || !item) return false;
    return item.end > element.scrollTop && item.start < element.scrollTop + element.clientHeight;
  }

  /** Scrolls a jumped-to hit to the middle and highlights it; false when it is not among the rows. */
  function landJump(outcome: JumpOutcome): boolean {
    const index = outcome.found ? findMessageRowIndex(rows, outcome.target.id) : -1;
    if (index < 0) {
      setFlash({ messageId: null, query: outcome.target.query, announcement: t('search.jumpMissing') });
      return false;
    }
    scrollGeneration.current += 1;
    readingId.current = outcome.target.id;
    // The virtualizer keeps correcting towards the index while the rows around it get their real heights.
    virtualizer.scrollToIndex(index, { align: 'center' });
    setFlash({ messageId: outcome.target.id, query: outcome.target.query, announcement: t('search.jumped') });
    return true;
  }

  useLayoutEffect(() => {
    if (rows.length === 0) return;
    const firstKey = rows[0]!.key;
    const lastKey = rows[rows.length - 1]!.key;
    const before = previous.current;
    const prepended = before.firstKey !== null && before.firstKey !== firstKey;
    const appended = before.lastKey !== lastKey;
    const lastRow = rows[rows.length - 1]!;
    const ownNewMessage = appended && lastRow.kind === 'message' && lastRow.message.direction === 'out';
    const readingHit = readingId.current !== null && isRowOnScreen(findMessageRowIndex(rows, readingId.current));

    if (jump && jumpedFor.current !== jump) {
      jumpedFor.current = jump;
      if (landJump(jump)) {
        previous.current = { firstKey, lastKey, atBottom: before.atBottom };
        return;
      }
    }
    if (before.lastKey === null || (appended && ((before.atBottom && !readingHit) || ownNewMessage))) {
      stickToBottom();
    } else if (prepended && anchor.current) {
      keepAnchorInPlace(anchor.current);
    }
    previous.current = { firstKey, lastKey, atBottom: before.atBottom };
  }, [rows, virtualizer, jump]);

  function onScroll() {
    const element = scrollRef.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_TO_BOTTOM_PX;
    previous.current.atBottom = atBottom;
    // Anchor on a message: a day separator may move when older messages of that day arrive.
    const firstVisible = virtualizer
      .getVirtualItems()
      .find((item) => item.end > element.scrollTop && rows[item.index]?.kind === 'message');
    if (firstVisible) {
      const row = rows[firstVisible.index];
      if (row) anchor.current = { key: row.key, offsetFromItem: element.scrollTop - firstVisible.start };
    }
    if (!atBottom) scrollGeneration.current += 1; // the agent scrolled away: stop seeking the bottom
    if (element.scrollTop < LOAD_OLDER_THRESHOLD_PX && hasMore && !loadingOlder) onLoadOlder();
  }

  // Mounted from the start, so screen readers already watch it when the jump's text arrives.
  const status = (
    <p className="visually-hidden" role="status" aria-live="polite">
      {flash?.announcement ?? ''}
    </p>
  );
  if (loading) {
    return (
      <>
        {status}
        <div className="message-scroll">
          <SkeletonRows count={6} variant="message" />
        </div>
      </>
    );
  }
  if (rows.length === 0) {
    return (
      <>
        {status}
        <div className="message-scroll message-scroll-empty">
          <p className="muted">{t('conversation.noMessages')}</p>
        </div>
      </>
    );
  }
  return (
    <>
      {status}
      <div className="message-scroll" ref={scrollRef} onScroll={onScroll} role="log" aria-live="polite">
        <div className="virtual-canvas" style={{ height: virtualizer.getTotalSize() }}>
          <div className="history-edge">
            {loadingOlder ? t('conversation.loadingOlder') : !hasMore ? t('conversation.start') : ''}
          </div>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="virtual-row"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {row.kind === 'day' ? (
                  <DaySeparator timestamp={row.timestamp} />
                ) : (
                  <MessageBubble
                    message={row.message}
                    firstOfRun={row.firstOfRun}
                    group={row.group}
                    mark={flash?.messageId === row.message.id ? flash.query : undefined}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
