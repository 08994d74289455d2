import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTsx, waitFor, type RunningProcess } from '../../support/processes';
import { tempDir } from '../core/support/core-harness';

const running: RunningProcess[] = [];
const dirs: Array<{ remove(): void }> = [];
afterEach(async () => {
  for (const process of running.splice(0)) await process.stop();
  dirs.splice(0).forEach((dir) => dir.remove());
});

describe('browser host entry (src/main/browser-host/main.ts)', () => {
  it('prints its address, serves the renderer and stops cleanly on SIGTERM', { timeout: 30_000 }, async () => {
    const dir = tempDir('inbox-entry-');
    dirs.push(dir);
    const rendererDir = join(dir.path, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Shop Inbox entry</title>');
    const dataDir = join(dir.path, 'data');
    const host = startTsx('src/main/browser-host/main.ts', {
      INBOX_DATA_DIR: dataDir,
      INBOX_HOST_PORT: '0',
      INBOX_RENDERER_DIR: rendererDir,
    });
    running.push(host);
    const [, url] = await host.waitForLine(/^Shop Inbox is running at (http:\/\/127\.0\.0\.1:\d+\/#secret=\S+)$/m);
    const page = await fetch(url!.split('#')[0]!);
    expect(await page.text()).toContain('Shop Inbox entry');
    expect(existsSync(join(dataDir, 'inbox.sqlite'))).toBe(true);

    running.pop();
    await host.stop('SIGTERM');
    expect(host.child.exitCode).toBe(0);
  });

  it('explains an invalid environment', { timeout: 30_000 }, async () => {
    const host = startTsx('src/main/browser-host/main.ts', { INBOX_HOST_PORT: 'eighty', DEMO_RELAY_URL: 'http://x' });
    running.push(host);
    await waitFor(() => host.child.exitCode !== null, { timeoutMs: 20_000, what: 'the entry to exit' });
    expect(host.child.exitCode).toBe(1);
    expect(host.output()).toMatch(/Invalid environment/);
    expect(host.output()).toMatch(/INBOX_HOST_PORT/);
  });
});
