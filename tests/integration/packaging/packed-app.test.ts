import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUSES, PRODUCT_NAME, packedExecutable } from '../../../electron-builder.config';

/**
 * Where Electron is installed (a developer's machine, a CI with the Electron download): builds the unpacked
 * app with `npm run dist -- --dir`, reads the fuses back from the built binary and launches it once
 * (`--smoke-test`: the window opens, the app says so and quits). Without an Electron binary — like this
 * project's own CI — it is skipped, and tests/unit/packaging/ checks the configuration instead.
 */

const ROOT = resolve(__dirname, '..', '..', '..');

function electronInstalled(): boolean {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
  return existsSync(pathFile) && existsSync(join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim()));
}

const platformDir: Partial<Record<NodeJS.Platform, string>> = { linux: 'linux-unpacked', win32: 'win-unpacked', darwin: process.arch === 'arm64' ? 'mac-arm64' : 'mac' };
/** Linux without a display runs the window under Xvfb when it is there. */
const needsXvfb = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const canDisplay = !needsXvfb || spawnSync('which', ['xvfb-run']).status === 0;

describe.skipIf(!electronInstalled())('the packed desktop app', () => {
  it('builds unpacked with the fuses flipped, and starts', { timeout: 900_000 }, async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const built = spawnSync(npm, ['run', 'dist', '--', '--dir'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
    expect(built.status).toBe(0);
    const appOutDir = join(ROOT, 'dist', platformDir[process.platform]!);
    const executable = packedExecutable({ appOutDir, electronPlatformName: process.platform, productFilename: PRODUCT_NAME, executableName: 'shop-inbox' });
    expect(existsSync(executable)).toBe(true);

    const { getCurrentFuseWire, FuseV1Options, FuseState } = await import('@electron/fuses');
    const wire = await getCurrentFuseWire(executable);
    const on = (option: number) => wire[option as keyof typeof wire] === FuseState.ENABLE;
    expect(on(FuseV1Options.RunAsNode)).toBe(FUSES.runAsNode);
    expect(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false);
    expect(on(FuseV1Options.EnableNodeCliInspectArguments)).toBe(false);
    expect(on(FuseV1Options.EnableCookieEncryption)).toBe(true);
    expect(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true);
    expect(on(FuseV1Options.OnlyLoadAppFromAsar)).toBe(true);

    if (!canDisplay) return;
    const binary = process.platform === 'darwin' ? join(executable, 'Contents', 'MacOS', PRODUCT_NAME) : executable;
    const dataDir = mkdtempSync(join(tmpdir(), 'inbox-packed-'));
    try {
      const [command, args] = needsXvfb ? ['xvfb-run', ['-a', binary, '--smoke-test']] : [binary, ['--smoke-test']];
      const child = spawn(command, args as string[], { env: { ...process.env, INBOX_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((done) => child.on('exit', done));
      expect(output).toContain('[shop-inbox] smoke test: window ready');
      expect(code).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
