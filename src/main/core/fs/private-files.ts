import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * The shop's conversations and the agent token must not be readable by other accounts on the computer:
 * our folders are 0700 and our files 0600, whatever the umask. Folders or files left too open by an older
 * version are tightened when we own them. Windows has no such modes (its ACLs are inherited from the
 * profile folder), so nothing is changed there.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const enforced = process.platform !== 'win32';

/** Creates `dir` (and missing parents, 0700) and tightens it to 0700 if it is ours and more open. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, PRIVATE_DIR_MODE);
}

/** Tightens each existing file to 0600 (missing files are skipped). */
export function restrictFiles(paths: readonly string[]): void {
  for (const path of paths) tighten(path, PRIVATE_FILE_MODE);
}

/**
 * Creates `path` empty with 0600 if it does not exist yet, so a program that then opens it (SQLite copies
 * the database file's mode to its -wal and -shm files) never makes it world-readable.
 */
export function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  tighten(path, PRIVATE_FILE_MODE);
}

function tighten(path: string, mode: number): void {
  if (!enforced) return;
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  // Someone else's folder (e.g. a shared mount): not ours to change.
  if (stats.uid !== process.getuid?.()) return;
  if ((stats.mode & 0o777) !== mode) chmodSync(path, mode);
}
