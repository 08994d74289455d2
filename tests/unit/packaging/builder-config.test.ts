import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as fileMatcher from 'app-builder-lib/out/fileMatcher';

const { FileMatcher } = fileMatcher;
/** electron-builder's own matcher for dependencies (marked internal, so not in its type declarations). */
const { getNodeModuleFileMatcher } = fileMatcher as unknown as {
  getNodeModuleFileMatcher(appDir: string, destination: string, expand: (text: string) => string, options: object, packager: object): fileMatcher.FileMatcher;
};

const fuses = vi.hoisted(() => ({ flipped: [] as Array<{ path: string; config: Record<string | number, unknown> }> }));
vi.mock('@electron/fuses', async (importOriginal) => {
  const real = await importOriginal<typeof import('@electron/fuses')>();
  return {
    ...real,
    flipFuses: vi.fn(async (path: string, config: Record<string | number, unknown>) => {
      fuses.flipped.push({ path, config });
      return 0;
    }),
  };
});

import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { Arch } from 'electron-builder';
import {
  APP_ID,
  FUSES,
  PACKED_FILES,
  PRODUCT_NAME,
  SQLITE_ADDONS,
  builderConfig,
  flipFusesAfterPack,
  packedExecutable,
  publishFromEnv,
  signingPlan,
} from '../../../electron-builder.config';
import { generateIcons, ICON_OUT_DIR } from '../../../scripts/generate-icons';

/**
 * The packaging settings, checked without an Electron binary: every setting the installers depend on, every
 * file the config names, and what the same globs would pack. (Where Electron is installed,
 * tests/integration/packaging/packed-app.test.ts also builds and launches the unpacked app.)
 */

const ROOT = resolve(__dirname, '..', '..', '..');
const config = builderConfig({});

type Target = { target: string; arch: string[] };
function targets(platform: 'win' | 'mac' | 'linux'): Target[] {
  return (config[platform]?.target ?? []) as Target[];
}

function pngSize(path: string): { width: number; height: number } {
  const data = readFileSync(path);
  expect(data.subarray(1, 4).toString('ascii'), path).toBe('PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

beforeAll(() => {
  // `npm run build` renders them too; rendering here keeps the test independent of a previous build.
  generateIcons();
}, 60_000);

describe('installers', () => {
  it('is a valid electron-builder configuration (its own schema), signed or not', async () => {
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config')) as unknown as {
      validateConfiguration(config: object, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    const logger = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    await expect(validateConfiguration(builderConfig({ CSC_LINK: 'c.p12', APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 't', SHOP_INBOX_UPDATE_URL: 'https://u.shop.tw' }), logger)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, perUser: true } }, logger)).rejects.toThrow(/Invalid configuration/);
  }, 60_000);

  it('names the product and its id', () => {
    expect(config.appId).toBe(APP_ID);
    expect(APP_ID).toMatch(/^[a-z]+(\.[a-z]+){2}$/);
    expect(config.productName).toBe(PRODUCT_NAME);
    expect(config.directories?.output).toBe('dist');
  });

  it('Windows: a per-user NSIS installer (no administrator rights) and a portable zip', () => {
    expect(targets('win')).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'zip', arch: ['x64'] },
    ]);
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, allowElevation: false, deleteAppDataOnUninstall: false });
  });

  it('macOS: dmg and zip for Intel and Apple silicon, hardened runtime', () => {
    expect(targets('mac')).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
    expect(config.mac?.hardenedRuntime).toBe(true);
  });

  it('Linux: AppImage and deb', () => {
    expect(targets('linux').map((target) => target.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux?.maintainer).toBeTruthy();
  });

  it('packs into asar, with the SQLite addon unpacked and built for Electron’s ABI (Node-API)', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(SQLITE_ADDONS);
    // Node-API addons are ABI-stable between Node and Electron: the shipped prebuilds are Electron's too.
    const gyp = readFileSync(join(ROOT, 'node_modules', 'better-sqlite3', 'binding.gyp'), 'utf8');
    expect(gyp).toMatch(/NAPI_VERSION=\d+/);
    for (const target of ['win32-x64', 'darwin-x64', 'darwin-arm64', 'linux-x64']) {
      expect(existsSync(join(ROOT, 'node_modules', 'better-sqlite3', 'prebuilds', `${target}.node`)), target).toBe(true);
    }
    expect(config.npmRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
    expect(config.extraMetadata).toMatchObject({ main: 'out/main/index.js' });
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.dependencies['better-sqlite3']).toBeTruthy();
    expect(pkg.dependencies['electron-updater']).toBeTruthy();
    // Electron itself is never a runtime dependency (electron-builder refuses that).
    expect(pkg.dependencies.electron).toBeUndefined();
    expect(pkg.devDependencies.electron).toBeTruthy();
  });
});

