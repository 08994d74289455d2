import { OVERLAY_MAX } from '../../src/main/electron/icon-files';

/**
 * Every icon the app needs, as SVG derived from the one source image (resources/icons/icon.svg): the source
 * itself for app icons, its bubble and check for the tray, and a count badge for the Windows taskbar.
 */

export interface IconRendering {
  /** File name inside the output folder. */
  file: string;
  svg: string;
  /** Pixel width (= height). */
  size: number;
}

const UNREAD_RED = '#E5484D';

function pathData(source: string, id: string): string {
  const element = new RegExp(`<path[^>]*\\bid="${id}"[^>]*>`).exec(source)?.[0];
  const d = element && /\sd="([^"]+)"/.exec(element)?.[1];
  if (!d) throw new Error(`resources/icons/icon.svg has no <path id="${id}" d="…">`);
  return d;
}

function svg(body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${body}</svg>`;
}

function withUnreadDot(source: string): string {
  const inner = source.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  return svg(`${inner}<circle cx="25.5" cy="6.5" r="6" fill="${UNREAD_RED}" stroke="#fff" stroke-width="1.5"/>`);
}

/** The bubble with the check cut out, in black: macOS tints template images itself. */
function template(source: string): string {
  const bubble = pathData(source, 'bubble');
  const check = pathData(source, 'check');
  // Scaled up around the centre: the menu bar has no tile around the bubble.
  return svg(
    `<mask id="cut"><rect width="32" height="32" fill="#fff"/><path d="${check}" fill="none" stroke="#000" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/></mask>` +
      `<g transform="translate(16 16) scale(1.7) translate(-16 -16.2)"><path d="${bubble}" fill="#000" mask="url(#cut)"/></g>`,
  );
}

/** Seven-segment digits drawn as rectangles: crisp at 16 px and independent of installed fonts. */
const SEGMENTS: Record<string, string> = {
  '0': 'abcdef',
  '1': 'bc',
  '2': 'abged',
  '3': 'abgcd',
  '4': 'fgbc',
  '5': 'afgcd',
  '6': 'afgedc',
  '7': 'abc',
  '8': 'abcdefg',
  '9': 'abcdfg',
};

function digitRects(digit: string, x: number, y: number, width: number, height: number, stroke: number): string {
  const half = height / 2;
  const rects: Record<string, [number, number, number, number]> = {
    a: [x, y, width, stroke],
    b: [x + width - stroke, y, stroke, half + stroke / 2],
    c: [x + width - stroke, y + half - stroke / 2, stroke, half + stroke / 2],
    d: [x, y + height - stroke, width, stroke],
    e: [x, y + half - stroke / 2, stroke, half + stroke / 2],
    f: [x, y, stroke, half + stroke / 2],
    g: [x, y + half - stroke / 2, width, stroke],
  };
  return [...(SEGMENTS[digit] ?? '')]
    .map((segment) => rects[segment]!)
    .map(([rx, ry, rw, rh]) => `<rect x="${rx}" y="${ry}" width="${rw}" height="${rh}" fill="#fff"/>`)
    .join('');
}

function overlayBadge(label: string): string {
  const circle = `<circle cx="16" cy="16" r="15.5" fill="${UNREAD_RED}"/>`;
  if (label === '9+') {
    const plus = `<rect x="21" y="10" width="3.5" height="12" fill="#fff"/><rect x="16.75" y="14.25" width="12" height="3.5" fill="#fff"/>`;
    return svg(circle + digitRects('9', 4.5, 7, 10, 18, 3.5) + plus);
  }
  return svg(circle + digitRects(label, 10.5, 6, 11, 20, 3.8));
}

/** Each file with its @2x sibling. */
function atBothDensities(file: string, svgText: string, size: number): IconRendering[] {
  const at2x = file.replace(/\.png$/, '@2x.png');
  return [
    { file, svg: svgText, size },
    { file: at2x, svg: svgText, size: size * 2 },
  ];
}

/** Linux launchers pick from a set of sizes. */
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;

export function iconRenderings(source: string): IconRendering[] {
  const overlays = Array.from({ length: OVERLAY_MAX }, (_, index) => String(index + 1)).concat('9+');
  return [
    { file: 'app/icon.png', svg: source, size: 1024 },
    ...LINUX_ICON_SIZES.map((size) => ({ file: `app/linux/${size}x${size}.png`, svg: source, size })),
    { file: 'window.png', svg: source, size: 256 },
    ...atBothDensities('tray.png', source, 16),
    ...atBothDensities('tray-unread.png', withUnreadDot(source), 16),
    ...atBothDensities('trayTemplate.png', template(source), 16),
    ...overlays.flatMap((label) => atBothDensities(`overlay-${label === '9+' ? '9plus' : label}.png`, overlayBadge(label), 16)),
  ];
}

/** Sizes inside the Windows .ico and the macOS .icns. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
export const ICNS_ENTRIES: ReadonlyArray<{ type: string; size: number }> = [
  { type: 'ic11', size: 32 },
  { type: 'ic12', size: 64 },
  { type: 'ic07', size: 128 },
  { type: 'ic13', size: 256 },
  { type: 'ic08', size: 256 },
  { type: 'ic14', size: 512 },
  { type: 'ic09', size: 512 },
  { type: 'ic10', size: 1024 },
];
