import type { MessageSearchHit } from '../../../shared/ipc';
import { RelativeTime } from '../../components/RelativeTime';
import { useI18n } from '../../i18n';
import { useMessageSearch } from './useMessageSearch';
import { CustomerText } from '../../components/CustomerText';
import { ChannelMark } from '../../components/ChannelMark';

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
                  <span className="message-search-who">
                    <CustomerText className="message-search-name" text={hit.conversationName} />
                    <ChannelMark channel={hit.channel} />
                  </span>
                  <span className="message-search-time">
                    <RelativeTime timestamp={hit.createdAt} />
                  </span>
                </span>
                <span className="message-search-snippet">
                  {hit.direction === 'out' && <span className="message-search-you">{t('search.you')}</span>}
                  <CustomerText text={hit.snippet} highlights={hit.highlights} />
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

