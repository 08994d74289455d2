/**
 * Characters in customer-controlled text that act instead of showing: bidi controls that reorder what
 * surrounds them ("evil" behind U+202E shows as "live"), zero-width and other format characters, control
 * characters, tag characters (invisible ASCII) and variation selectors that modify nothing. The renderer
 * shows each as a small visible marker; the tag normaliser removes them.
 *
 * Legitimate uses stay untouched, decided by context:
 * - ZWJ between emoji (👨‍👩‍👧, 🏳️‍🌈) and ZWJ/ZWNJ after letters of scripts that join (Arabic, Persian, Indic);
 * - tag characters inside an emoji flag tag sequence (🏴󠁧󠁢󠁥󠁮󠁧󠁿: U+1F3F4, tags, U+E007F);
 * - one variation selector after a base it can modify (❤️, 1️⃣, an ideographic variation sequence after Han).
 */

export interface UnsafeCharacter {
  /** UTF-16 offset in the text. */
  index: number;
  /** UTF-16 length (2 for astral code points). */
  length: number;
  codePoint: number;
  /** Short marker text, e.g. "RLO", "ZWSP", "VS17", "TAG a", "U+0085". */
  label: string;
  /** "U+202E RIGHT-TO-LEFT OVERRIDE": for a tooltip. */
  description: string;
}

export type TextSegment =
  | { kind: 'text'; start: number; text: string }
  | ({ kind: 'unsafe'; start: number; text: string } & Pick<UnsafeCharacter, 'codePoint' | 'label' | 'description'>);

const NAMED: ReadonlyMap<number, readonly [label: string, name: string]> = new Map([
  [0x00ad, ['SHY', 'SOFT HYPHEN']],
  [0x034f, ['CGJ', 'COMBINING GRAPHEME JOINER']],
  [0x061c, ['ALM', 'ARABIC LETTER MARK']],
  [0x115f, ['HF', 'HANGUL CHOSEONG FILLER']],
  [0x1160, ['HF', 'HANGUL JUNGSEONG FILLER']],
  [0x17b4, ['KIV', 'KHMER VOWEL INHERENT AQ']],
  [0x17b5, ['KIV', 'KHMER VOWEL INHERENT AA']],
  [0x180e, ['MVS', 'MONGOLIAN VOWEL SEPARATOR']],
  [0x200b, ['ZWSP', 'ZERO WIDTH SPACE']],
  [0x200c, ['ZWNJ', 'ZERO WIDTH NON-JOINER']],
  [0x200d, ['ZWJ', 'ZERO WIDTH JOINER']],
  [0x200e, ['LRM', 'LEFT-TO-RIGHT MARK']],
  [0x200f, ['RLM', 'RIGHT-TO-LEFT MARK']],
  [0x2028, ['LSEP', 'LINE SEPARATOR']],
  [0x2029, ['PSEP', 'PARAGRAPH SEPARATOR']],
  [0x202a, ['LRE', 'LEFT-TO-RIGHT EMBEDDING']],
  [0x202b, ['RLE', 'RIGHT-TO-LEFT EMBEDDING']],
  [0x202c, ['PDF', 'POP DIRECTIONAL FORMATTING']],
  [0x202d, ['LRO', 'LEFT-TO-RIGHT OVERRIDE']],
  [0x202e, ['RLO', 'RIGHT-TO-LEFT OVERRIDE']],
  [0x2060, ['WJ', 'WORD JOINER']],
  [0x2066, ['LRI', 'LEFT-TO-RIGHT ISOLATE']],
  [0x2067, ['RLI', 'RIGHT-TO-LEFT ISOLATE']],
  [0x2068, ['FSI', 'FIRST STRONG ISOLATE']],
  [0x2069, ['PDI', 'POP DIRECTIONAL ISOLATE']],
  [0x3164, ['HF', 'HANGUL FILLER']],
  [0xfeff, ['ZWNBSP', 'ZERO WIDTH NO-BREAK SPACE']],
  [0xffa0, ['HF', 'HALFWIDTH HANGUL FILLER']],
  [0xe0001, ['LANG TAG', 'LANGUAGE TAG']],
  [0xe007f, ['CANCEL TAG', 'CANCEL TAG']],
]);