describe('icons from one source image', () => {
  it('ships the notices the bundled data sets require, beside app.asar', () => {
    const resources = (config.extraResources ?? []) as { from: string; to: string }[];
    const notices = resources.find((entry) => entry.to === 'THIRD-PARTY-NOTICES.txt');
    expect(notices).toBeDefined();
    const text = readFileSync(resolve(ROOT, notices!.from), 'utf8');
    expect(text).toContain('CC-CEDICT');
    expect(text).toContain('Attribution-ShareAlike 4.0');
    expect(text).toContain('OpenCC');
  });

  it('every icon file the config names exists and is the right kind', () => {
    const named = [config.win?.icon, config.nsis?.installerIcon, config.nsis?.uninstallerIcon, config.mac?.icon, config.linux?.icon];
    for (const file of named) {
      expect(typeof file).toBe('string');
      expect(existsSync(join(ROOT, file as string)), file as string).toBe(true);
    }
    const ico = readFileSync(join(ROOT, config.win!.icon as string));
    expect(ico.readUInt16LE(2)).toBe(1);
    const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, index) => ico.readUInt8(6 + index * 16) || 256);
    expect(icoSizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    const icns = readFileSync(join(ROOT, config.mac!.icon as string));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic10'))).toBe(true);
    const linuxDir = join(ROOT, config.linux!.icon as string);
    for (const size of [16, 32, 48, 128, 256, 512]) expect(pngSize(join(linuxDir, `${size}x${size}.png`))).toEqual({ width: size, height: size });
    expect(pngSize(join(ICON_OUT_DIR, 'app', 'icon.png'))).toEqual({ width: 1024, height: 1024 });
  });

  it('renders the runtime icons (tray, template, overlay badges) at both densities', () => {
    for (const name of ['tray', 'tray-unread', 'trayTemplate', 'overlay-1', 'overlay-9', 'overlay-9plus']) {
      expect(pngSize(join(ICON_OUT_DIR, `${name}.png`))).toEqual({ width: 16, height: 16 });
      expect(pngSize(join(ICON_OUT_DIR, `${name}@2x.png`))).toEqual({ width: 32, height: 32 });
    }
    expect(existsSync(join(ROOT, 'resources', 'icons', 'icon.svg'))).toBe(true);
  });
});

