import type { CSSProperties, KeyboardEvent } from 'react';
import { tagColour } from '../../lib/tag-colour';
import { CustomerText } from '../../components/CustomerText';

/** A tag as a coloured chip; with `onRemove` it is a button (click, Delete or Backspace removes it). */
export function TagChip({
  name,
  pending = false,
  count,
  onRemove,
  removeLabel,
  small = false,
}: {
  name: string;
  pending?: boolean;
  count?: number;
  onRemove?: () => void;
  removeLabel?: string;
  small?: boolean;
}) {
  const colour = tagColour(name);
  const style = { '--chip-bg': colour.bg, '--chip-fg': colour.fg, '--chip-dot': colour.dot } as CSSProperties;
  const className = `tag-chip${pending ? ' is-pending' : ''}${small ? ' is-small' : ''}`;
  if (!onRemove) {
    return (
      <span className={className} style={style}>
        <span className="tag-chip-dot" aria-hidden="true" />
        <CustomerText text={name} />
        {count !== undefined && <span className="tag-chip-count">{count}</span>}
      </span>
    );
  }
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      onRemove();
    }
  };
  return (
    <button type="button" className={className} style={style} onClick={onRemove} onKeyDown={onKeyDown} title={removeLabel} aria-label={removeLabel}>
      <span className="tag-chip-dot" aria-hidden="true" />
      <CustomerText text={name} />
      <span className="tag-chip-x" aria-hidden="true">
        ×
      </span>
    </button>
  );
}
