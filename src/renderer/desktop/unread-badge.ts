/** The unread count in the browser tab: "(3) 店家收件匣 · Shop Inbox" and a favicon with a red dot. */

export function titleWithUnread(baseTitle: string, count: number): string {
  const bare = baseTitle.replace(/^\(\d+\+?\)\s*/, '');
  if (count <= 0) return bare;
  return `(${count > 99 ? '99+' : count}) ${bare}`;
}

/** The product mark's shapes (resources/icons/icon.svg), drawn with Path2D. */
const TILE_COLOUR = '#06C755';
const BUBBLE = 'M8 10.5C8 9.1 9.1 8 10.5 8h11C22.9 8 24 9.1 24 10.5v8c0 1.4-1.1 2.5-2.5 2.5H15l-4.2 3.4c-.5.4-1.3 0-1.3-.6V21h.5-1A2.5 2.5 0 0 1 8 18.5z';
const CHECK = 'm12.3 14.6 2.5 2.4 4.9-5';

/** A 32 px PNG data URL of the mark, with a red dot while something is unread; null without canvas. */
export function faviconDataUrl(document: Document, unread: boolean): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = 32;
  canvas.height = 32;
  const context = canvas.getContext('2d');
  if (!context || typeof Path2D === 'undefined') return null;
  context.fillStyle = TILE_COLOUR;
  context.beginPath();
  context.roundRect(0, 0, 32, 32, 7);
  context.fill();
  context.fillStyle = '#fff';
  context.fill(new Path2D(BUBBLE));
  context.strokeStyle = TILE_COLOUR;
  context.lineWidth = 2;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  context.stroke(new Path2D(CHECK));
  if (unread) {
    context.fillStyle = '#E5484D';
    context.strokeStyle = '#fff';
    context.lineWidth = 2;
    context.beginPath();
    context.arc(24, 8, 7, 0, Math.PI * 2);
    context.fill();
    context.stroke();
  }
  return canvas.toDataURL('image/png');
}
