import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ROOT_DIR, startTsx, waitFor, type RunningProcess } from '../../support/processes';
import { relayStorageEnv } from '../../support/relay-backend';

export const META_APP_SECRET = 'meta-app-secret-0123456789abcdef';
export const META_VERIFY_TOKEN = 'verify-shop-inbox-42';
export const META_PAGE_ACCESS_TOKEN = 'EAAB-page-token-SECRET-9876543210';

export interface MetaRelayProcess {
  url: string;
  dataDir: string;
  /** An agent token named "Amy", created with the CLI before the relay started. */
  agentToken: string;
  process: RunningProcess;
  /** The relay's log so far (stdout + stderr). */
  output(): string;
  health(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** A real relay child process (`npm run relay`) configured by environment variables only, as in production. */
export async function startMetaRelayProcess(env: Record<string, string>): Promise<MetaRelayProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'relay-meta-'));
  const agentToken = execFileSync(join(ROOT_DIR, 'node_modules', '.bin', 'tsx'), ['src/relay/cli/main.ts', 'token', 'create', '--name', 'Amy'], {
    cwd: ROOT_DIR,
    env: { ...globalThis.process.env, ...relayStorageEnv(dataDir) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .trim()
    .split('\n')
    .at(-1)!
    .trim();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const process = startTsx('src/relay/cli/main.ts', { RELAY_HOST: '127.0.0.1', RELAY_PORT: String(port), ...relayStorageEnv(dataDir), ...env });
  await waitFor(async () => (await fetch(`${url}/healthz`)).ok, { timeoutMs: 30_000, what: 'relay /healthz' }).catch((error: Error) => {
    throw new Error(`${error.message}\n${process.output()}`);
  });
  return {
    url,
    dataDir,
    agentToken,
    process,
    output: () => process.output(),
    health: async () => (await (await fetch(`${url}/healthz`)).json()) as Record<string, unknown>,
    async stop() {
      await process.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
