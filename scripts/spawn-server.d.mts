import type { ChildProcess } from 'node:child_process';

export interface SpawnedServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  child: ChildProcess;
  /** The temporary folder holding the database (and feeds, when asked). */
  dir: string;
  stop(): Promise<void>;
}

export function spawnServer(options?: {
  env?: Record<string, string>;
  feedsDir?: (dir: string) => string;
  stderr?: 'inherit' | 'ignore';
}): Promise<SpawnedServer>;
