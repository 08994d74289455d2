/**
 * A desktop core as its own process, for kill tests. Env: CORE_DATA_DIR, RELAY_URL, AGENT_TOKEN.
 * Reads one JSON command per stdin line — {"channel": "reply:send", "input": {...}} — runs it through the
 * core's IPC handler and prints "result <json>". Prints "ready" once started.
 */
import { createInterface } from 'node:readline';
import { createCore, createMemoryCredentialStore, silentLog } from '../../../src/main/core';

async function main(): Promise<void> {
  const dataDir = process.env.CORE_DATA_DIR;
  const relayUrl = process.env.RELAY_URL;
  const token = process.env.AGENT_TOKEN;
  if (!dataDir || !relayUrl || !token) throw new Error('CORE_DATA_DIR, RELAY_URL and AGENT_TOKEN are required');
  const core = await createCore({ dataDir, credentials: createMemoryCredentialStore({ relayUrl, token }), log: silentLog });
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === '') continue;
    const command = JSON.parse(line) as { channel: string; input: unknown };
    const result = await core.handle(command.channel, command.input).catch((error: unknown) => ({ error: String(error) }));
    process.stdout.write(`result ${JSON.stringify(result)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`core process: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
