/** The server as operators start it: through npm, stopped by a signal sent to npm alone. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { postVote } from './helpers/fixtures.js';
import { ROOT, tempDir } from './helpers/server-process.js';

describe('npm run serve', () => {
  it('hands SIGTERM to the server, which stores the vote and shuts down cleanly', async () => {
    const dir = tempDir();
    try {
      const database = join(dir.path, 'votes.db');
      // Signalled alone (as `docker stop` or `kill <pid>` do), npm must not leave an orphan server.
      const npm = spawn('npm', ['run', '-s', 'serve'], {
        cwd: ROOT,
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `sqlite:${database}`, FEEDS_DIR: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        npm.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          const match = /listening on (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1]);
        });
        npm.once('exit', (code) => reject(new Error(`npm run serve exited with ${code}: ${out}`)));
      });
      const vote = await postVote(url, 'cursor-1-0-vs-smolvlm2-2b', { toolId: 'cursor-1-0', voterId: 'npm-signal-test-voter' });
      assert.equal(vote.status, 200);
      await vote.arrayBuffer();

      const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
      npm.kill('SIGTERM');
      assert.equal(await exited, 0);
      // The server itself is gone (its port refuses connections) and checkpointed its log.
      await assert.rejects(fetch(`${url}/`));
      const wal = `${database}-wal`;
      assert.ok(!existsSync(wal) || statSync(wal).size === 0, 'the write-ahead log was folded into the database');
    } finally {
      dir.remove();
    }
  });
});
