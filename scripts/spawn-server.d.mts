import type { ChildProcess } from 'node:child_process';

export const SERVER_VARIABLES: readonly string[];

export interface SpawnOptions {
  /** Server variables; anything not given here is the server's default, never the caller's shell. */
  env?: Record<string, string>;
  /** Makes the feeds folder inside the server's temporary folder and returns its path. */
  feedsDir?: (dir: string) => string;
  /** `pipe` (the default) collects standard error; `inherit` also shows it. */
  stderr?: 'pipe' | 'inherit' | 'ignore';
}

export interface SpawnedServer {
  /** `http://127.0.0.1:PORT`, as printed by the server. */
  url: string;
  child: ChildProcess;
  /** The temporary folder holding the database (and feeds, when asked). */
  dir: string;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then waits for the exit and removes the temporary folder; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function spawnServer(options?: SpawnOptions): Promise<SpawnedServer>;

export function runServerToExit(options?: SpawnOptions): Promise<{ code: number | null; stdout: string; stderr: string }>;
