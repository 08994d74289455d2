/** LINE shows a preview image of at most 1 MB; a photo this small is its own preview. */
export const PREVIEW_MAX_BYTES = 1024 * 1024;
const PREVIEW_EDGE_PX = 1024;

/**
 * A smaller JPEG of an uploaded photo for LINE's previewImageUrl (and agents' thumbnails): at most 1024 px on its
 * longer side, rotated as the camera recorded it. null when the photo is small enough to be its own preview.
 */
export async function makePreview(photo: Buffer): Promise<Buffer | null> {
  if (photo.length <= PREVIEW_MAX_BYTES) return null;
  // Loaded on first use: a relay where sharp's native library is missing still starts (small photos need none).
  const { default: sharp } = await import('sharp');
  return sharp(photo, { failOn: 'error' }).rotate().resize(PREVIEW_EDGE_PX, PREVIEW_EDGE_PX, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 78 }).toBuffer();
}
