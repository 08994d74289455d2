// `npm run demo`: only the demo relay with its simulated LINE and Meta platforms, the sample shop page with
// the web-chat widget, and simulated customers on all four channels, for an app started
// elsewhere (`npm run app -- --no-build`, another machine on the LAN, or a second agent window). It prints
// the relay address and an agent token to sign in with, and runs until Ctrl+C.
import { join, resolve } from 'node:path';
import { startDemo } from '../src/demo/start-demo';

const rootDir = resolve(__dirname, '..');
const dataDir = resolve(process.env.INBOX_DATA_DIR ?? join(rootDir, '.data'));

async function main(): Promise<void> {
  const demo = await startDemo({
    rootDir,
    dataDir: join(dataDir, 'demo'),
    relayPort: process.env.RELAY_PORT ? Number(process.env.RELAY_PORT) : 0,
    log: (line) => console.log(`[demo] ${line}`),
  });
  console.log(`Demo relay of ${demo.shopName}: ${demo.relayUrl}`);
  console.log(`Demo shop page with the web-chat widget: ${demo.shopPageUrl}`);
  console.log(`Agent token (lead): ${demo.agentToken}`);
  console.log(`Agent token (agent): ${demo.agentRoleToken}`);
  console.log('Press Ctrl+C to stop.');
  const stop = async (): Promise<void> => {
    await demo.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