describe('fuses', () => {
  it('are flipped after packing (the values themselves: tests/unit/electron/security-checklist.test.ts, item 19)', () => {
    expect(config.afterPack).toBe(flipFusesAfterPack);
  });

  it('flips them with @electron/fuses on the packed executable of each platform', async () => {
    fuses.flipped.length = 0;
    const packager = { appInfo: { productFilename: PRODUCT_NAME }, executableName: 'shop-inbox' };
    for (const [electronPlatformName, arch] of [['darwin', Arch.arm64], ['win32', Arch.x64], ['linux', Arch.x64]] as const) {
      await flipFusesAfterPack({ appOutDir: '/build/unpacked', electronPlatformName, arch, packager } as never);
    }
    expect(fuses.flipped.map((flip) => flip.path)).toEqual([
      join('/build/unpacked', 'Shop Inbox.app'),
      join('/build/unpacked', 'Shop Inbox.exe'),
      join('/build/unpacked', 'shop-inbox'),
    ]);
    const [mac, windows] = fuses.flipped;
    expect(mac!.config).toMatchObject({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    expect(windows!.config.resetAdHocDarwinSignature).toBe(false);
    expect(packedExecutable({ appOutDir: '/o', electronPlatformName: 'mas', productFilename: 'X', executableName: 'x' })).toBe(join('/o', 'X.app'));
  });
});

describe('signing, notarization and updates from the environment', () => {
  it('without certificates everything is unsigned, said once, and no keychain identity is searched', () => {
    const plan = signingPlan({});
    expect(plan).toMatchObject({ macSign: false, notarize: false, winSign: false });
    expect(plan.summary).toMatch(/macOS: unsigned.*Windows: unsigned/);
    expect(config.mac?.identity).toBeNull();
    expect(config.mac?.notarize).toBe(false);
    expect(config.forceCodeSigning).toBe(false);
  });

  it('signs with CSC_LINK and notarizes only with a complete set of Apple credentials', () => {
    expect(signingPlan({ CSC_LINK: 'cert.p12', CSC_KEY_PASSWORD: 'x' })).toMatchObject({ macSign: true, notarize: false, winSign: true });
    const apple = { CSC_LINK: 'cert.p12', APPLE_ID: 'a@b.tw', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 'T' };
    expect(signingPlan(apple).notarize).toBe(true);
    expect(signingPlan({ ...apple, APPLE_TEAM_ID: ' ' }).notarize).toBe(false);
    expect(signingPlan({ CSC_LINK: 'c', APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'i', APPLE_API_ISSUER: 'u' }).notarize).toBe(true);
    expect(signingPlan({ WIN_CSC_LINK: 'w.pfx' })).toMatchObject({ macSign: false, winSign: true });
    const signed = builderConfig(apple);
    expect(signed.mac?.identity).toBeUndefined();
    expect(signed.mac?.notarize).toBe(true);
  });

  it('publishes a generic https update feed only when SHOP_INBOX_UPDATE_URL is set', () => {
    expect(config.publish).toBeNull();
    expect(publishFromEnv({ SHOP_INBOX_UPDATE_URL: 'https://updates.shop.tw/inbox' })).toEqual([{ provider: 'generic', url: 'https://updates.shop.tw/inbox' }]);
    expect(() => publishFromEnv({ SHOP_INBOX_UPDATE_URL: 'http://updates.shop.tw' })).toThrow(/https/);
  });
});

describe('what the globs pack', () => {
  function walk(dir: string, skip: (rel: string) => boolean): string[] {
    const out: string[] = [];
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const rel = relative(ROOT, path).split('\\').join('/');
      if (skip(rel)) continue;
      if (statSync(path).isDirectory()) out.push(...walk(path, skip));
      else out.push(rel);
    }
    return out;
  }
  const filter = new FileMatcher(ROOT, '/app', (text: string) => text, PACKED_FILES).createFilter();
  const stat = { isDirectory: () => false } as never;
  const packed = (files: string[]) => files.filter((file) => filter(join(ROOT, file), stat));
  // Dependencies go through electron-builder's own node_modules matcher: the `!` patterns of `files` only.
  const moduleFilter = getNodeModuleFileMatcher(ROOT, '/app', (text: string) => text, {}, { config, debugLogger: { isEnabled: false } } as never).createFilter();
  const packedModules = (files: string[]) => files.filter((file) => moduleFilter(join(ROOT, file), stat));

  it('packs the built app and none of the sources, tests, fixtures, data or source maps', () => {
    const projectFiles = walk(ROOT, (rel) => /^(node_modules|\.git|dist|out)(\/|$)/.test(rel));
    // What `npm run build` and running the app leave behind, whether or not a build ran before this test.
    const builtAndData = [
      'out/main/index.js',
      'out/main/index.js.map',
      'out/preload/index.js',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc.js',
      'out/renderer/assets/index-abc.js.map',
      'out/icons/tray.png',
      'out/icons/app/icon.ico',
      'out/webchat/widget.js',
      '.data/desktop/inbox.sqlite',
      'out/main/fixtures/sample.json',
    ];
    const list = packed([...projectFiles, ...builtAndData]);
    expect(list).toEqual(
      expect.arrayContaining(['package.json', 'out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js', 'out/icons/tray.png']),
    );
    const forbidden = list.filter(
      (file) => /(^|\/)(tests?|__tests__|fixtures|src|scripts|docs|resources)\//.test(file) || /\.(map|ts|tsx|sqlite|md)$/.test(file) || file.startsWith('.data') || /\.test\./.test(file),
    );
    expect(forbidden).toEqual([]);
    // Installer icons are for electron-builder, the relay's widget is served by the relay: neither is packed.
    expect(list).not.toContain('out/icons/app/icon.ico');
    expect(list).not.toContain('out/webchat/widget.js');
  });

  it('leaves out only dependencies the main process and preload never import', () => {
    const excluded = PACKED_FILES.flatMap((pattern) => /^!node_modules\/((?:@[^/]+\/)?[^/{}]+)\/\*\*$/.exec(pattern)?.[1] ?? []);
    expect(excluded).toEqual(expect.arrayContaining(['react', 'react-dom', '@line', 'socket.io']));
    const sources = ['src/main', 'src/preload', 'src/shared'].flatMap((dir) => walk(join(ROOT, dir), () => false)).filter((file) => /\.tsx?$/.test(file));
    const imported = new Set(sources.flatMap((file) => [...readFileSync(join(ROOT, file), 'utf8').matchAll(/(?:from\s+|require\(\s*)['"]([^'".][^'"]*)['"]/g)].map((match) => match[1]!)));
    for (const name of excluded) {
      const used = [...imported].filter((specifier) => specifier === name || specifier.startsWith(`${name}/`));
      expect(used, name).toEqual([]);
    }
    expect(imported).toContain('better-sqlite3');
  });

  it('from node_modules keeps the SQLite addon and code, never its C sources, tests or docs', () => {
    const sqlite = walk(join(ROOT, 'node_modules', 'better-sqlite3'), (rel) => rel.includes('/node_modules/'));
    const list = packedModules(sqlite);
    expect(list).toContain('node_modules/better-sqlite3/lib/index.js');
    expect(list.filter((file) => file.endsWith('.node'))).toContain('node_modules/better-sqlite3/prebuilds/win32-x64.node');
    // Each platform's installer keeps only its own addons.
    const forPlatform = (platform: 'win' | 'mac' | 'linux') =>
      new FileMatcher(ROOT, '/app', (text: string) => text, ['**/*', ...(config[platform]!.files as string[])]).createFilter();
    const addons = list.filter((file) => file.endsWith('.node'));
    const keep = (platform: 'win' | 'mac' | 'linux') => addons.filter((file) => forPlatform(platform)(join(ROOT, file), stat)).map((file) => file.split('/').at(-1));
    expect(keep('win').sort()).toEqual(['win32-arm64.node', 'win32-x64.node']);
    expect(keep('mac').sort()).toEqual(['darwin-arm64.node', 'darwin-x64.node']);
    expect(keep('linux')).toContain('linux-x64.node');
    expect(keep('linux').some((file) => file?.startsWith('win32'))).toBe(false);
    expect(list.filter((file) => /\/(deps|src|docs|test|benchmark)\//.test(file) || /\.(md|map|c|cpp|h)$/.test(file))).toEqual([]);
    expect(packedModules(['node_modules/react-dom/index.js', 'node_modules/socket.io/dist/index.js', 'node_modules/zod/index.js'])).toEqual(['node_modules/zod/index.js']);
  });
});
