import type { zhTWChannels } from './channels.zh-TW';

/** English for the channel keys (same keys as channels.zh-TW.ts). */
export const enChannels: { readonly [K in keyof typeof zhTWChannels]: string } = {
  'window.left.days': '{days} d',
  'window.left.hours': '{hours} h {minutes} m',
  'window.left.minutes': '{minutes} m',
  'window.meta.response': '24 h window: {time} left',
  'window.meta.humanAgent': 'Human-agent window (7 d): {time} left',
  'window.meta.held': 'Held until the customer writes',
  'window.webchat.online': 'Visitor online',
  'window.webchat.offline': 'Visitor offline — they will see it on their next visit',


  'filters.channel': 'Filter by channel',
  'filters.channel.all': 'All',
  'filters.channel.option': '{channel}, {count} conversations',

  'report.channels.title': 'Replies per channel',
  'report.channels.note':
    'The figures above and the savings are LINE’s: each free reply is a push not paid for. Messenger, Instagram and web chat replies are free by nature: only their counts are shown.',
  'report.channels.free': '{count} free replies',
  'report.channels.pushes': '{count} counted pushes',

  'lead.channels': 'Members per channel',
  'lead.channels.count': '{channel} {count}',
};
