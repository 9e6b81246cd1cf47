/**
 * The vote service under load, side by side in one run: a bare node:http JSON answer as the
 * baseline, then the public tallies (cached), a personal read, a durable vote, the feed and the
 * bundle (compressed, revalidated with If-None-Match), each at 100 connections (autocannon), as
 * req/s, p50/p99 and a ratio of the baseline; for SQLite and PostgreSQL, one and three server
 * processes, at 0 and 1,000,000 stored votes. Then live results: open streams, memory per
 * stream, and how long one vote takes to reach them all. Prints figures, never pass/fail.
 *
 * Each figure is the middle of three rounds, and each round measures the baseline right before
 * the path, so the ratio compares two loads of the same moment: on a shared machine the speed
 * of the moment moves every figure, and ratios of rounds cancel most of it.
 *
 * BENCH_QUICK=1 runs each load for 1 s, one round, with 100,000 stored votes, for a quick look;
 * BENCH_STORES=sqlite (or postgres) and BENCH_PROCESSES=1 (or 3) run part of the grid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { join } from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { spawnServer } from '../scripts/spawn-server.mjs';
import { SqliteVoteStore } from '../server/storage/sqlite-store.js';
import { PostgresVoteStore } from '../server/storage/postgres-store.js';
import { findPostgres, startCluster, type PostgresCluster } from '../tests/node/helpers/postgres.js';

const QUICK = process.env.BENCH_QUICK === '1';
const SECONDS = QUICK ? 1 : 2;
const ROUNDS = QUICK ? 1 : 3;
const MANY = QUICK ? 100_000 : 1_000_000;
const CONNECTIONS = 100;
const COMPARISON = 'cursor-1-0-vs-smolvlm2-2b';
const TOOLS = ['cursor-1-0', 'smolvlm2-2b'];
const VOTES = `/api/comparisons/${COMPARISON}/votes`;
const STREAMS = 2_000;
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',');
const PROCESSES = (process.env.BENCH_PROCESSES ?? '1,3').split(',').map(Number);

/** Load tests measure the server, not the abuse checks: no limits, no vote tokens, quiet logs. */
const SERVER_ENV = {
  RATE_LIMIT_WRITES: '1000000000',
  RATE_LIMIT_COMPARISON_WRITES: '1000000000',
  RATE_LIMIT_NETWORK_WRITES: '1000000000',
  VOTE_PROOF: 'off',
  LOG_LEVEL: 'warn',
  LIVE_STREAMS: '100000',
  LIVE_STREAMS_PER_CLIENT: '100000',
  MAX_CONNECTIONS: '100000',
  // The load generator keeps each of its 100 connections for the whole run; recycling them
  // every 1,000 requests (the production default) would count as failed requests here.
  MAX_REQUESTS_PER_SOCKET: '0',
  // Votes come from many readers: each one names its own address (below), as a proxy in front
  // would. From one address every write would queue on the same rate-limit rows of PostgreSQL.
  TRUST_PROXY: 'loopback',
};

interface Figure {
  rps: number;
  p50: number;
  p99: number;
  failed: number;
}

interface Target {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  /** A fresh body per request (a new voter each time). */
  body?: () => string;
  /** Headers made per request, with the body. */
  perRequest?: () => Record<string, string>;
}

let voterCounter = 0;

/** `CONNECTIONS` connections spread over `bases` (one load balancer's worth of servers). */
async function load(bases: readonly string[], target: Target, duration = SECONDS): Promise<Figure> {
  const share = Math.ceil(CONNECTIONS / bases.length);
  const results = await Promise.all(
    bases.map((base) =>
      autocannon({
        url: base + target.path,
        connections: share,
        duration,
        method: (target.method ?? 'GET') as 'GET',
        headers: target.headers,
        requests: target.body
          ? [{ setupRequest: (request) => ({ ...request, body: target.body?.(), headers: { ...request.headers, ...target.perRequest?.() } }) }]
          : undefined,
      }),
    ),
  );
  const rps = results.reduce((sum, r) => sum + r.requests.average, 0);
  // 304 is the answer a revalidation wants; anything else outside 2xx counts as failed.
  const notModified = (r: autocannon.Result) => (r.statusCodeStats as Record<string, { count: number }> | undefined)?.['304']?.count ?? 0;
  const failed = results.reduce((sum, r) => sum + r.non2xx - notModified(r) + r.errors + r.timeouts, 0);
  // Latencies of the busiest share stand for all (they are alike when the shares are even).
  return { rps, p50: Math.max(...results.map((r) => r.latency.p50)), p99: Math.max(...results.map((r) => r.latency.p99)), failed };
}

function row(label: string, figure: Figure, ratioOfBaseline = 1): string {
  const ratio = `${ratioOfBaseline.toFixed(2)}×`;
  const failed = figure.failed ? `  (${figure.failed} not 2xx/304)` : '';
  return `    ${label.padEnd(26)} ${String(Math.round(figure.rps)).padStart(7)} req/s  p50 ${String(figure.p50).padStart(4)} ms  p99 ${String(figure.p99).padStart(4)} ms  ${ratio.padStart(6)}${failed}`;
}

