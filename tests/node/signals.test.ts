/**
 * Ctrl+C and service managers: a terminal signals the whole process group and npm passes the
 * signal on too, so the server hears it twice or more. Echoes within the grace period must not
 * cut a clean shutdown short (every vote in flight answered, the log checkpointed); a third
 * signal, or one after the grace period, forces the exit.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { VOTE_TOKEN_HEADER } from '../../contract/vote-api.js';
import { feed, voter, voteToken, writeFeeds, type Summary } from './helpers/fixtures.js';
import { rawRequest } from './helpers/raw-http.js';
import { ROOT, startServer, tempDir } from './helpers/server-process.js';

const dir = tempDir();
after(() => dir.remove());
writeFeeds(dir.path, { 'signals.json': feed('signals') });

const SERVER_VARIABLES = /^(PORT|HOST|FEEDS_DIR|DATABASE_URL|LOG_LEVEL|DEMO|TRUST_PROXY|FEEDS_STRICT|VOTE_PROOF)$/;

/** The votes below are raw requests without a vote token: signals are under test, not the proof. */
const NO_PROOF = { VOTE_PROOF: 'off' };

interface Launched {
  child: ChildProcess;
  url: string;
  /** Resolves once every process of the group has let go of the output (the server has exited). */
  closed: Promise<number | null>;
  output: () => string;
}

/** `npm run <script>` in a process group of its own, as a terminal runs it. */
async function npmRun(script: string, database: string): Promise<Launched> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !SERVER_VARIABLES.test(name)));
  const child = spawn('npm', ['run', '-s', script], {
    cwd: ROOT,
    env: { ...env, ...NO_PROOF, PORT: '0', HOST: '127.0.0.1', FEEDS_DIR: dir.path, DATABASE_URL: `sqlite:${database}` },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`npm run ${script} exited with ${code}:\n${out}`)));
  });
  return { child, url, closed, output: () => out };
}

/** The server npm started: `exec` in the scripts makes it npm's own child. */
function serverPid(npmPid: number): number {
  const children = readFileSync(`/proc/${npmPid}/task/${npmPid}/children`, 'utf8').trim().split(/\s+/).map(Number);
  assert.equal(children.length, 1, 'npm runs the server as its only child');
  return children[0];
}

/** A vote whose body is still arriving when `during` runs (with the vote token a widget holds). */
async function voteInFlight(url: string, voterId: string, during: () => Promise<void>) {
  const body = JSON.stringify({ toolId: 'beta', voterId });
  const token = (await voteToken(`${url}/api/comparisons/signals/votes`)) ?? '';
  return rawRequest(url, '/api/comparisons/signals/votes', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [VOTE_TOKEN_HEADER]: token },
    chunks: [body.slice(0, 12), body.slice(12)],
    beforeLastChunk: during,
  });
}

function storedVote(database: string, voterId: string): string | undefined {
  const db = new Database(database, { readonly: true });
  try {
    return db.prepare<[string], { tool_id: string }>('SELECT tool_id FROM votes WHERE voter_id = ?').get(voterId)?.tool_id;
  } finally {
    db.close();
  }
}

for (const script of ['start', 'serve']) {
  describe(`Ctrl+C under npm ${script === 'start' ? 'start' : 'run serve'}`, () => {
    it('answers the vote in flight, stores it, checkpoints the log and exits cleanly', async () => {
      const database = join(dir.path, `${script}.db`);
      const server = await npmRun(script, database);
      const pid = server.child.pid;
      assert.ok(pid !== undefined);
      const voterId = voter(`ctrl-c-${script}`);
      const response = await voteInFlight(server.url, voterId, async () => {
        await sleep(200);
        // Ctrl+C: the terminal signals every process of the group and npm passes its copy on
        // (two signals that may merge into one); then one more copy straight to the server,
        // late enough to arrive on its own.
        process.kill(-pid, 'SIGINT');
        await sleep(150);
        process.kill(serverPid(pid), 'SIGINT');
        await sleep(300);
      });
      assert.equal(response.status, 200, response.body);
      assert.equal((JSON.parse(response.body) as Summary).yourVote, 'beta');
      await server.closed;
      assert.match(server.output(), /already stopping/);
      assert.doesNotMatch(server.output(), /forced to stop/);
      const wal = `${database}-wal`;
      assert.ok(!existsSync(wal) || statSync(wal).size === 0, 'the write-ahead log was folded into the database');
      assert.equal(storedVote(database, voterId), 'beta');
    });
  });
}

describe('forcing the exit', () => {
  it('a third signal within the grace period ends the process at once', async () => {
    const server = await startServer({ ...NO_PROOF, FEEDS_DIR: dir.path, DATABASE_URL: 'sqlite::memory:' });
    const pid = server.child.pid;
    assert.ok(pid !== undefined);
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    const response = voteInFlight(server.url, voter('forced-third'), async () => {
      await sleep(300);
      // Three separate presses, each past the echo window, all within the grace period.
      for (let signal = 0; signal < 3; signal++) {
        process.kill(pid, 'SIGINT');
        await sleep(400);
      }
      // The body is never finished while the process is alive: only forcing can end it.
      await exited;
    }).catch((error: unknown) => error);
    assert.equal(await exited, 1);
    assert.ok((await response) instanceof Error, 'the request in flight was cut off');
    assert.match(server.stdout() + server.stderr(), /forced to stop/);
  });

  it('a signal after the grace period ends the process at once', async () => {
    const server = await startServer({ ...NO_PROOF, FEEDS_DIR: dir.path, DATABASE_URL: 'sqlite::memory:' });
    const pid = server.child.pid;
    assert.ok(pid !== undefined);
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    const response = voteInFlight(server.url, voter('forced-late'), async () => {
      await sleep(300);
      process.kill(pid, 'SIGTERM');
      // Past the 2 s grace period, before the 5 s drain would cut the connection.
      await sleep(2_500);
      process.kill(pid, 'SIGTERM');
      await exited;
    }).catch((error: unknown) => error);
    assert.equal(await exited, 1, server.stdout() + server.stderr());
    assert.ok((await response) instanceof Error, JSON.stringify(await response));
    assert.match(server.stdout() + server.stderr(), /forced to stop/);
  });
});
