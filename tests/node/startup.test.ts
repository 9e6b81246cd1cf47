/**
 * Start-up: a misconfigured server refuses to start, saying why; bad feed files are skipped and
 * named (or, with FEEDS_STRICT, refused), so one bad file never takes the good ones offline.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { feed, writeFeeds } from './helpers/fixtures.js';
import { runToExit, startServer, tempDir } from './helpers/server-process.js';

const dir = tempDir();
before(() => writeFeeds(dir.path, { 'good.json': feed('good') }));
after(() => dir.remove());

describe('start-up', () => {
  it('serves the good feeds when some files are bad, and names each bad file with its problems', async () => {
    const feeds = tempDir();
    try {
      const broken = feed('broken');
      (broken.tools as { url?: string }[])[1].url = 'ftp://files.example.com/';
      writeFeeds(feeds.path, { 'good.json': feed('good'), 'x.json': broken, 'y.json': '{"schemaVersion":' });
      // Sites are named, so the only warnings left are about the feed files.
      const server = await startServer({
        FEEDS_DIR: feeds.path,
        DATABASE_URL: 'sqlite::memory:',
        ALLOWED_ORIGINS: 'https://blog.example',
      });
      try {
        assert.equal((await fetch(`${server.url}/api/comparisons/good`)).status, 200);
        assert.equal((await fetch(`${server.url}/api/comparisons/broken`)).status, 404);
        const logged = server
          .stderr()
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { level: string; msg: string; file: string; problems: string[] });
        const x = join(feeds.path, 'x.json');
        assert.deepEqual(
          logged.map(({ level, msg, file }) => [level, msg, file]),
          [
            ['warn', 'feed file refused', x],
            ['warn', 'feed file refused', join(feeds.path, 'y.json')],
          ],
        );
        assert.deepEqual(logged[0].problems, [`${x}: tools[1].url: only http(s) links are allowed`]);
        assert.match(logged[1].problems[0], /y\.json: not valid UTF-8 JSON: /);
        const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { feeds: { served: number; failed: unknown[] } };
        assert.equal(ready.feeds.served, 1);
        assert.equal(ready.feeds.failed.length, 2);
      } finally {
        assert.equal(await server.stop(), 0);
      }
    } finally {
      feeds.remove();
    }
  });

  it('with FEEDS_STRICT=1, stops with exit code 1 on any bad feed, naming every problem', async () => {
    const feeds = tempDir();
    try {
      const broken = feed('broken');
      (broken.tools as { url?: string }[])[1].url = 'ftp://files.example.com/';
      broken.title = '';
      writeFeeds(feeds.path, { 'good.json': feed('good'), 'x.json': broken });
      const result = await runToExit({ FEEDS_DIR: feeds.path, DATABASE_URL: 'sqlite::memory:', FEEDS_STRICT: '1' });
      assert.equal(result.code, 1);
      assert.equal(result.stdout, '');
      const file = join(feeds.path, 'x.json');
      const lines = result.stderr.trim().split('\n').filter((line) => !line.startsWith('{'));
      assert.equal(lines.length, 2, result.stderr);
      assert.ok(lines.every((line) => line.startsWith(`${file}: `)), result.stderr);
      assert.ok(lines.includes(`${file}: tools[1].url: only http(s) links are allowed`), result.stderr);
    } finally {
      feeds.remove();
    }
  });

  it('refuses a zero-length database file instead of silently starting empty', async () => {
    const database = join(dir.path, 'emptied.db');
    writeFileSync(database, '');
    const result = await runToExit({ FEEDS_DIR: dir.path, DATABASE_URL: `sqlite:${database}` });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /emptied\.db is an empty file, not a vote database\. If it should hold votes, restore it from a backup/);
  });

  it('stops on a DATABASE_URL scheme it does not know', async () => {
    const result = await runToExit({ FEEDS_DIR: dir.path, DATABASE_URL: 'mysql://localhost/votes' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /DATABASE_URL scheme "mysql" is not supported/);
  });

  it('stops when the SQLite file cannot be opened', async () => {
    // The "parent folder" is a regular file, so the database cannot be created.
    const result = await runToExit({
      FEEDS_DIR: dir.path,
      DATABASE_URL: `sqlite:${join(dir.path, 'good.json', 'votes.db')}`,
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^DATABASE_URL: cannot open the vote store: /);
  });
});
