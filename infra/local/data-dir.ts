/**
 * The local data folder (`.local/` by default) holds DynamoDB Local's
 * database, with national ids and names in clear, and the token signing key:
 * this user only. The folder and every folder in it are made mode 0700 and
 * every file 0600 on each start, which also closes up data written by an
 * older version; DynamoDB Local itself runs with umask 077 (dynamo.ts), so
 * what it creates later is 0600 too. Symbolic links are left alone (a link's
 * mode means nothing, and its target may lie outside the folder).
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const DATA_DIR_MODE = 0o700;
export const DATA_FILE_MODE = 0o600;

export function secureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DATA_DIR_MODE });
  closeUp(dir);
}

function closeUp(dir: string): void {
  chmodSync(dir, DATA_DIR_MODE);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isDirectory()) closeUp(path);
    else if (stat.isFile()) chmodSync(path, DATA_FILE_MODE);
  }
}
