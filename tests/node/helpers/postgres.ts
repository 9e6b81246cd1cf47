/**
 * A throwaway PostgreSQL cluster for tests: its own data folder in a fresh temporary folder,
 * listening on 127.0.0.1 only, on a free port, with trust authentication. The system's default
 * cluster is neither used nor touched.
 *
 * When PostgreSQL is missing it is installed from Debian's packages if we are root; elsewhere the
 * tests are skipped with a reason, except under CI=true, where a missing PostgreSQL is an error.
 * initdb and postgres refuse to run as root, so as root they run as the `postgres` user (created
 * by the Debian package) via runuser.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const INSTALL_ROOT = '/usr/lib/postgresql';
const TOOLS = ['initdb', 'pg_ctl', 'postgres'] as const;

export interface Skipped {
  skipped: string;
}

export interface PostgresBinaries {
  /** The folder holding initdb, pg_ctl and postgres, e.g. /usr/lib/postgresql/15/bin. */
  bin: string;
}

export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:PORT/ai_compare`, a database created for the caller. */
  url: string;
  port: number;
  /** The postmaster's process id. */
  pid: number;
  /** Creates another empty database and answers its URL. */
  createDatabase: (name: string) => Promise<string>;
  /** Runs SQL as the superuser in the database of `url` (default: the cluster's `postgres` database). */
  query: <R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    values?: unknown[],
    url?: string,
  ) => Promise<pg.QueryResult<R>>;
  /** Stops the cluster (fast shutdown) and removes its folder. */
  stop: () => Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;
const ci = () => process.env.CI === 'true';

interface RunResult {
  code: number | null;
  output: string;
}

/** Runs a command to its end with stdin closed, collecting stdout and stderr. */
function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<RunResult>((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('error', (error) => resolve({ code: null, output: `${output}${error.message}` }));
    child.once('close', (code) => resolve({ code, output }));
  });
}

function findBinaries(): PostgresBinaries | undefined {
  if (!existsSync(INSTALL_ROOT)) return undefined;
  const versions = readdirSync(INSTALL_ROOT)
    .filter((version) => TOOLS.every((tool) => existsSync(join(INSTALL_ROOT, version, 'bin', tool))))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions.length ? { bin: join(INSTALL_ROOT, versions[0], 'bin') } : undefined;
}

let installation: Promise<void> | undefined;

/** `apt-get update`, then `apt-get install postgresql`; once per process, output shown only on failure. */
function install(): Promise<void> {
  installation ??= (async () => {
    console.log('Installing PostgreSQL for the tests: apt-get update, apt-get install postgresql');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'postgresql']]) {
      const { code, output } = await run('apt-get', args, { env });
      if (code !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${code}):\n${output.slice(-4000)}`);
    }
  })();
  return installation;
}

/**
 * Finds PostgreSQL, installing it when missing and we are root. Answers why the tests must be
 * skipped when it cannot; under CI=true it throws instead, since nothing may be skipped there.
 */
export async function findPostgres(): Promise<PostgresBinaries | Skipped> {
  const found = findBinaries();
  if (found) return found;
  let reason: string;
  if (isRoot()) {
    try {
      await install();
    } catch (error) {
      if (ci()) throw error;
      return { skipped: `PostgreSQL is not installed and installing it failed: ${(error as Error).message}` };
    }
    const installed = findBinaries();
    if (installed) return installed;
    reason = `after installing PostgreSQL, ${INSTALL_ROOT}/*/bin still has no ${TOOLS.join(', ')}`;
  } else {
    reason = 'PostgreSQL is not installed and installing it needs root';
  }
  if (ci()) throw new Error(`CI=true: the PostgreSQL tests may not be skipped, but ${reason}`);
  return { skipped: reason };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => {
    const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const value = Number.parseInt(result.stdout, 10);
    if (result.status !== 0 || !Number.isInteger(value)) {
      throw new Error('running PostgreSQL as root needs the "postgres" user, which the Debian package creates');
    }
    return value;
  };
  return { uid: id('-u'), gid: id('-g') };
}

/** Starts a fresh cluster with the binaries in `bin` and creates the database `ai_compare` in it. */
export async function startCluster({ bin }: PostgresBinaries): Promise<PostgresCluster> {
  const root = mkdtempSync(join(tmpdir(), 'ai-compare-pg-'));
  const data = join(root, 'data');
  const log = join(root, 'postgres.log');
  // The server's own tools, as the postgres user when we are root.
  const tool = (name: string, args: readonly string[]) => {
    const command = join(bin, name);
    const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    return { file, argv, options: { cwd: root, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' } } };
  };
  const runTool = async (name: string, args: readonly string[], check = true) => {
    const { file, argv, options } = tool(name, args);
    const result = await run(file, argv, options);
    if (check && result.code !== 0) {
      const logged = existsSync(log) ? readFileSync(log, 'utf8').slice(-4000) : '';
      throw new Error(`${name} ${args.join(' ')} failed (exit ${result.code}):\n${result.output}${logged}`);
    }
    return result;
  };
  // Synchronous, for process exit and signals: stop by pg_ctl, and remove the folder.
  const stopNow = () => {
    const { file, argv, options } = tool('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '20']);
    if (existsSync(join(data, 'postmaster.pid'))) spawnSync(file, argv, { ...options, stdio: 'ignore' });
    rmSync(root, { recursive: true, force: true });
  };
  const onExit = () => stopNow();
  const onSignal = (signal: NodeJS.Signals) => {
    stopNow();
    process.kill(process.pid, signal);
  };
  const unhook = () => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };

  try {
    mkdirSync(data, { mode: 0o700 });
    if (isRoot()) {
      const { uid, gid } = postgresUser();
      chownSync(root, uid, gid);
      chownSync(data, uid, gid);
    }
    // --no-sync only skips syncing the freshly made files; the server itself runs with fsync on.
    await runTool('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync', '--no-instructions']);

    process.once('exit', onExit);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);

    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='${root}'`;
      try {
        await runTool('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', options]);
        break;
      } catch (error) {
        // Another process may have taken the port between freePort() and the server's bind.
        if (attempt >= 3 || !/Address already in use/.test(readFileSync(log, 'utf8'))) throw error;
      }
    }
    const pid = Number.parseInt(readFileSync(join(data, 'postmaster.pid'), 'utf8'), 10);

    const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
    const query: PostgresCluster['query'] = async (sql, values, url = urlOf('postgres')) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return await client.query(sql, values);
      } finally {
        await client.end();
      }
    };
    const createDatabase = async (name: string) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await query(`CREATE DATABASE ${name}`);
      return urlOf(name);
    };
    const url = await createDatabase('ai_compare');

    let stopped: Promise<void> | undefined;
    const stop = () => {
      stopped ??= (async () => {
        unhook();
        const result = await runTool('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30'], false);
        if (result.code !== 0 && processExists(pid)) {
          // Our own postmaster, by its id: SIGQUIT is PostgreSQL's immediate shutdown.
          process.kill(pid, 'SIGQUIT');
          for (let i = 0; i < 100 && processExists(pid); i++) await new Promise((r) => setTimeout(r, 100));
        }
        rmSync(root, { recursive: true, force: true });
      })();
      return stopped;
    };
    return { url, port, pid, createDatabase, query, stop };
  } catch (error) {
    unhook();
    stopNow();
    throw error;
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Finds (or installs) PostgreSQL and starts a cluster, or answers why the tests are skipped. */
export async function startPostgres(): Promise<PostgresCluster | Skipped> {
  const found = await findPostgres();
  return 'skipped' in found ? found : startCluster(found);
}
