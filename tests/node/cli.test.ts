/** The `ai-compare` command line, run as a user runs it: a child process on real files. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { feedJsonSchema, MAX_FEED_BYTES, parseFeed } from '../../contract/feed-schema.js';
import { ROOT } from './helpers/server-process.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const LAUNCH = join(ROOT, 'demo/feeds/cursor-vs-smolvlm2.json');

// Three problems at known places: a missing title, a bad link, a verdict that is neither ship
// nor skip. Lines count from 1.
const BROKEN = `{
  "schemaVersion": 1,
  "id": "a-vs-b",
  "tools": [
    { "id": "a", "name": "A" },
    { "id": "b", "name": "B", "url": "javascript:alert(1)" }
  ],
  "reviewers": [
    { "id": "r", "name": "R", "verdicts": { "a": { "verdict": "maybe" } } }
  ]
}
`;

describe('ai-compare CLI', () => {
  let dir: string;
  let server: Server;
  let origin: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ai-compare-cli-'));
    server = createServer((request, response) => {
      if (request.url === '/feeds/launch.json') {
        response.setHeader('content-type', 'application/json');
        response.end(readFileSync(LAUNCH));
      } else {
        response.statusCode = 404;
        response.end('missing');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists its commands and explains each one with --help', async () => {
    const overview = await cli('--help');
    assert.equal(overview.code, 0);
    assert.match(overview.stdout, /validate +check feeds/);
    assert.match(overview.stdout, /new +write a complete example feed/);
    const validate = await cli('validate', '--help');
    assert.equal(validate.code, 0);
    assert.match(validate.stdout, /^Usage: ai-compare validate <file\|folder\|url>\.\.\./);
    assert.match(validate.stdout, /--json/);
    const create = await cli('new', '--help');
    assert.equal(create.code, 0);
    assert.match(create.stdout, /^Usage: ai-compare new <file>/);
  });

  it('writes a complete example feed with $schema that validates, and never overwrites by accident', async () => {
    const file = join(dir, 'drafts', 'first.json');
    const written = await cli('new', file);
    assert.equal(written.code, 0, written.stderr);
    const feed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    // A path editors can follow from the file to this package's generated schema.
    assert.equal(feed.$schema, relative(join(dir, 'drafts'), join(ROOT, 'dist/feed.schema.json')));
    const parsed = parseFeed(feed, 'https://blog.example/feeds/first.json');
    assert.ok(parsed.ok, 'the example is a valid feed');
    assert.equal(parsed.feed.tools.length, 2);
    assert.ok(parsed.feed.reviewers?.every((reviewer) => reviewer.pick && Object.keys(reviewer.verdicts).length === 2));
    assert.ok(parsed.feed.cta?.note && parsed.feed.votes?.endpoint && parsed.feed.tools[0].pricing);
    const validate = new Ajv2020({ allErrors: true, validateFormats: false }).compile(feedJsonSchema());
    assert.ok(validate(feed), `the JSON Schema accepts it too: ${JSON.stringify(validate.errors)}`);

    const checked = await cli('validate', file);
    assert.equal(checked.code, 0);
    assert.match(checked.stdout, /first\.json: valid/);

    writeFileSync(file, '{"mine": true}');
    const again = await cli('new', file, '--schema', 'https://votes.example/feed.schema.json');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists.*--force/);
    assert.equal(readFileSync(file, 'utf8'), '{"mine": true}', 'the existing file is untouched');
    const forced = await cli('new', file, '--force', '--schema', 'https://votes.example/feed.schema.json');
    assert.equal(forced.code, 0);
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { $schema: string }).$schema, 'https://votes.example/feed.schema.json');
  });

  it('prints every problem with its path and file:line:column, and exits 1', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, BROKEN);
    const { code, stdout } = await cli('validate', file);
    assert.equal(code, 1);
    const lines = stdout.split('\n').filter((line) => line.startsWith(file));
    assert.deepEqual(lines.sort(), [
      `${file}:1:1: title: is required`,
      `${file}:6:31: tools[1].url: only http(s) links are allowed`,
      `${file}:9:52: reviewers[0].verdicts.a.verdict: must be "ship" or "skip"`,
    ]);
    assert.match(stdout, /1 feed of 1 invalid, 3 problems\./);
  });

  it('locates syntax errors', async () => {
    const file = join(dir, 'trailing-comma.json');
    writeFileSync(file, '{\n  "schemaVersion": 1,\n  "id": "x",\n}\n');
    const { code, stdout } = await cli('validate', file);
    assert.equal(code, 1);
    assert.match(stdout, new RegExp(`${file}:4:1: not valid JSON: expected a property name`));
  });

  it('gives oversized, non-UTF-8, empty, missing and unreachable inputs each their own message', async () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, `{"title": "${'x'.repeat(MAX_FEED_BYTES)}"}`);
    const latin1 = join(dir, 'latin1.json');
    writeFileSync(latin1, Buffer.from('{"title": "Caf\xe9"}', 'latin1'));
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '  \n');
    const missing = join(dir, 'missing.json');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/feed.json`;
    await new Promise((resolve) => closed.close(resolve));

    const { code, stdout } = await cli('validate', '--json', big, latin1, empty, missing, closedUrl, `${origin}/nothing.json`);
    assert.equal(code, 1);
    const result = JSON.parse(stdout) as { valid: boolean; feeds: { source: string; valid: boolean; error?: { code: string; message: string } }[] };
    assert.equal(result.valid, false);
    const errors = Object.fromEntries(result.feeds.map((feed) => [feed.source, feed.error]));
    assert.equal(errors[big]?.code, 'too-large');
    assert.match(errors[big]!.message, /over the 512 KiB limit/);
    assert.equal(errors[latin1]?.code, 'not-utf8');
    assert.match(errors[latin1]!.message, /not UTF-8/);
    assert.equal(errors[empty]?.code, 'empty');
    assert.equal(errors[missing]?.code, 'not-found');
    assert.equal(errors[closedUrl]?.code, 'unreachable');
    assert.match(errors[closedUrl]!.message, /could not be reached \(ECONNREFUSED\)/);
    assert.equal(errors[`${origin}/nothing.json`]?.code, 'http');
    assert.match(errors[`${origin}/nothing.json`]!.message, /HTTP 404/);
  });

  it('checks folders and URLs, and exits 0 when every feed is valid', async () => {
    const folder = join(dir, 'feeds');
    mkdirSync(folder);
    writeFileSync(join(folder, 'launch.json'), readFileSync(LAUNCH));
    writeFileSync(join(folder, 'notes.txt'), 'not a feed');
    const { code, stdout } = await cli('validate', folder, `${origin}/feeds/launch.json`, '--json');
    assert.equal(code, 0);
    const result = JSON.parse(stdout) as { valid: boolean; feeds: { source: string; valid: boolean; problems: unknown[] }[] };
    assert.deepEqual(result, {
      valid: true,
      feeds: [
        { source: join(folder, 'launch.json'), valid: true, problems: [] },
        { source: `${origin}/feeds/launch.json`, valid: true, problems: [] },
      ],
    });
  });

  it('reports problems as JSON with positions for CI', async () => {
    const file = join(dir, 'broken-for-ci.json');
    writeFileSync(file, BROKEN);
    const { code, stdout } = await cli('validate', '--json', file);
    assert.equal(code, 1);
    const [report] = (JSON.parse(stdout) as { feeds: { problems: { path: string; line: number; column: number }[] }[] }).feeds;
    assert.deepEqual(
      report.problems.map(({ path, line, column }) => `${path}@${line}:${column}`).sort(),
      ['reviewers[0].verdicts.a.verdict@9:52', 'title@1:1', 'tools[1].url@6:31'],
    );
  });

  it('refuses to run without something to check', async () => {
    const { code, stderr } = await cli('validate');
    assert.equal(code, 1);
    assert.match(stderr, /name at least one file, folder or URL/);
  });
});
