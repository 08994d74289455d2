import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * The relay's folder holds every customer conversation and the agent token hashes: 0700 folder, 0600
 * files, whatever the umask, tightened on open when an older version left them more open and we own them.
 * The database file is created 0600 before SQLite opens it because SQLite gives its -wal and -shm files the
 * database file's mode. Nothing is changed on Windows (no POSIX modes; ACLs come from the parent folder).
 */
export function preparePrivateDatabase(dataDir: string, databaseFiles: readonly [string, ...string[]]): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(databaseFiles[0], 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  tightenIfOurs(dataDir, 0o700);
  for (const file of databaseFiles) tightenIfOurs(file, 0o600);
}

function tightenIfOurs(path: string, mode: number): void {
  if (process.platform === 'win32') return;
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (stats.uid === process.getuid?.() && (stats.mode & 0o777) !== mode) chmodSync(path, mode);
}

/** A folder of the relay's own (e.g. `media`): created 0700 and tightened like the data folder. */
export function preparePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tightenIfOurs(dir, 0o700);
}
