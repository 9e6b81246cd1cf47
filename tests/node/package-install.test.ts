/**
 * The package as a blogger installs it: packed, installed with `--omit=dev` into an empty
 * folder, and run with `npx ai-compare serve`: compiled JavaScript only, no TypeScript loader.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { feed, postVote, voter, writeFeeds } from './helpers/fixtures.js';
import { ROOT, tempDir } from './helpers/server-process.js';

const dir = tempDir('ai-compare-install-');
const app = join(dir.path, 'blog');
/** Only the environment a person's shell would have: no test or server variables. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(npm_|PORT$|HOST$|FEEDS_DIR$|DATABASE_URL$|NODE_OPTIONS$)/.test(name)),
);

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

before(() => {
  // `npm test` builds first; a lone run of this file builds what the package ships.
  if (!existsSync(join(ROOT, 'dist/lib/cli/main.js')) || !existsSync(join(ROOT, 'dist/ai-compare.js'))) {
    run('npm', ['run', '-s', 'build'], ROOT);
  }
  run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir.path], ROOT);
  const tarball = readdirSync(dir.path).find((name) => name.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack wrote a tarball');

  // better-sqlite3 installs a prebuilt binary it downloads from GitHub; offline, the one this
  // checkout built stands in for it, through prebuild-install's documented local folder.
  const prebuilds = join(dir.path, 'prebuilds');
  mkdirSync(prebuilds);
  const sqlite = join(ROOT, 'node_modules/better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(sqlite, 'package.json'), 'utf8')) as { version: string };
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  run('tar', ['czf', join(prebuilds, name), 'build/Release/better_sqlite3.node'], sqlite);

  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'my-blog', private: true }));
  writeFileSync(join(app, '.prebuild-installrc'), `local-prebuilds=${prebuilds}\n`);
  run('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', join(dir.path, tarball)], app);

  mkdirSync(join(app, 'feeds'));
  writeFeeds(join(app, 'feeds'), { 'mine.json': feed('my-comparison') });
});
after(() => dir.remove());

interface Started {
  url: string;
  /** SIGTERM to the whole process group, as a terminal's Ctrl+C or systemd do; resolves with the output. */
  stop: () => Promise<{ out: string; err: string }>;
}

/**
 * `npx ai-compare serve` in a process group of its own. npx runs the command through a shell
 * and does not pass a SIGTERM on to it, so the group is signalled, as terminals and service
 * managers do; the pipes close only when the server itself has exited.
 */
function serve(extraEnv: Record<string, string> = {}): Promise<Started> {
  const child = spawn('npx', ['--no-install', 'ai-compare', 'serve'], {
    cwd: app,
    env: { ...env, PORT: '0', FEEDS_DIR: 'feeds', DATABASE_URL: 'sqlite:./data/votes.db', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const closed = new Promise<void>((done) => child.once('close', () => done()));
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      resolve({
        url,
        stop: async () => {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
          await closed;
          return { out, err };
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`npx ai-compare serve exited with ${code}:\n${out}${err}`)));
  });
}

describe('the installed package', () => {
  it('holds runtime dependencies only: no TypeScript, no loader, no PostgreSQL driver', () => {
    const installed = readdirSync(join(app, 'node_modules'));
    for (const devOnly of ['tsx', 'typescript', 'vite', 'pg', 'esbuild']) {
      assert.ok(!installed.includes(devOnly), `${devOnly} is not installed`);
    }
    for (const runtime of ['hono', '@hono', 'better-sqlite3', 'lit', 'zod']) assert.ok(installed.includes(runtime), runtime);
    // What an operator needs beside the code ships too.
    for (const file of ['deploy/ai-compare.service', 'docs/deploy.md', 'dist/ai-compare.js.br', 'demo/feeds']) {
      assert.ok(existsSync(join(app, 'node_modules/ai-compare', file)), file);
    }
  });

  it('runs `npx ai-compare serve` with a feeds folder, takes a vote, serves the widget, and stops on SIGTERM', async () => {
    const server = await serve();
    try {
      // As the widget votes: read the results (and a vote token), then post.
      const vote = await postVote(server.url, 'my-comparison', { toolId: 'alpha', voterId: voter('installed') });
      assert.equal(vote.status, 200);
      assert.deepEqual(((await vote.json()) as { tallies: unknown }).tallies, { alpha: 1, beta: 0 });
      const bundle = await fetch(`${server.url}/ai-compare.js`);
      assert.equal(bundle.status, 200);
      assert.match(await bundle.text(), /customElements/);
      const demo = await fetch(`${server.url}/`);
      assert.equal(demo.status, 200);
      await demo.arrayBuffer();
      assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
    } finally {
      const { out, err } = await server.stop();
      assert.match(out, /"msg":"stopping: finishing requests in flight"/);
      assert.doesNotMatch(err, /forced|shutdown failed/);
    }
    const database = join(app, 'data/votes.db');
    assert.ok(existsSync(database), 'votes are stored under the working directory');
    const wal = `${database}-wal`;
    assert.ok(!existsSync(wal) || statSync(wal).size === 0, 'the server checkpointed its log on the way out');
  });

  it('runs the other commands from the installed package too', () => {
    const bin = join(app, 'node_modules/.bin/ai-compare');
    assert.match(execFileSync(bin, ['validate', 'feeds/mine.json'], { cwd: app, env, encoding: 'utf8' }), /mine\.json/);
    assert.match(execFileSync(bin, ['html', 'feeds/mine.json'], { cwd: app, env, encoding: 'utf8' }), /<ai-compare/);
  });

  it('checks and prerenders a feed from code in Node, where there is no DOM', () => {
    const script = `
      import { readFileSync } from 'node:fs';
      import { parseFeed, feedJsonSchema } from 'ai-compare/feed';
      import { prerenderComparison } from 'ai-compare/prerender';
      const checked = parseFeed(JSON.parse(readFileSync('feeds/mine.json', 'utf8')), 'https://blog.example/feeds/mine.json');
      if (!checked.ok) throw new Error(checked.problems[0].message);
      const bad = parseFeed({ id: 'x' }, 'https://blog.example/');
      const { html } = await prerenderComparison({ feed: checked.feed, tallies: { alpha: 3, beta: 1 } });
      console.log(JSON.stringify({ bad: bad.ok ? null : bad.problems[0].path, schema: feedJsonSchema().type, html }));`;
    const out = JSON.parse(execFileSync('node', ['--input-type=module', '-e', script], { cwd: app, env, encoding: 'utf8' })) as {
      bad: string | null;
      schema: string;
      html: string;
    };
    assert.equal(out.bad, 'schemaVersion', 'the first problem of a bad feed');
    assert.equal(out.schema, 'object');
    assert.match(out.html, /^<ai-compare [^>]*><template shadowrootmode="open">/);
    assert.match(out.html, /4 votes/, 'the tallies given');
  });

  it('says how to get the PostgreSQL driver when DATABASE_URL needs it', () => {
    let stderr = '';
    try {
      // The installed command itself, as a service manager runs it.
      execFileSync(join(app, 'node_modules/.bin/ai-compare'), ['serve'], {
        cwd: app,
        env: { ...env, PORT: '0', FEEDS_DIR: 'feeds', DATABASE_URL: 'postgres://127.0.0.1:1/votes' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      assert.fail('the server started without a driver');
    } catch (error) {
      stderr = String((error as { stderr?: string }).stderr);
    }
    assert.match(stderr, /PostgreSQL needs its driver, the optional package "pg": install it with npm install pg/);
  });
});
