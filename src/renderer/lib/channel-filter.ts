import type { ChannelCounts } from '../../shared/ipc';
import type { Channel } from '../../shared/protocol/events';
import type { MessageKey } from '../i18n/messages';

/** The inbox's channel choices in the order agents see them: All first, then LINE, Meta, the shop's own chat. */
export const CHANNEL_FILTER_ORDER: readonly Channel[] = ['line', 'messenger', 'instagram', 'webchat'];

export interface ChannelFilterOption {
  channel: Channel | null;
  labelKey: MessageKey;
  /** null while the counts are not known yet. */
  count: number | null;
  selected: boolean;
}

/** "All" plus one choice per channel, each with how many conversations picking it would list. */
export function channelFilterOptions(counts: ChannelCounts | null, selected: Channel | null): ChannelFilterOption[] {
  const all = counts ? CHANNEL_FILTER_ORDER.reduce((sum, channel) => sum + counts[channel], 0) : null;
  return [
    { channel: null, labelKey: 'filters.channel.all', count: all, selected: selected === null },
    ...CHANNEL_FILTER_ORDER.map((channel) => ({
      channel,
      labelKey: `channel.${channel}` as const,
      count: counts ? counts[channel] : null,
      selected: selected === channel,
    })),
  ];
}

/** Picking the chosen channel again goes back to All (the pills work as a toggle too). */
export function nextChannelFilter(current: Channel | null, picked: Channel | null): Channel | null {
  return picked === current ? null : picked;
}

/** Arrow keys move between the pills (roving focus); Home/End jump to the ends. Returns the index to focus. */
export function channelPillIndexAfterKey(key: string, index: number, length: number): number | null {
  if (key === 'ArrowRight' || key === 'ArrowDown') return (index + 1) % length;
  if (key === 'ArrowLeft' || key === 'ArrowUp') return (index - 1 + length) % length;
  if (key === 'Home') return 0;
  if (key === 'End') return length - 1;
  return null;
}
