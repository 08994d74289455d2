import { deflateSync } from 'node:zlib';

/**
 * Small, real files for the simulated platforms (no binaries in the repository): a PNG drawn pixel by pixel, a
 * one-page PDF, an M4A voice message and an MP4 video header. Their magic bytes are what real ones have.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export type Rgb = readonly [number, number, number];

/** A PNG of `width` × `height` whose pixels `paint(x, y)` colours (RGB). */
export function samplePng(width: number, height: number, paint: (x: number, y: number) => Rgb): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x += 1) {
      const [r, g, b] = paint(x, y);
      row[1 + x * 3] = r;
      row[2 + x * 3] = g;
      row[3 + x * 3] = b;
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A photo-like picture: a sky-to-ground gradient with a parcel-brown box in the middle. */
export function sampleParcelPhoto(width = 320, height = 240, tint: Rgb = [120, 170, 220]): Buffer {
  return samplePng(width, height, (x, y) => {
    const inBox = x > width * 0.3 && x < width * 0.7 && y > height * 0.35 && y < height * 0.8;
    if (inBox) return (x + y) % 23 === 0 ? [90, 60, 30] : [176, 128, 80];
    const t = y / height;
    return [Math.round(tint[0] * (1 - t) + 200 * t), Math.round(tint[1] * (1 - t) + 190 * t), Math.round(tint[2] * (1 - t) + 170 * t)];
  });
}

/** A valid one-page PDF saying `text` (ASCII). */
export function samplePdf(text = 'Invoice'): Buffer {
  const content = `BT /F1 24 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function box(type: string, payload: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + payload.length);
  return Buffer.concat([size, Buffer.from(type, 'ascii'), payload]);
}

/** An ISO-BMFF file with the given brand (M4A voice message, MP4 video) and `bytes` of media data. */
function isoMedia(brand: string, compatible: string[], bytes: number): Buffer {
  const ftyp = box('ftyp', Buffer.concat([Buffer.from(brand, 'ascii'), Buffer.alloc(4), ...compatible.map((c) => Buffer.from(c, 'ascii'))]));
  return Buffer.concat([ftyp, box('mdat', Buffer.alloc(bytes, 0x11))]);
}

export const sampleVoiceMessage = (bytes = 2048) => isoMedia('M4A ', ['M4A ', 'mp42', 'isom'], bytes);
export const sampleVideo = (bytes = 4096) => isoMedia('mp42', ['mp42', 'isom'], bytes);
