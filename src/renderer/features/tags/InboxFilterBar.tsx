import { useCallback, useEffect, useState } from 'react';
import type { IpcOutput } from '../../../shared/ipc';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';
import { useI18n } from '../../i18n';
import { tagColour } from '../../lib/tag-colour';
import { showUnsafeCharacters } from '../../../shared/text/unsafe-characters';
import type { Channel } from '../../../shared/protocol/events';
import { ChannelFilter } from '../inbox/ChannelFilter';

export interface InboxFilterState {
  tag: string | null;
  noTags: boolean;
  unreadOnly: boolean;
  channel: Channel | null;
}
export const NO_FILTER: InboxFilterState = { tag: null, noTags: false, unreadOnly: false, channel: null };

/**
 * Unread toggle + tag / "no tags" choice + channel choice, each with its count (within unread when that is on;
 * tag counts within the channel, channel counts within the tag), all combined with AND.
 */
export function InboxFilterBar({ filter, onChange }: { filter: InboxFilterState; onChange(filter: InboxFilterState): void }) {
  const { t } = useI18n();
  const call = useCall();
  const [counts, setCounts] = useState<IpcOutput<'inbox:counts'> | null>(null);
  const refresh = useCallback(async () => {
    const fresh = await call('inbox:counts', { unreadOnly: filter.unreadOnly, channel: filter.channel, tag: filter.tag, noTags: filter.noTags });
    if (fresh) setCounts(fresh);
  }, [call, filter.unreadOnly, filter.channel, filter.tag, filter.noTags]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useChanged(['inbox', 'tags'], () => void refresh());

  const tagValue = filter.noTags ? '__none__' : (filter.tag ?? '');
  const selectedTag = filter.tag;
  return (
    <>
    <div className="inbox-filters" role="group" aria-label={t('filters.label')}>
      <button
        type="button"
        className={`filter-pill${filter.unreadOnly ? ' is-on' : ''}`}
        aria-pressed={filter.unreadOnly}
        onClick={() => onChange({ ...filter, unreadOnly: !filter.unreadOnly })}
      >
        {t('filters.unread')}
        <span className="filter-count">{counts?.unread ?? '–'}</span>
      </button>
      <label className={`filter-select${tagValue ? ' is-on' : ''}`}>
        {selectedTag && <span className="tag-chip-dot" style={{ background: tagColour(selectedTag).dot }} aria-hidden="true" />}
        <select
          aria-label={t('filters.tag')}
          value={tagValue}
          onChange={(event) => {
            const value = event.target.value;
            onChange({ ...filter, tag: value && value !== '__none__' ? value : null, noTags: value === '__none__' });
          }}
        >
          <option value="">{t('filters.allTags', { count: counts?.all ?? 0 })}</option>
          <option value="__none__">{t('filters.noTags', { count: counts?.noTags ?? 0 })}</option>
          {counts?.tags.map((tag) => (
            <option key={tag.key} value={tag.name}>
              {t('filters.tagOption', { tag: showUnsafeCharacters(tag.name), count: tag.count })}
            </option>
          ))}
        </select>
      </label>
      {(filter.tag || filter.noTags || filter.unreadOnly || filter.channel) && (
        <button type="button" className="link-button" onClick={() => onChange(NO_FILTER)}>
          {t('filters.clear')}
        </button>
      )}
    </div>
    <ChannelFilter counts={counts?.channels ?? null} selected={filter.channel} onChange={(channel) => onChange({ ...filter, channel })} />
    </>
  );
}
