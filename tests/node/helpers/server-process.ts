/**
 * The real server (`server/main.ts`) as a child process, for tests where a socket or a process is
 * the point (signals, restarts, raw HTTP). Started by the one shared launcher.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runServerToExit, spawnServer, type SpawnedServer } from '../../../scripts/spawn-server.mjs';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export type RunningServer = SpawnedServer;

/** Starts a server with `env` (and the defaults for everything else) and waits until it listens. */
export function startServer(env: Record<string, string>): Promise<RunningServer> {
  return spawnServer({ env });
}

/** Runs a server that is expected to refuse to start; resolves with how it ended. */
export function runToExit(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runServerToExit({ env });
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix = 'ai-compare-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
