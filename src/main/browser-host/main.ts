import { resolve } from 'node:path';
import { z } from 'zod';
import { createCore, createFileCredentialStore } from '../core';
import { startBrowserHost } from './server';

/**
 * `tsx src/main/browser-host/main.ts`: the app without Electron — the core plus the renderer served on
 * 127.0.0.1. Prints `Shop Inbox is running at <url>` once ready.
 */
const envSchema = z
  .object({
    INBOX_DATA_DIR: z.string().min(1).default('./.data/desktop'),
    INBOX_HOST_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
    INBOX_RENDERER_DIR: z.string().min(1).default('out/renderer'),
    DEMO_RELAY_URL: z.string().min(1).optional(),
    DEMO_AGENT_TOKEN: z.string().min(1).optional(),
    /** The demo's second sign-in, with the agent role (DEMO_AGENT_TOKEN is the lead's). */
    DEMO_AGENT_ROLE_TOKEN: z.string().min(1).optional(),
  })
  .refine((env) => (env.DEMO_RELAY_URL === undefined) === (env.DEMO_AGENT_TOKEN === undefined), {
    message: 'Set both DEMO_RELAY_URL and DEMO_AGENT_TOKEN, or neither',
  });

async function main(): Promise<void> {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
  const env = parsed.data;
  const dataDir = resolve(env.INBOX_DATA_DIR);
  const core = await createCore({
    dataDir,
    credentials: createFileCredentialStore(dataDir),
    demo: env.DEMO_RELAY_URL && env.DEMO_AGENT_TOKEN ? { relayUrl: env.DEMO_RELAY_URL, token: env.DEMO_AGENT_TOKEN } : null,
    demoAgent: env.DEMO_RELAY_URL && env.DEMO_AGENT_ROLE_TOKEN ? { relayUrl: env.DEMO_RELAY_URL, token: env.DEMO_AGENT_ROLE_TOKEN } : null,
  });
  const host = await startBrowserHost({
    core,
    rendererDir: resolve(env.INBOX_RENDERER_DIR),
    port: env.INBOX_HOST_PORT,
    host: '127.0.0.1',
  });
  console.log(`Shop Inbox is running at ${host.url}`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Shop Inbox could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
