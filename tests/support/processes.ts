import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT_DIR = resolve(__dirname, '..', '..');

export { freePort } from '../../scripts/lib/free-port';

/**
 * Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. `state`, when
 * given, describes what was seen instead (added to the timeout's message, so a rare failure explains itself).
 */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  {
    timeoutMs = 10_000,
    intervalMs = 25,
    what = 'condition',
    state,
  }: { timeoutMs?: number; intervalMs?: number; what?: string; state?: () => unknown } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = state ? ` (seen: ${await describeState(state)})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}${seen}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

async function describeState(state: () => unknown): Promise<string> {
  try {
    return JSON.stringify(await state());
  } catch (error) {
    return `unavailable: ${String(error)}`;
  }
}

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first stdout line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a project script with the project's Node 24 (through tsx) and captures its output. tsx forwards
 * SIGTERM/SIGINT to the script; SIGKILL would only kill the tsx wrapper, so kill tests start
 * `node --import tsx` directly (tests/integration/faults).
 */
export function startTsx(script: string, env: Record<string, string>, args: string[] = []): RunningProcess {
  const tsx = resolve(ROOT_DIR, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [script, ...args], {
    cwd: ROOT_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    child,
    output: () => `${stdout}\n${stderr}`,
    waitForLine: (pattern, timeoutMs = 30_000) =>
      waitFor(() => stdout.match(pattern) ?? undefined, { timeoutMs, what: `${script} to print ${pattern}` }).catch(
        (error: Error) => {
          throw new Error(`${error.message}\n--- output of ${script} ---\n${stdout}\n${stderr}`);
        },
      ),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run relay -- …` (the relay CLI under the project's Node with tsx's loader) to its end. */
export function runRelayCli(args: readonly string[], env: Record<string, string | undefined>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/relay/cli/main.ts', ...args], {
      cwd: ROOT_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
