// Starts the reference server (server/main.ts) as a child process on an ephemeral loopback port,
// as operators run it. The one way tests (node and browser), screenshots and benchmarks start a
// real server; tests that need no socket or process use `app.request()` instead.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 20_000;

/** Server settings from the caller's shell must not leak into a spawned server. */
export const SERVER_VARIABLES = [
  'PORT',
  'HOST',
  'FEEDS_DIR',
  'DATABASE_URL',
  'ALLOWED_ORIGINS',
  'RATE_LIMIT_WRITES',
  'RATE_LIMIT_WINDOW_MS',
  'TRUST_PROXY',
  'TRUST_PROXY_HEADER',
  'LOG_LEVEL',
  'DEMO',
  'FEEDS_STRICT',
  'HEADERS_TIMEOUT_MS',
  'REQUEST_TIMEOUT_MS',
  'KEEP_ALIVE_TIMEOUT_MS',
  'MAX_REQUESTS_PER_SOCKET',
  'MAX_CONNECTIONS',
  'LIVE_STREAMS',
  'LIVE_STREAMS_PER_CLIENT',
  'RATE_LIMIT_COMPARISON_WRITES',
  'RATE_LIMIT_NETWORK_WRITES',
  'RATE_LIMIT_COMPARISON_WINDOW_MS',
  'VOTE_PROOF',
  'VOTE_SECRET',
];

/**
 * A temporary folder holds the SQLite file (unless `env` names a DATABASE_URL) and, when asked,
 * the feeds. Output is collected; `stderr: 'inherit'` also shows the server's standard error.
 */
function launch({ env = {}, feedsDir, stderr = 'pipe' }) {
  const dir = mkdtempSync(join(tmpdir(), 'ai-compare-server-'));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !SERVER_VARIABLES.includes(name)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...inherited,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'votes.db')}`,
      // Test clients fire hundreds of requests at once and reuse idle connections for up to 4 s;
      // on a busy machine that window can overlap the server closing them at 5 s ("other side
      // closed"). Tests that are about keep-alive set their own value.
      KEEP_ALIVE_TIMEOUT_MS: '30000',
      ...(feedsDir ? { FEEDS_DIR: feedsDir(dir) } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', stderr === 'inherit' ? 'inherit' : 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk) => (err += chunk));
  return { child, dir, stdout: () => out, stderr: () => err };
}

function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Starts a server and resolves once it listens; `stop()` ends it and resolves with its exit code. */
export async function spawnServer(options = {}) {
  const { child, dir, stdout, stderr } = launch(options);
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start in time:\n${stdout()}${stderr()}`));
    }, START_TIMEOUT_MS);
    const onData = () => {
      const match = /listening on (http:\/\/\S+)/.exec(stdout());
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      reject(new Error(`the server exited with ${code} before listening:\n${stdout()}${stderr()}`));
    });
  });

  /** SIGTERM, wait for the exit, remove the temporary folder; resolves with the exit code. */
  async function stop() {
    const done = exited(child);
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
    const code = await done;
    rmSync(dir, { recursive: true, force: true });
    return code;
  }

  return { url, child, dir, stdout, stderr, stop };
}

/** Runs a server that is expected to refuse to start; resolves with how it ended. */
export async function runServerToExit(options = {}) {
  const { child, dir, stdout, stderr } = launch(options);
  const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
  const code = await exited(child);
  clearTimeout(timer);
  rmSync(dir, { recursive: true, force: true });
  return { code, stdout: stdout(), stderr: stderr() };
}
