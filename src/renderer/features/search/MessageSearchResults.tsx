import type { MessageSearchHit } from '../../../shared/ipc';
import { RelativeTime } from '../../components/RelativeTime';
import { useI18n } from '../../i18n';
import { useMessageSearch } from './useMessageSearch';

/** Messages containing the search box's text, with the match highlighted; a click (or Enter) opens the conversation at the hit. */
export function MessageSearchResults({ query, onOpen }: { query: string; onOpen(hit: MessageSearchHit): void }) {
  const { t } = useI18n();
  const { hits, failed } = useMessageSearch(query);
  return (
    <section className="message-search" aria-label={t('search.messages')}>
      <h3 className="message-search-title">
        {t('search.messages')}
        {hits && hits.length > 0 && <span className="message-search-count">{t('search.count', { count: hits.length })}</span>}
      </h3>
      {failed ? (
        <p className="message-search-empty">{t('search.failed')}</p>
      ) : hits === null ? (
        <p className="message-search-empty">{t('search.searching')}</p>
      ) : hits.length === 0 ? (
        <p className="message-search-empty">{t('search.none', { query: query.trim() })}</p>
      ) : (
        <ol className="message-search-list">
          {hits.map((hit) => (
            <li key={hit.messageId}>
              <button type="button" className="message-search-hit" onClick={() => onOpen(hit)}>
                <span className="message-search-hit-top">
                  <span className="message-search-name">{hit.conversationName}</span>
                  <span className="message-search-time">
                    <RelativeTime timestamp={hit.createdAt} />
                  </span>
                </span>
                <span className="message-search-snippet">
                  {hit.direction === 'out' && <span className="message-search-you">{t('search.you')}</span>}
                  <Highlighted hit={hit} />
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Highlighted({ hit }: { hit: MessageSearchHit }) {
  const parts: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const { start, end } of hit.highlights) {
    if (start > at) parts.push({ text: hit.snippet.slice(at, start), match: false });
    parts.push({ text: hit.snippet.slice(start, end), match: true });
    at = end;
  }
  if (at < hit.snippet.length) parts.push({ text: hit.snippet.slice(at), match: false });
  return (
    <>
      {parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </>
  );
}
