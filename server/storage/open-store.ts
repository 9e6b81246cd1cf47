/** Opens the vote store that DATABASE_URL names. */
import type { DatabaseConfig } from '../config.js';
import { PostgresVoteStore } from './postgres-store.js';
import { SqliteVoteStore } from './sqlite-store.js';
import type { VoteStore } from './vote-store.js';

export async function openStore(database: DatabaseConfig): Promise<VoteStore> {
  switch (database.kind) {
    case 'sqlite':
      return new SqliteVoteStore(database.file);
    case 'sqlite-memory':
      return new SqliteVoteStore(':memory:');
    case 'postgres':
      return PostgresVoteStore.open(database.url);
  }
}
