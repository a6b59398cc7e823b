import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * The data folder holds phone numbers, message texts and logs: on POSIX it is 0700 and what it holds
 * 0600, readable by this user only — whatever the umask, and also when an older version left the
 * files readable by everyone. Windows keeps the user profile's ACLs (chmod there only toggles read-only).
 */
const POSIX = process.platform !== 'win32';

/** Creates the folder (and missing parents) 0700, or makes an existing one 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX) chmodSync(dir, 0o700);
}

/** Makes each existing file 0600; missing ones are skipped. */
export function makePrivate(...files: string[]): void {
  if (!POSIX) return;
  for (const f of files) if (existsSync(f)) chmodSync(f, 0o600);
}

/** Creates the file empty and 0600 if it is missing (so a library that opens it later keeps the mode). */
export function createPrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  makePrivate(file);
}

/** Options for writeFileSync/appendFileSync that create a file 0600. */
export const PRIVATE_FILE = { mode: 0o600 } as const;
