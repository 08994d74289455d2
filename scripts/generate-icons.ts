// Renders every icon of the desktop app from resources/icons/icon.svg into out/icons/ (run by `npm run build`):
// out/icons/app/ for the installers (icon.png, icon.ico, icon.icns, linux/NxN.png), the rest packed into the app
// (window, tray, taskbar overlay badges).
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { icnsFile, icoFile } from './icons/icon-containers';
import { ICNS_ENTRIES, ICO_SIZES, iconRenderings } from './icons/icon-variants';

export const ICON_SOURCE = resolve(__dirname, '..', 'resources', 'icons', 'icon.svg');
export const ICON_OUT_DIR = resolve(__dirname, '..', 'out', 'icons');

function renderPng(svg: string, size: number): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng());
}

export function generateIcons(outDir: string = ICON_OUT_DIR, sourceFile: string = ICON_SOURCE): string[] {
  const source = readFileSync(sourceFile, 'utf8');
  const written: string[] = [];
  const write = (file: string, data: Buffer): void => {
    const path = join(outDir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
    written.push(file);
  };
  for (const rendering of iconRenderings(source)) write(rendering.file, renderPng(rendering.svg, rendering.size));
  write('app/icon.ico', icoFile(ICO_SIZES.map((size) => ({ size, png: renderPng(source, size) }))));
  write('app/icon.icns', icnsFile(ICNS_ENTRIES.map((entry) => ({ type: entry.type, png: renderPng(source, entry.size) }))));
  return written;
}

if (require.main === module) {
  const written = generateIcons();
  console.log(`[icons] ${written.length} icons from resources/icons/icon.svg in out/icons/`);
}
