// Starts the reference server (server/main.ts) as a child process on an ephemeral loopback port
// with its own temporary SQLite file. Shared by the browser tests, the screenshots and the
// benchmarks; node tests have a richer helper of their own (tests/node/helpers).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @param {{ env?: Record<string, string>, feedsDir?: (dir: string) => string, stderr?: 'inherit' | 'ignore' }} [options]
 */
export async function spawnServer({ env = {}, feedsDir, stderr = 'inherit' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ai-compare-server-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'votes.db')}`,
      ...(feedsDir ? { FEEDS_DIR: feedsDir(dir) } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', stderr],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
  });

  /** SIGTERM, wait for the exit, remove the temporary folder. */
  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }

  return { url, child, dir, stop };
}
