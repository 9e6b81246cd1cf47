/** Runs the real server (`server/main.ts`) as a child process, as operators do. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Server settings inherited from the shell must not leak into a test. */
const SERVER_VARIABLES = [
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

const START_TIMEOUT_MS = 20_000;

export interface RunningServer {
  /** `http://127.0.0.1:PORT`, as printed by the server. */
  url: string;
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop: () => Promise<number | null>;
}

function launch(env: Record<string, string>): ChildProcess {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !SERVER_VARIABLES.includes(name)),
  );
  return spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const child = launch(env);
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start in time:\n${out}${err}`));
    }, START_TIMEOUT_MS);
    const onData = () => {
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening:\n${out}${err}`));
    });
  });

  return {
    url,
    child,
    stdout: () => out,
    stderr: () => err,
    stop: async () => {
      const done = exited(child);
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        process.kill(child.pid, 'SIGTERM');
      }
      return done;
    },
  };
}

/** Runs a server that is expected to refuse to start; resolves with how it ended. */
export async function runToExit(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = launch(env);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
  const code = await exited(child);
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix = 'ai-compare-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