const C0_LABELS = 'NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US'.split(' ');

/** Code points that are invisible or act on their neighbours, whatever their context (ZWJ/ZWNJ/VS/tags are decided by context). */
const ALWAYS_UNSAFE = new Set([0x034f, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x2028, 0x2029, 0x3164, 0xffa0]);
/** Format characters that print visibly (Arabic number signs and other prepended concatenation marks). */
const VISIBLE_FORMAT = new Set([0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06dd, 0x070f, 0x0890, 0x0891, 0x08e2, 0x110bd, 0x110cd]);
const LAYOUT_WHITESPACE = new Set([0x09, 0x0a, 0x0d]);

const FORMAT = /^\p{Cf}$/u;
const CONTROL = /^\p{Cc}$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const EMOJI = /^\p{Emoji}$/u;
const EMOJI_MODIFIER = /^\p{Emoji_Modifier}$/u;
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
const VISIBLE_BASE = /^[\p{L}\p{M}\p{N}\p{S}\p{P}]$/u;
const HAN = /^\p{Script=Han}$/u;
// Scripts whose shaping uses ZWJ/ZWNJ on purpose (Persian "می‌خواهم", Hindi half forms…).
const JOINING_SCRIPT =
  /^[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Myanmar}\p{Script=Khmer}]$/u;

const ZWNJ = 0x200c;
const ZWJ = 0x200d;
const BLACK_FLAG = 0x1f3f4;
const VS15 = 0xfe0e;
const VS16 = 0xfe0f;

