import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { CustomerText } from '../../../src/renderer/components/CustomerText';
import { TagChip } from '../../../src/renderer/features/tags/TagChip';
import { I18nProvider } from '../../../src/renderer/i18n';
import { customerTextParts } from '../../../src/renderer/lib/customer-text-parts';
import { matchRanges } from '../../../src/renderer/lib/mark-matches';

const render = (node: ReactNode) => renderToStaticMarkup(<I18nProvider>{node}</I18nProvider>);

describe('CustomerText', () => {
  it('shows a right-to-left override as a visible marker inside an isolated element, not as a control', () => {
    const html = render(<CustomerText className="conversation-name" text={'evil\u202elive'} />);
    expect(html).toBe(
      '<bdi class="customer-text conversation-name">evil<span class="unsafe-char" dir="ltr" title="隱藏字元（原本看不見，或會改變文字顯示順序）：U+202E RIGHT-TO-LEFT OVERRIDE" data-code-point="202E">RLO</span>live</bdi>',
    );
    expect(html).not.toContain('\u202e');
  });

  it('renders ZWJ emoji, selectors, Hebrew and Arabic names exactly as they are', () => {
    for (const text of ['👨‍👩‍👧 陳小姐', '❤️ 🏳️‍🌈', 'שלום', 'می‌خواهم محمد']) {
      expect(render(<CustomerText text={text} />)).toBe(`<bdi class="customer-text">${text}</bdi>`);
    }
  });

  it('isolates tag chips and marks what hides in them', () => {
    const html = render(<TagChip name={'V\u200bIP'} />);
    expect(html).toContain('<bdi class="customer-text">V<span class="unsafe-char" dir="ltr"');
    expect(html).toContain('>ZWSP</span>IP</bdi>');
  });

  it('keeps search highlights on the original offsets around markers', () => {
    // Snippet "a\u202e蝦皮訂單" with the hit "蝦皮" at offsets 2–4 (the RLO counts as one unit).
    const html = render(<CustomerText text={'a\u202e蝦皮訂單'} highlights={[{ start: 2, end: 4 }]} />);
    expect(html).toMatch(/^<bdi class="customer-text">a<span class="unsafe-char"[^>]*>RLO<\/span><mark>蝦皮<\/mark>訂單<\/bdi>$/);
  });
});

describe('customerTextParts', () => {
  it('marks the unsafe character itself when a highlight covers it, and splits text at highlight bounds', () => {
    expect(customerTextParts('ab\u200bcd', [{ start: 1, end: 4 }]).map((part) => [part.kind, part.text, part.match])).toEqual([
      ['text', 'a', false],
      ['text', 'b', true],
      ['unsafe', '\u200b', true],
      ['text', 'c', true],
      ['text', 'd', false],
    ]);
  });

  it('decides joiners over the whole text, so a highlight ending inside an emoji does not mark its ZWJ', () => {
    const text = '👨‍👩‍👧';
    const parts = customerTextParts(text, [{ start: 0, end: 2 }]);
    expect(parts.every((part) => part.kind === 'text')).toBe(true);
    expect(parts.map((part) => part.text).join('')).toBe(text);
  });

  it('gets the same ranges from a typed search term as the bubble marks', () => {
    expect(matchRanges('VIP 客戶 vip', 'vip')).toEqual([
      { start: 0, end: 3 },
      { start: 7, end: 10 },
    ]);
  });
});
