import { segmentUnsafeText, type TextSegment } from '../../shared/text/unsafe-characters';

export interface TextRange {
  start: number;
  end: number;
}

export type CustomerTextPart =
  | { kind: 'text'; text: string; match: boolean }
  | { kind: 'unsafe'; text: string; label: string; description: string; codePoint: number; match: boolean };

function inRanges(offset: number, ranges: readonly TextRange[]): boolean {
  return ranges.some((range) => offset >= range.start && offset < range.end);
}

/**
 * The pieces to render for a customer text: plain runs and unsafe characters (see unsafe-characters.ts),
 * each marked when it lies in one of `highlights` (UTF-16 offsets into `text`, as search hits give
 * them). The unsafe characters are found over the whole text first, so a highlight boundary never
 * changes what counts as a legitimate joiner; the offsets stay those of the original text.
 */
export function customerTextParts(text: string, highlights: readonly TextRange[] = []): CustomerTextPart[] {
  const cuts = [...new Set(highlights.flatMap((range) => [range.start, range.end]))].sort((a, b) => a - b);
  return segmentUnsafeText(text).flatMap((segment: TextSegment): CustomerTextPart[] => {
    if (segment.kind === 'unsafe') {
      const { text: character, label, description, codePoint } = segment;
      return [{ kind: 'unsafe', text: character, label, description, codePoint, match: inRanges(segment.start, highlights) }];
    }
    const end = segment.start + segment.text.length;
    const bounds = [segment.start, ...cuts.filter((cut) => cut > segment.start && cut < end), end];
    return bounds.slice(0, -1).map((from, index) => ({
      kind: 'text' as const,
      text: text.slice(from, bounds[index + 1]),
      match: inRanges(from, highlights),
    }));
  });
}
