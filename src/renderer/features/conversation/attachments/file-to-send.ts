/** A file the agent picked, dropped or pasted, read for reply:sendContent. */
export interface FileToSend {
  type: 'image' | 'file';
  name: string;
  contentType: string;
  size: number;
  dataBase64: string;
  /** For the confirmation's thumbnail. */
  previewUrl: string | null;
}

/** Photos LINE takes go as photos; anything else (and HEIC, GIF …) as a file. */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png']);

export async function readFileToSend(file: File): Promise<FileToSend> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  const isPhoto = PHOTO_TYPES.has(file.type);
  const name = file.name || (isPhoto ? `screenshot.${file.type === 'image/png' ? 'png' : 'jpg'}` : 'file');
  return {
    type: isPhoto ? 'image' : 'file',
    name,
    contentType: file.type || 'application/octet-stream',
    size: file.size,
    dataBase64: btoa(binary),
    previewUrl: isPhoto ? URL.createObjectURL(file) : null,
  };
}
