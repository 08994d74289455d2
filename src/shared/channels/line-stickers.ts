/**
 * Stickers a LINE Official Account may send (LINE's list of stickers for the Messaging API): each package with its
 * first and last sticker id. Only these go out; the app's picker shows them and the relay refuses others.
 */
export const LINE_SENDABLE_STICKER_PACKAGES: readonly { packageId: string; first: number; last: number }[] = [
  { packageId: '446', first: 1988, last: 2027 },
  { packageId: '789', first: 10855, last: 10894 },
  { packageId: '1070', first: 17839, last: 17878 },
  { packageId: '6136', first: 10551376, last: 10551399 },
  { packageId: '6325', first: 10979904, last: 10979927 },
  { packageId: '6359', first: 11069848, last: 11069871 },
  { packageId: '6362', first: 11087920, last: 11087943 },
  { packageId: '6370', first: 11088016, last: 11088039 },
  { packageId: '6632', first: 11825374, last: 11825397 },
  { packageId: '8515', first: 16581242, last: 16581265 },
  { packageId: '8522', first: 16581266, last: 16581289 },
  { packageId: '8525', first: 16581290, last: 16581313 },
  { packageId: '11537', first: 52002734, last: 52002773 },
  { packageId: '11538', first: 51626494, last: 51626533 },
  { packageId: '11539', first: 52114110, last: 52114149 },
];

export function isSendableLineSticker(packageId: string, stickerId: string): boolean {
  if (!/^\d{1,12}$/.test(stickerId)) return false;
  const id = Number(stickerId);
  return LINE_SENDABLE_STICKER_PACKAGES.some((pack) => pack.packageId === packageId && id >= pack.first && id <= pack.last);
}

/** Every sendable sticker of a package, in order. */
export function stickersOfPackage(packageId: string): string[] {
  const pack = LINE_SENDABLE_STICKER_PACKAGES.find((candidate) => candidate.packageId === packageId);
  if (!pack) return [];
  return Array.from({ length: pack.last - pack.first + 1 }, (_, index) => String(pack.first + index));
}