function isVariationSelector(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

function isTagCharacter(cp: number): boolean {
  return cp >= 0xe0020 && cp <= 0xe007f;
}

function char(cp: number | undefined): string {
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** The code point before `i` that a joiner attaches to, skipping a VS16 and skin-tone modifiers (🏳️‍🌈, 👩🏽‍💻). */
function emojiBaseBefore(cps: readonly number[], i: number): number | undefined {
  let at = i - 1;
  while (at >= 0 && (cps[at] === VS16 || EMOJI_MODIFIER.test(char(cps[at])))) at -= 1;
  return cps[at];
}

/** Indices of tag characters that belong to a well-formed emoji tag sequence (the flags of England, Scotland, Wales). */
function emojiTagSequenceIndices(cps: readonly number[]): Set<number> {
  const kept = new Set<number>();
  for (let i = 0; i < cps.length; i += 1) {
    if (cps[i] !== BLACK_FLAG) continue;
    let end = i + 1;
    while (end < cps.length && cps[end]! >= 0xe0020 && cps[end]! <= 0xe007e) end += 1;
    if (end > i + 1 && cps[end] === 0xe007f) for (let at = i + 1; at <= end; at += 1) kept.add(at);
  }
  return kept;
}

function variationSelectorIsMeaningful(cp: number, before: number | undefined): boolean {
  if (before === undefined || isVariationSelector(before)) return false;
  const base = char(before);
  if (cp === VS15 || cp === VS16) return EMOJI.test(base);
  if (cp >= 0xe0100) return HAN.test(base);
  return VISIBLE_BASE.test(base);
}

function joinerIsMeaningful(cps: readonly number[], i: number): boolean {
  const before = char(cps[i - 1]);
  const after = char(cps[i + 1]);
  if (JOINING_SCRIPT.test(before) && LETTER_OR_MARK.test(after)) return true;
  return cps[i] === ZWJ && PICTOGRAPHIC.test(char(emojiBaseBefore(cps, i))) && PICTOGRAPHIC.test(after);
}

function isUnsafeAt(cps: readonly number[], i: number, keptTags: ReadonlySet<number>): boolean {
  const cp = cps[i]!;
  if (cp === ZWJ || cp === ZWNJ) return !joinerIsMeaningful(cps, i);
  if (isVariationSelector(cp)) return !variationSelectorIsMeaningful(cp, cps[i - 1]);
  if (isTagCharacter(cp)) return !keptTags.has(i);
  if (ALWAYS_UNSAFE.has(cp)) return true;
  const text = char(cp);
  if (CONTROL.test(text)) return !LAYOUT_WHITESPACE.has(cp);
  return FORMAT.test(text) && !VISIBLE_FORMAT.has(cp);
}

function hex(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

function labelOf(cp: number): { label: string; description: string } {
  const named = NAMED.get(cp);
  if (named) return { label: named[0], description: `${hex(cp)} ${named[1]}` };
  if (cp < 0x20) return { label: C0_LABELS[cp]!, description: `${hex(cp)} CONTROL ${C0_LABELS[cp]}` };
  if (cp === 0x7f) return { label: 'DEL', description: `${hex(cp)} DELETE` };
  if (cp >= 0xfe00 && cp <= 0xfe0f) return { label: `VS${cp - 0xfe00 + 1}`, description: `${hex(cp)} VARIATION SELECTOR-${cp - 0xfe00 + 1}` };
  if (cp >= 0xe0100 && cp <= 0xe01ef) return { label: `VS${cp - 0xe0100 + 17}`, description: `${hex(cp)} VARIATION SELECTOR-${cp - 0xe0100 + 17}` };
  if (isTagCharacter(cp)) {
    const ascii = String.fromCharCode(cp - 0xe0000);
    return { label: `TAG ${ascii}`, description: `${hex(cp)} TAG ${ascii === ' ' ? 'SPACE' : ascii}` };
  }
  return { label: hex(cp), description: `${hex(cp)} ${CONTROL.test(char(cp)) ? 'CONTROL' : 'FORMAT'} CHARACTER` };
}

// Every code point isUnsafeAt can flag; most texts contain none, and then nothing else is looked at.
const CANDIDATE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u2028\u2029\u3164\uffa0\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/u;

/** Every character of `text` that would act invisibly, with its offset; legitimate joiners and selectors are not listed. */
export function findUnsafeCharacters(text: string): UnsafeCharacter[] {
  if (!CANDIDATE.test(text)) return [];
  const cps = Array.from(text, (c) => c.codePointAt(0)!);
  const keptTags = emojiTagSequenceIndices(cps);
  const found: UnsafeCharacter[] = [];
  let index = 0;
  cps.forEach((cp, i) => {
    const length = cp > 0xffff ? 2 : 1;
    if (isUnsafeAt(cps, i, keptTags)) found.push({ index, length, codePoint: cp, ...labelOf(cp) });
    index += length;
  });
  return found;
}

/** `text` cut into plain runs and single unsafe characters; concatenating every segment's `text` gives `text` back. */
export function segmentUnsafeText(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let at = 0;
  for (const unsafe of findUnsafeCharacters(text)) {
    if (unsafe.index > at) segments.push({ kind: 'text', start: at, text: text.slice(at, unsafe.index) });
    const { codePoint, label, description } = unsafe;
    segments.push({ kind: 'unsafe', start: unsafe.index, text: text.slice(unsafe.index, unsafe.index + unsafe.length), codePoint, label, description });
    at = unsafe.index + unsafe.length;
  }
  if (at < text.length) segments.push({ kind: 'text', start: at, text: text.slice(at) });
  return segments;
}

/** Plain-string form for places that take no markup (tooltips, `<option>`, aria-labels): each unsafe character becomes ⟨LABEL⟩. */
export function showUnsafeCharacters(text: string): string {
  return segmentUnsafeText(text)
    .map((segment) => (segment.kind === 'unsafe' ? `⟨${segment.label}⟩` : segment.text))
    .join('');
}

/** `text` without its unsafe characters (for derived values such as avatar initials). */
export function withoutUnsafeCharacters(text: string): string {
  return segmentUnsafeText(text)
    .filter((segment) => segment.kind === 'text')
    .map((segment) => segment.text)
    .join('');
}
