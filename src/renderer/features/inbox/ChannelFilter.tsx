import { useRef, type KeyboardEvent } from 'react';
import type { ChannelCounts } from '../../../shared/ipc';
import type { Channel } from '../../../shared/protocol/events';
import { useI18n } from '../../i18n';
import { channelFilterOptions, channelPillIndexAfterKey, nextChannelFilter } from '../../lib/channel-filter';

/**
 * All / LINE / Messenger / Instagram / 網站聊天, each with how many conversations it would list (within the tag
 * and unread choices). A radio group: Tab reaches the chosen one, arrow keys move and choose.
 */
export function ChannelFilter({
  counts,
  selected,
  onChange,
}: {
  counts: ChannelCounts | null;
  selected: Channel | null;
  onChange(channel: Channel | null): void;
}) {
  const { t } = useI18n();
  const pills = useRef<(HTMLButtonElement | null)[]>([]);
  const options = channelFilterOptions(counts, selected);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const next = channelPillIndexAfterKey(event.key, index, options.length);
    if (next === null) return;
    event.preventDefault();
    pills.current[next]?.focus();
    onChange(options[next]!.channel);
  }

  return (
    <div className="channel-filter" role="radiogroup" aria-label={t('filters.channel')}>
      {options.map((option, index) => {
        const label = t(option.labelKey);
        return (
          <button
            key={option.channel ?? 'all'}
            ref={(element) => {
              pills.current[index] = element;
            }}
            type="button"
            role="radio"
            aria-checked={option.selected}
            aria-label={t('filters.channel.option', { channel: label, count: option.count ?? 0 })}
            tabIndex={option.selected ? 0 : -1}
            className={`filter-pill channel-pill${option.selected ? ' is-on' : ''}${option.channel ? ` channel-pill-${option.channel}` : ''}`}
            data-channel-filter={option.channel ?? 'all'}
            onClick={() => onChange(nextChannelFilter(selected, option.channel))}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {option.channel && <span className={`channel-pill-dot channel-${option.channel}`} aria-hidden="true" />}
            {label}
            <span className="filter-count">{option.count ?? '–'}</span>
          </button>
        );
      })}
    </div>
  );
}
