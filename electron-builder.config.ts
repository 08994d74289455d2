import { Arch, type AfterPackContext, type Configuration } from 'electron-builder';
import { join } from 'node:path';
import { APP_ID, PRODUCT_NAME } from './src/shared/desktop/app-identity';

/**
 * How the desktop app is packaged (`npm run dist`): installers for Windows, macOS and Linux, the Electron
 * fuses, signing and the update feed. Everything packaging-related lives in this one file; the packaging
 * test (tests/unit/packaging/) reads it.
 */

export { APP_ID, PRODUCT_NAME } from './src/shared/desktop/app-identity';

/** Icons rendered from resources/icons/icon.svg by scripts/generate-icons.ts (part of `npm run build`). */
export const INSTALLER_ICONS = {
  mac: 'out/icons/app/icon.icns',
  win: 'out/icons/app/icon.ico',
  linux: 'out/icons/app/linux',
} as const;

/**
 * What goes into app.asar: the built main process, preload, renderer and runtime icons, and the production
 * dependencies the main process loads (electron-builder adds those; the `!` lines keep their tests, sources,
 * docs, maps and data out).
 */
export const PACKED_FILES: string[] = [
  'package.json',
  'out/main/**/*',
  'out/preload/**/*',
  'out/renderer/**/*',
  'out/icons/*.png',
  '!**/*.map',
  '!**/*.{ts,tsx,mts,cts}',
  '!**/{test,tests,__tests__,spec,fixtures,__fixtures__,example,examples,docs,coverage}/**',
  '!**/*.{test,spec}.*',
  '!**/*.{md,markdown}',
  '!**/.data/**',
  '!**/*.{sqlite,sqlite-wal,sqlite-shm,db}',
  '!**/{.github,.vscode,.idea}/**',
  // better-sqlite3 ships SQLite's C sources and its own build files: only the compiled addon is needed.
  '!node_modules/better-sqlite3/{deps,src,docs,benchmark}/**',
  '!node_modules/better-sqlite3/build/Release/{obj,obj.target,.deps}/**',
  // Production dependencies that run elsewhere: bundled into the renderer, or used by the relay only.
  ...['react', 'react-dom', 'scheduler', '@tanstack', '@line', 'socket.io', 'socket.io-adapter'].map((name) => `!node_modules/${name}/**`),
];

/** Where better-sqlite3's addons are; each platform packs only its own (see `files` per platform). */
export const SQLITE_ADDONS = ['node_modules/better-sqlite3/prebuilds/*.node', 'node_modules/better-sqlite3/build/Release/*.node'];

function onlyAddonsOf(prefixes: string): string[] {
  return [`!node_modules/better-sqlite3/prebuilds/!(${prefixes})*.node`];
}

/** Electron fuses flipped in the packed binary (@electron/fuses), before it is signed. */
export const FUSES = {
  /** ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node that runs any script. */
  runAsNode: false,
  /** NODE_OPTIONS / NODE_EXTRA_CA_CERTS could inject code or trust into the main process. */
  enableNodeOptionsEnvironmentVariable: false,
  /** --inspect and SIGUSR1 would open a debugger into the process that holds the agent's token. */
  enableNodeCliInspectArguments: false,
  /** Chromium's cookie store encrypted with the OS key, like Chrome's. */
  enableCookieEncryption: true,
  /** app.asar is checked against the hash embedded in the signed binary (macOS, Windows). */
  enableEmbeddedAsarIntegrityValidation: true,
  /** Only app.asar is loaded, never a loose `app/` folder placed beside it. */
  onlyLoadAppFromAsar: true,
  /** The renderer is served from app://, never file://: file:// keeps no extra privileges. */
  grantFileProtocolExtraPrivileges: false,
} as const;

/** The environment variables of signing and notarization (all optional: without them builds are unsigned). */
export const SIGNING_ENV = {
  /** A .p12/.pfx certificate (path, https URL or base64) and its password: Windows Authenticode and macOS Developer ID. */
  certificate: ['CSC_LINK', 'CSC_KEY_PASSWORD'],
  /** Windows may use its own certificate instead. */
  windowsCertificate: ['WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD'],
  /** macOS notarization with an Apple ID and an app-specific password … */
  notarizeAppleId: ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  /** … or with an App Store Connect API key. */
  notarizeApiKey: ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
} as const;

/** Where installed apps look for updates: a folder served over https holding what `npm run dist` made. */
export const UPDATE_URL_ENV = 'SHOP_INBOX_UPDATE_URL';

type Env = Readonly<Record<string, string | undefined>>;

function allSet(env: Env, names: readonly string[]): boolean {
  return names.every((name) => (env[name] ?? '').trim() !== '');
}

export interface SigningPlan {
  macSign: boolean;
  notarize: boolean;
  winSign: boolean;
  /** One line for the build log: what will be signed, and why not. */
  summary: string;
}

/** Signing and notarization only with their environment variables; otherwise skipped, said once, never failed. */
export function signingPlan(env: Env): SigningPlan {
  const macSign = allSet(env, ['CSC_LINK']) || allSet(env, ['CSC_NAME']);
  const notarize = macSign && (allSet(env, SIGNING_ENV.notarizeAppleId) || allSet(env, SIGNING_ENV.notarizeApiKey));
  const winSign = allSet(env, ['WIN_CSC_LINK']) || allSet(env, ['CSC_LINK']);
  const parts = [
    macSign ? 'macOS: signed' : 'macOS: unsigned (no CSC_LINK)',
    notarize ? 'notarized' : macSign ? 'not notarized (no APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID or APPLE_API_KEY/…)' : null,
    winSign ? 'Windows: signed' : 'Windows: unsigned (no WIN_CSC_LINK or CSC_LINK)',
  ].filter((part): part is string => part !== null);
  return { macSign, notarize, winSign, summary: parts.join('; ') };
}