/** A bare node:http server answering a JSON body the size of the tallies. */
async function baselineServer(): Promise<{ url: string; child: ChildProcess }> {
  const body = JSON.stringify({ comparisonId: COMPARISON, tallies: { [TOOLS[0]]: 500_000, [TOOLS[1]]: 500_000 }, total: 1_000_000 });
  const script = `const body=${JSON.stringify(body)};require('node:http').createServer((q,s)=>{s.writeHead(200,{'content-type':'application/json'});s.end(body)}).listen(0,'127.0.0.1',function(){console.log(this.address().port)})`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  return { url: `http://127.0.0.1:${port}`, child };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Bulk-loads `count` votes for the comparison straight into SQLite (the triggers count them). */
function fillSqlite(file: string, count: number): void {
  new SqliteVoteStore(file).close().catch(() => undefined); // migrates
  const db = new Database(file);
  db.pragma('synchronous = OFF');
  const insert = db.prepare('INSERT INTO votes VALUES (?, ?, ?, 0, 0)');
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(COMPARISON, `stored-voter-${String(i).padStart(10, '0')}`, TOOLS[i % 2]);
  })();
  db.close();
}

/** Bulk-loads into PostgreSQL with the trigger off, then counts once, as the migration does. */
async function fillPostgres(cluster: PostgresCluster, url: string, count: number): Promise<void> {
  await (await PostgresVoteStore.open(url)).close(); // migrates
  await cluster.query(
    `SET session_replication_role = replica;
     INSERT INTO ai_compare_votes (comparison_id, voter_id, tool_id)
       SELECT '${COMPARISON}', 'stored-voter-' || lpad(i::text, 10, '0'), CASE WHEN i % 2 = 0 THEN '${TOOLS[0]}' ELSE '${TOOLS[1]}' END
       FROM generate_series(1, ${count}) AS i;
     DELETE FROM ai_compare_counts;
     INSERT INTO ai_compare_counts (comparison_id, tool_id, shard, n)
       SELECT comparison_id, tool_id, hashtext(voter_id) & 15, count(*) FROM ai_compare_votes GROUP BY 1, 2, 3;
     SET session_replication_role = origin;`,
    [],
    url,
  );
  await cluster.query('VACUUM ANALYZE ai_compare_votes', [], url);
}

async function bundleEtag(base: string): Promise<{ path: string; etag: string }> {
  const page = await fetch(`${base}/dist/ai-compare.js`, { headers: { 'accept-encoding': 'br, gzip' } });
  await page.arrayBuffer();
  return { path: '/dist/ai-compare.js', etag: page.headers.get('etag') ?? '' };
}

async function scenario(label: string, bases: readonly string[]): Promise<void> {
  console.log(`  ${label}`);
  const bare = await baselineServer();
  try {
    await measure(bare.url, bases);
  } finally {
    await stop(bare.child);
  }
}

/** Each path's middle round of `ROUNDS`, a round being the baseline and then the path. */
async function measure(bareUrl: string, bases: readonly string[]): Promise<void> {
  const baselines: Figure[] = [];
  const round = async (target: Target) => {
    const baseline = await load([bareUrl], { path: '/' });
    baselines.push(baseline);
    const figure = await load(bases, target);
    return { figure, ratio: figure.rps / baseline.rps };
  };
  const personalVoter = 'stored-voter-0000000007';
  const bundle = await bundleEtag(bases[0]);
  const targets: [string, Target][] = [
    ['public tallies (cached)', { path: VOTES }],
    ['personal GET', { path: VOTES, headers: { 'voter-id': personalVoter } }],
    [
      'durable POST',
      {
        path: VOTES,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: () => JSON.stringify({ toolId: TOOLS[voterCounter % 2], voterId: `bench-voter-${String(voterCounter++).padStart(10, '0')}` }),
        // One of 65,536 readers' addresses in 256 networks.
        perRequest: () => ({ 'x-forwarded-for': `10.${(voterCounter >> 8) & 255}.${voterCounter & 255}.${(voterCounter >> 16) & 255}` }),
      },
    ],
    ['feed', { path: `/api/comparisons/${COMPARISON}` }],
    ['bundle br + If-None-Match', { path: bundle.path, headers: { 'accept-encoding': 'br, gzip', 'if-none-match': bundle.etag } }],
  ];
  // A fresh process runs its first requests unoptimised: warm every path up first, unmeasured.
  for (const [, target] of targets) await load(bases, target, 1);
  const lines: string[] = [];
  for (const [name, target] of targets) {
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await round(target));
    rounds.sort((a, b) => a.ratio - b.ratio);
    const middle = rounds[rounds.length >> 1];
    lines.push(row(name, middle.figure, middle.ratio));
  }
  baselines.sort((a, b) => a.rps - b.rps);
  console.log(row('bare node:http JSON', baselines[baselines.length >> 1]));
  for (const line of lines) console.log(line);
}

