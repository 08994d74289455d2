import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, createMemoryCredentialStore, silentLog, type Core, type CoreOptions } from '../../../../src/main/core';
import type { IpcEvent } from '../../../../src/shared/ipc/contract';

export function tempDir(prefix = 'inbox-core-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface CoreHarness {
  core: Core;
  dataDir: string;
  changes: IpcEvent[];
  close(): Promise<void>;
}

/** A core on a temp dir with in-memory credentials and a record of change notifications. */
export async function startCore(overrides: Partial<CoreOptions> & { dataDir?: string } = {}): Promise<CoreHarness> {
  const dir = overrides.dataDir ? null : tempDir();
  const dataDir = overrides.dataDir ?? dir!.path;
  const core = await createCore({
    credentials: createMemoryCredentialStore(),
    log: silentLog,
    ...overrides,
    dataDir,
  });
  const changes: IpcEvent[] = [];
  core.onChanged((event) => changes.push(event));
  return {
    core,
    dataDir,
    changes,
    async close() {
      await core.close();
      dir?.remove();
    },
  };
}
