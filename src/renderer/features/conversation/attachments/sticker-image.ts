/** LINE's public image of a sticker (the picker shows the sticker id where it cannot be reached). */
export function stickerImageUrl(stickerId: string): string {
  return `https://stickershop.line-scdn.net/stickershop/v1/sticker/${encodeURIComponent(stickerId)}/android/sticker.png`;
}
