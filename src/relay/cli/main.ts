import { ZodError } from 'zod';
import { agentTokenRequestSchema, createAgentToken, revokeAgentTokens } from '../auth/agent-tokens';
import { loadRelayConfig, RelayConfigError, type RelayConfig } from '../config';
import { createConsoleLogger } from '../logger';
import { startRelay } from '../server';
import { describeDatabase, openRelayStore } from '../store/open-relay-store';
import { parseRelayArgs, USAGE, UsageError, type RelayCommand } from './args';

/**
 * `npm run relay -- …`. Human-readable lines go to stderr; stdout carries only what scripts read
 * (the new token, the token list), so `token create` can be captured as the last stdout line.
 */
const EXIT_USAGE = 2;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function serve(config: RelayConfig): Promise<void> {
  const logger = createConsoleLogger();
  const relay = await startRelay(config, { logger });
  logger.info(`Ready: agents connect to ${relay.url} — stop with Ctrl+C`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: closing`);
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => fail(`Relay did not close cleanly: ${String(error)}`, 1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function runTokenCommand(command: Exclude<RelayCommand, { kind: 'serve' | 'help' | 'migrate-to' }>, config: RelayConfig): Promise<void> {
  const store = await openRelayStore(config);
  try {
    switch (command.kind) {
      case 'token-create': {
        const request = agentTokenRequestSchema.safeParse({ name: command.name, role: command.role });
        if (!request.success) throw new UsageError(request.error.issues.map((issue) => issue.message).join('; '));
        const token = await createAgentToken(store, request.data);
        process.stderr.write(
          `Created ${request.data.role === 'agent' ? 'an agent' : 'a team-lead'} token for "${request.data.name}" (relay data: ${describeDatabase(config)}).\n` +
            'It is shown only once — paste it into the desktop app:\n',
        );
        process.stdout.write(`${token}\n`);
        return;
      }
      case 'token-revoke': {
        const revoked = await revokeAgentTokens(store, command.name);
        if (revoked === 0) fail(`No active token named "${command.name}"`, 1);
        process.stderr.write(`Revoked ${revoked} token(s) named "${command.name}".\n`);
        return;
      }
      case 'token-list': {
        const tokens = await store.listAgentTokens();
        if (tokens.length === 0) process.stderr.write('No agent tokens yet. Create one with: npm run relay -- token create --name NAME\n');
        for (const token of tokens) {
          const status = token.revokedAt === null ? 'active' : `revoked ${new Date(token.revokedAt).toISOString()}`;
          process.stdout.write(`${token.name}\t${token.role}\tcreated ${new Date(token.createdAt).toISOString()}\t${status}\n`);
        }
        return;
      }
    }
  } finally {
    await store.close();
  }
}

async function main(argv: readonly string[]): Promise<void> {
  let command: RelayCommand;
  let config: RelayConfig;
  try {
    command = parseRelayArgs(argv);
    if (command.kind === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return;
    }
    config = loadRelayConfig(process.env);
  } catch (error) {
    if (error instanceof UsageError) fail(`${error.message}\n\n${USAGE}`, EXIT_USAGE);
    if (error instanceof RelayConfigError) fail(error.message, EXIT_USAGE);
    throw error;
  }
  if (command.kind === 'serve') return serve(config);
  try {
    // Loaded only for this command: it brings the PostgreSQL driver.
    if (command.kind === 'migrate-to') await (await import('./migrate-to')).migrateToPostgres(config, command.databaseUrl);
    else await runTokenCommand(command, config);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ZodError) fail(`${error.message}\n\n${USAGE}`, EXIT_USAGE);
    throw error;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  fail(`relay: ${error instanceof Error ? error.message : String(error)}`, 1);
});
