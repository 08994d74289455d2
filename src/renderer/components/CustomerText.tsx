import { Fragment } from 'react';
import { useI18n } from '../i18n';
import { customerTextParts, type TextRange } from '../lib/customer-text-parts';

/**
 * Every piece of text a customer (or anyone outside the app) controls goes through here: display names,
 * message texts and previews, search hits, tag names, order customer names, messages quoting them.
 * `<bdi>` isolates it, so a right-to-left name or a stray override cannot reorder the UI around it; each
 * bidi control or invisible character inside is shown as a small marker instead of acting (the text
 * "evil" behind U+202E shows as ⟨RLO⟩evil, not "live"). Emoji sequences, Arabic and Hebrew are left as they are.
 * `highlights` (UTF-16 offsets into `text`) are wrapped in `<mark>`.
 */
export function CustomerText({ text, highlights, className }: { text: string; highlights?: readonly TextRange[]; className?: string }) {
  const { t } = useI18n();
  return (
    <bdi className={className ? `customer-text ${className}` : 'customer-text'}>
      {customerTextParts(text, highlights).map((part, index) => {
        const content =
          part.kind === 'unsafe' ? (
            // dir="ltr" isolates the marker too: its Latin label must not join a right-to-left run.
            <span
              className="unsafe-char"
              dir="ltr"
              title={t('text.hiddenCharacter', { character: part.description })}
              data-code-point={part.codePoint.toString(16).toUpperCase().padStart(4, '0')}
            >
              {part.label}
            </span>
          ) : (
            part.text
          );
        return part.match ? <mark key={index}>{content}</mark> : <Fragment key={index}>{content}</Fragment>;
      })}
    </bdi>
  );
}
