/** Command line of `npm run relay -- …`, parsed without dependencies. */
export type RelayCommand =
  | { kind: 'serve' }
  | { kind: 'help' }
  | { kind: 'token-create'; name: string; role: string }
  | { kind: 'token-revoke'; name: string }
  | { kind: 'token-list' }
  | { kind: 'migrate-to'; databaseUrl: string };

export class UsageError extends Error {}

export const USAGE = `Usage: npm run relay -- [command]

Commands:
  serve                                      Start the relay (default when no command is given)
  token create --name NAME [--role agent|lead]
                                             Create an agent token; it is printed once, on the last line
  token revoke --name NAME                   Revoke every active token with that name
  token list                                 List tokens (names, roles, dates; never the tokens)
  migrate-to postgres://USER:PASSWORD@HOST:5432/DATABASE[?schema=NAME]
                                             Copy the SQLite relay in RELAY_DATA_DIR (everything: events, tokens,
                                             rules, catalog, orders) into an empty PostgreSQL database; stop the
                                             relay first, then start it with RELAY_DATABASE_URL set to that URL

Environment: RELAY_PORT (8787), RELAY_HOST (0.0.0.0), RELAY_DATA_DIR (./.data/relay),
  RELAY_DATABASE_URL (unset = SQLite in RELAY_DATA_DIR; postgres://… = PostgreSQL, any number of relays),
  LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN, LINE_API_BASE_URL (https://api.line.me)`;

function parseFlags(args: readonly string[], allowed: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`Unexpected argument "${arg}"`);
    const [, flag, inline] = match as unknown as [string, string, string | undefined];
    if (!allowed.includes(flag)) throw new UsageError(`Unknown option --${flag}`);
    const value = inline ?? args[i + 1];
    if (inline === undefined) i += 1;
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${flag} needs a value`);
    if (flags.has(flag)) throw new UsageError(`--${flag} given twice`);
    flags.set(flag, value);
  }
  return flags;
}

export function parseRelayArgs(argv: readonly string[]): RelayCommand {
  const [command, sub, ...rest] = argv;
  if (command === undefined || command === 'serve') {
    if (argv.length > 1) throw new UsageError(`"serve" takes no arguments`);
    return { kind: 'serve' };
  }
  if (command === 'help' || command === '--help' || command === '-h') return { kind: 'help' };
  if (command === 'migrate-to') {
    if (sub === undefined || rest.length > 0) throw new UsageError('migrate-to needs one argument: the PostgreSQL URL (postgres://…)');
    return { kind: 'migrate-to', databaseUrl: sub };
  }
  if (command !== 'token') throw new UsageError(`Unknown command "${command}"`);

  if (sub === 'create') {
    const flags = parseFlags(rest, ['name', 'role']);
    const name = flags.get('name');
    if (!name) throw new UsageError('token create needs --name NAME');
    return { kind: 'token-create', name, role: flags.get('role') ?? 'agent' };
  }
  if (sub === 'revoke') {
    const flags = parseFlags(rest, ['name']);
    const name = flags.get('name');
    if (!name) throw new UsageError('token revoke needs --name NAME');
    return { kind: 'token-revoke', name };
  }
  if (sub === 'list') {
    if (rest.length > 0) throw new UsageError('token list takes no arguments');
    return { kind: 'token-list' };
  }
  throw new UsageError(sub === undefined ? 'token needs a subcommand: create, revoke or list' : `Unknown token subcommand "${sub}"`);
}
