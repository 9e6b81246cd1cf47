/** Opens the vote store that DATABASE_URL names. */
import { statSync } from 'node:fs';
import type { DatabaseConfig } from '../config.js';
import { SqliteVoteStore } from './sqlite-store.js';
import type { VoteStore } from './vote-store.js';

function sizeOf(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}

/**
 * SQLite treats an empty file as an empty database and would quietly start counting from zero.
 * A file that exists but is empty is almost always a lost database (a failed copy, a restore
 * that went wrong, a full disk), so it is refused: a new database is made only where there is
 * no file at all. An empty file beside a non-empty write-ahead log still holds votes in the log.
 */
export function checkSqliteFile(file: string): void {
  if (sizeOf(file) !== 0 || (sizeOf(`${file}-wal`) ?? 0) > 0) return;
  throw new Error(
    `${file} is an empty file, not a vote database. If it should hold votes, restore it from a backup; ` +
      'to start a new database, delete the empty file and start again.',
  );
}

/** PostgreSQL's driver is an optional dependency: loaded only when DATABASE_URL names it. */
async function openPostgres(url: string): Promise<VoteStore> {
  let module: typeof import('./postgres-store.js');
  try {
    module = await import('./postgres-store.js');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && /'pg'/.test((error as Error).message)) {
      throw new Error('PostgreSQL needs its driver, the optional package "pg": install it with npm install pg', {
        cause: error,
      });
    }
    throw error;
  }
  return module.PostgresVoteStore.open(url);
}

export async function openStore(database: DatabaseConfig): Promise<VoteStore> {
  switch (database.kind) {
    case 'sqlite':
      checkSqliteFile(database.file);
      return new SqliteVoteStore(database.file);
    case 'sqlite-memory':
      return new SqliteVoteStore(':memory:');
    case 'postgres':
      return openPostgres(database.url);
  }
}