async function servers(count: number, env: Record<string, string>) {
  const started = [];
  for (let i = 0; i < count; i++) started.push(await spawnServer({ env: { ...SERVER_ENV, ...env }, stderr: 'ignore' }));
  return started;
}

async function sqliteRuns(): Promise<void> {
  for (const stored of [0, MANY]) {
    const dir = mkdtempSync(join(tmpdir(), 'ai-compare-bench-'));
    const file = join(dir, 'votes.db');
    if (stored) fillSqlite(file, stored);
    for (const count of PROCESSES) {
      const running = await servers(count, { DATABASE_URL: `sqlite:${file}` });
      try {
        await scenario(`SQLite, ${count} process${count > 1 ? 'es' : ''}, ${stored.toLocaleString('en')} stored votes`, running.map((s) => s.url));
      } finally {
        for (const server of running) await server.stop();
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresRuns(): Promise<void> {
  const found = await findPostgres();
  if ('skipped' in found) {
    console.log(`  PostgreSQL: skipped (${found.skipped})`);
    return;
  }
  const cluster = await startCluster(found);
  try {
    for (const stored of [0, MANY]) {
      const url = await cluster.createDatabase(`bench_${stored}`);
      if (stored) await fillPostgres(cluster, url, stored);
      for (const count of PROCESSES) {
        const running = await servers(count, { DATABASE_URL: url });
        try {
          await scenario(`PostgreSQL, ${count} process${count > 1 ? 'es' : ''}, ${stored.toLocaleString('en')} stored votes`, running.map((s) => s.url));
        } finally {
          for (const server of running) await server.stop();
        }
      }
    }
  } finally {
    await cluster.stop();
  }
}

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/** Opens `STREAMS` live streams on one server, then times one vote's way to all of them. */
async function liveStreams(): Promise<void> {
  const server = await spawnServer({ env: SERVER_ENV, stderr: 'ignore' });
  const requests: ReturnType<typeof get>[] = [];
  try {
    const pid = server.child.pid as number;
    // Warm the server up so its own start-up allocations do not count as the streams'.
    for (let i = 0; i < 200; i++) await (await fetch(server.url + VOTES)).arrayBuffer();
    (global as { gc?: () => void }).gc?.();
    const before = rssKb(pid);
    const arrivals: number[] = [];
    let opened = 0;
    let expectUpdate = false;
    await new Promise<void>((resolve, reject) => {
      for (let i = 0; i < STREAMS; i++) {
        const request = get(`${server.url}${VOTES}/live`, { agent: false }, (response) => {
          if (response.statusCode !== 200) reject(new Error(`stream ${i} answered ${response.statusCode}`));
          let events = 0;
          response.setEncoding('utf8').on('data', (chunk: string) => {
            const count = chunk.split('event: tallies').length - 1;
            if (count === 0) return;
            events += count;
            if (events === 1 && ++opened === STREAMS) resolve();
            if (expectUpdate && events >= 2) arrivals.push(performance.now());
          });
        });
        request.on('error', reject);
        requests.push(request);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = rssKb(pid);
    expectUpdate = true;
    const cast = performance.now();
    const answer = await fetch(server.url + VOTES, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ toolId: TOOLS[0], voterId: 'live-bench-voter-0001' }),
    });
    await answer.arrayBuffer();
    while (arrivals.length < STREAMS && performance.now() - cast < 10_000) await new Promise((r) => setTimeout(r, 5));
    arrivals.sort((a, b) => a - b);
    console.log(`  ${opened} open streams on one server process (SQLite)`);
    console.log(`    memory: ${((after - before) / 1024).toFixed(1)} MB more RSS, ${((after - before) / STREAMS).toFixed(1)} KB per stream`);
    console.log(
      `    one vote reached ${arrivals.length} streams: first after ${(arrivals[0] - cast).toFixed(0)} ms, ` +
        `last after ${(arrivals[arrivals.length - 1] - cast).toFixed(0)} ms (fan-out ${(arrivals[arrivals.length - 1] - arrivals[0]).toFixed(0)} ms; ` +
        'the first waits for the 150 ms that gathers a burst of votes into one event)',
    );
  } finally {
    for (const request of requests) request.destroy();
    await server.stop();
  }
}

export async function scale(): Promise<void> {
  console.log(`vote service at ${CONNECTIONS} connections, the middle of ${ROUNDS} rounds of ${SECONDS} s per figure (autocannon; ratios of the baseline measured in the same round)`);
  if (STORES.includes('sqlite')) await sqliteRuns();
  if (STORES.includes('postgres')) await postgresRuns();
  console.log('live results (Server-Sent Events)');
  await liveStreams();
}

if (import.meta.url === `file://${process.argv[1]}`) await scale();