/** The generic update feed when SHOP_INBOX_UPDATE_URL is set (https only), else no feed: updates stay off. */
export function publishFromEnv(env: Env): Configuration['publish'] {
  const url = env[UPDATE_URL_ENV]?.trim();
  if (!url) return null;
  if (!/^https:\/\/[^\s]+$/.test(url)) throw new Error(`${UPDATE_URL_ENV} must be an https:// URL, got "${url}"`);
  return [{ provider: 'generic', url }];
}

/** The Electron executable inside the packed app, as @electron/fuses wants it. */
export function packedExecutable(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName'> & { productFilename: string; executableName: string }): string {
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${context.productFilename}.app`);
    case 'win32':
      return join(context.appOutDir, `${context.productFilename}.exe`);
    default:
      return join(context.appOutDir, context.executableName);
  }
}

/** afterPack runs before signing: the fuses must be flipped first, since flipping changes the binary. */
export async function flipFusesAfterPack(context: AfterPackContext): Promise<void> {
  const { flipFuses, FuseV1Options, FuseVersion } = await import('@electron/fuses');
  const executable = packedExecutable({
    appOutDir: context.appOutDir,
    electronPlatformName: context.electronPlatformName,
    productFilename: context.packager.appInfo.productFilename,
    // Only the Linux packager has an executable name of its own (linux.executableName).
    executableName: (context.packager as { executableName?: string }).executableName ?? context.packager.appInfo.productFilename,
  });
  await flipFuses(executable, {
    version: FuseVersion.V1,
    // Apple silicon refuses to run a binary whose ad-hoc signature no longer matches.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === Arch.arm64,
    [FuseV1Options.RunAsNode]: FUSES.runAsNode,
    [FuseV1Options.EnableCookieEncryption]: FUSES.enableCookieEncryption,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FUSES.enableNodeOptionsEnvironmentVariable,
    [FuseV1Options.EnableNodeCliInspectArguments]: FUSES.enableNodeCliInspectArguments,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FUSES.enableEmbeddedAsarIntegrityValidation,
    [FuseV1Options.OnlyLoadAppFromAsar]: FUSES.onlyLoadAppFromAsar,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: FUSES.grantFileProtocolExtraPrivileges,
  });
}

export function builderConfig(env: Env = process.env): Configuration {
  const signing = signingPlan(env);
  return {
    appId: APP_ID,
    productName: PRODUCT_NAME,
    copyright: `Copyright © ${new Date().getFullYear()} ${PRODUCT_NAME}`,
    directories: { output: 'dist', buildResources: 'out/icons/app' },
    files: PACKED_FILES,
    // Attribution the data sets shipped inside the app require (CC-CEDICT is CC BY-SA 4.0), beside app.asar.
    extraResources: [{ from: 'resources/THIRD-PARTY-NOTICES.txt', to: 'THIRD-PARTY-NOTICES.txt' }],
    asar: true,
    // The SQLite addon is a native library: it cannot be loaded from inside app.asar.
    asarUnpack: SQLITE_ADDONS,
    // better-sqlite3 ships Node-API addons for every platform (NAPI_VERSION in its binding.gyp): Node-API is
    // the same ABI in Node and in Electron, so the addon loads in Electron as shipped. Rebuilding would need
    // a C++ toolchain on the build machine for nothing (docs/decisions/0006-desktop-packaging.md).
    npmRebuild: false,
    nodeGypRebuild: false,
    buildDependenciesFromSource: false,
    extraMetadata: { main: 'out/main/index.js' },
    afterPack: flipFusesAfterPack,
    forceCodeSigning: false,
    publish: publishFromEnv(env),
    win: {
      target: [
        { target: 'nsis', arch: ['x64'] },
        { target: 'zip', arch: ['x64'] },
      ],
      icon: INSTALLER_ICONS.win,
      files: onlyAddonsOf('win32-'),
      artifactName: '${productName}-${version}-win-${arch}.${ext}',
    },
    nsis: {
      // Per-user install into %LOCALAPPDATA%\Programs: agents need no administrator rights.
      oneClick: true,
      perMachine: false,
      allowElevation: false,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      shortcutName: PRODUCT_NAME,
      installerIcon: INSTALLER_ICONS.win,
      uninstallerIcon: INSTALLER_ICONS.win,
      deleteAppDataOnUninstall: false,
      artifactName: '${productName}-Setup-${version}.${ext}',
    },
    mac: {
      target: [
        { target: 'dmg', arch: ['x64', 'arm64'] },
        { target: 'zip', arch: ['x64', 'arm64'] },
      ],
      icon: INSTALLER_ICONS.mac,
      files: onlyAddonsOf('darwin-'),
      category: 'public.app-category.business',
      hardenedRuntime: true,
      // null: do not look for any signing identity in the keychain when none was given.
      identity: signing.macSign ? undefined : null,
      notarize: signing.notarize,
      artifactName: '${productName}-${version}-mac-${arch}.${ext}',
    },
    dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
    linux: {
      target: [
        { target: 'AppImage', arch: ['x64'] },
        { target: 'deb', arch: ['x64'] },
      ],
      icon: INSTALLER_ICONS.linux,
      files: onlyAddonsOf('linux'),
      category: 'Office',
      executableName: 'shop-inbox',
      maintainer: `${PRODUCT_NAME} <support@shop-inbox.tw>`,
      synopsis: 'Unified inbox for online-shop customer service',
      artifactName: '${productName}-${version}-linux-${arch}.${ext}',
    },
  };
}

export default builderConfig();
