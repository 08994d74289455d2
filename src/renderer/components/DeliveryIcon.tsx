import type { MessageDelivery } from '../../shared/ipc';

/** Inline SVG (not emoji/symbol glyphs): renders the same on every machine, whatever fonts it has. */
export function DeliveryIcon({ delivery }: { delivery: MessageDelivery }) {
  const common = { width: 12, height: 12, viewBox: '0 0 16 16', 'aria-hidden': true, className: 'badge-icon' } as const;
  const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;
  switch (delivery) {
    case 'queued':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6" {...stroke} />
          <path d="M8 4.8V8l2.2 1.6" {...stroke} />
        </svg>
      );
    case 'sending':
      return (
        <svg {...common} className="badge-icon badge-icon-spin">
          <path d="M13.5 8A5.5 5.5 0 1 1 8 2.5" {...stroke} />
        </svg>
      );
    case 'sent_free':
      return (
        <svg {...common}>
          <path d="m3 8.5 3.2 3L13 4.5" {...stroke} />
        </svg>
      );
    case 'held':
      return (
        <svg {...common}>
          <path d="M5.5 3.5v9M10.5 3.5v9" {...stroke} strokeWidth={2.2} />
        </svg>
      );
    case 'sent_push':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6" {...stroke} />
          <path d="M8 4.5v7M10 6.2c-.4-.6-1.1-.9-2-.9-1.1 0-2 .6-2 1.4 0 1.9 4 .9 4 2.7 0 .8-.9 1.4-2 1.4-.9 0-1.7-.4-2.1-1" {...stroke} strokeWidth={1.4} />
        </svg>
      );
    case 'failed':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6.5" fill="currentColor" />
          <path d="M8 4.5v4.2" stroke="#fff" strokeWidth={1.8} strokeLinecap="round" />
          <circle cx="8" cy="11.3" r="1" fill="#fff" />
        </svg>
      );
    case 'cancelled':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6" {...stroke} />
          <path d="m4 12 8-8" {...stroke} />
        </svg>
      );
  }
}
