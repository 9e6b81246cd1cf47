/**
 * `ai-compare backup <file>`: a consistent copy of the SQLite vote database while the server
 * keeps running (SQLite's online backup, page by page, through better-sqlite3).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '../command.js';

export const command: Command = {
  usage: [
    'Usage: ai-compare backup <file>',
    '',
    'Copies the SQLite vote database named by DATABASE_URL (default sqlite:./data/votes.db) to',
    '<file>, consistently, while the server keeps running and taking votes. Restore by stopping',
    'the server and putting the copy in place of the database file.',
    '',
    'For PostgreSQL (DATABASE_URL=postgres://…), use pg_dump.',
  ].join('\n'),
  async run(args) {
    if (args.length !== 1 || args[0].startsWith('-')) {
      console.error(this.usage);
      return 1;
    }
    const { DEFAULTS, parseDatabaseUrl } = await import('../../server/config.js');
    const database = parseDatabaseUrl(process.env.DATABASE_URL?.trim() || DEFAULTS.databaseUrl, process.cwd());
    if (database.kind === 'postgres') {
      console.error('ai-compare backup copies SQLite databases; for PostgreSQL use pg_dump.');
      return 1;
    }
    if (database.kind === 'sqlite-memory') {
      console.error('DATABASE_URL is sqlite::memory: there is no file to back up.');
      return 1;
    }
    const target = resolve(args[0]);
    if (existsSync(target)) {
      console.error(`${target} already exists; choose a new file name.`);
      return 1;
    }
    const { checkSqliteFile } = await import('../../server/storage/open-store.js');
    if (!existsSync(database.file)) {
      console.error(`${database.file}: no such database (set DATABASE_URL=sqlite:<file>).`);
      return 1;
    }
    checkSqliteFile(database.file);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(database.file, { fileMustExist: true });
    try {
      // Waits briefly for the server's write lock rather than failing on a busy moment.
      db.pragma('busy_timeout = 5000');
      const { totalPages } = await db.backup(target);
      // The copy becomes one self-contained file (the server turns write-ahead logging back on
      // when it opens a restored copy), and counting its votes proves it reads back.
      const copy = new Database(target);
      try {
        copy.pragma('journal_mode = DELETE');
        const { n } = copy.prepare('SELECT COUNT(*) AS n FROM votes').get() as { n: number };
        console.log(`Backed up ${database.file} to ${target} (${totalPages} pages, ${n} votes).`);
      } finally {
        copy.close();
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
