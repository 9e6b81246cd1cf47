/**
 * The size of the file bloggers' pages load, `dist/ai-compare.js`, minified and gzipped (level
 * 9, as served precompressed). Reads the build `npm test` made (builds it when missing) and
 * prints the figure, and fails above the 15 KB budget, listing the biggest modules.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { gzipSync } from 'node:zlib';

/**
 * The budget: 15 KB min+gzip for everything a page needs to paint a good comparison (what only
 * some pages need loads on demand from beside the bundle: voting, fetching `src`, other
 * languages, the words for a bad feed).
 */
const BUDGET_BYTES = 15 * 1024;
const root = new URL('../../', import.meta.url).pathname;
const bundle = join(root, 'dist/ai-compare.js');

/**
 * A static import (`import{a}from"./x.js"`, `import"./x.js"`): a request found only once its file
 * has arrived. At the start of any line: a chunk's first line may be a comment.
 */
const STATIC_IMPORT = /(^|[;}])import[\s{*"`']/m;

/** The bundle's code, from the build `npm test` made, or a build made now when there is none. */
function builtBundle(): string {
  if (!existsSync(bundle)) execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'ignore' });
  return readFileSync(bundle, 'utf8');
}

/** The chunks the bundle loads on demand, by file name. */
const onDemandChunks = (code: string): string[] => [...code.matchAll(/import\(`\.\/(ai-compare-[\w-]+\.js)`\)/g)].map((match) => match[1]);

/** The chunk that fetches `src` feeds, which the bundle loads on demand. */
function feedFetchingChunk(code: string): string {
  const fetcher = onDemandChunks(code).find((name) => name.startsWith('ai-compare-fetch-feed-'));
  assert.ok(fetcher, 'the bundle loads feed fetching on demand');
  return fetcher;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Minified characters per source module, from the bundle's source map. */
function bytesBySource(code: string, map: { sources: string[]; mappings: string }): Map<string, number> {
  const sizes = new Map<string, number>();
  const lines = code.split('\n');
  let source = 0;
  map.mappings.split(';').forEach((line, index) => {
    let column = 0;
    let previous: [column: number, source: number] | undefined;
    const flush = (end: number) => {
      if (!previous) return;
      const name = map.sources[previous[1]].replace(/^(\.\.\/)+/, '').replace(/^node_modules\/((@[^/]+\/)?[^/]+).*/, '$1');
      sizes.set(name, (sizes.get(name) ?? 0) + end - previous[0]);
    };
    for (const segment of line.split(',').filter(Boolean)) {
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      flush(column);
      previous = fields.length > 1 ? [column, source] : undefined;
    }
    flush(lines[index]?.length ?? column);
  });
  return sizes;
}

it(`keeps dist/ai-compare.js within its ${BUDGET_BYTES / 1024} KB min+gzip budget`, (t) => {
  const code = builtBundle();
  const gzip = gzipSync(code, { level: 9 }).length;
  t.diagnostic(`dist/ai-compare.js: ${(code.length / 1024).toFixed(2)} KB minified, ${(gzip / 1024).toFixed(2)} KB min+gzip (${gzip} bytes; budget ${BUDGET_BYTES / 1024} KB)`);
  if (gzip > BUDGET_BYTES && existsSync(`${bundle}.map`)) {
    const sizes = [...bytesBySource(code, JSON.parse(readFileSync(`${bundle}.map`, 'utf8')))].sort((a, b) => b[1] - a[1]);
    for (const [name, bytes] of sizes.slice(0, 12)) t.diagnostic(`  ${(bytes / 1024).toFixed(2).padStart(6)} KB minified  ${name}`);
  }
  assert.ok(gzip <= BUDGET_BYTES, `dist/ai-compare.js is ${gzip} bytes min+gzip, over its ${BUDGET_BYTES / 1024} KB budget by ${gzip - BUDGET_BYTES} bytes`);
});

it('dist/ai-compare.js imports nothing up front: what it loads on demand imports nothing from it', () => {
  const code = builtBundle();
  // A static import would be one more request before anything paints.
  assert.ok(!STATIC_IMPORT.test(code), 'the bundle has no static import');
  // The bundle is served under more than one URL (`/ai-compare.js`, `/ai-compare.<hash>.js`): a
  // chunk importing it back would load and run a second copy of Lit and the element.
  const chunks = onDemandChunks(code);
  assert.ok(chunks.length >= 2, `chunks loaded on demand: ${chunks.join(', ')}`);
  for (const name of chunks) {
    const chunk = readFileSync(join(root, 'dist', name), 'utf8');
    assert.ok(!/["'`]\.\/ai-compare\.js["'`]/.test(chunk), `${name} does not import the bundle`);
  }
});

it('a widget with `src` requests its feed one round trip after the bundle: the fetching chunk imports no other chunk', () => {
  const code = builtBundle();
  const fetcher = feedFetchingChunk(code);
  // A static import in the chunk would hold the feed's own request back by one more round trip.
  const chunk = readFileSync(join(root, 'dist', fetcher), 'utf8');
  assert.ok(!STATIC_IMPORT.test(chunk), `${fetcher} has no static import`);
});

it('the bundle and the feed-fetching chunk, which every first render runs, have Chromium compile them as they stream in; chunks loaded later do not', () => {
  const code = builtBundle();
  const HINT = '//# allFunctionsCalledOnLoad\n';
  // The magic comment counts only as the file's first line.
  assert.ok(code.startsWith(HINT), 'dist/ai-compare.js starts with the compile hint');
  const fetcher = feedFetchingChunk(code);
  for (const name of onDemandChunks(code)) {
    const chunk = readFileSync(join(root, 'dist', name), 'utf8');
    assert.equal(chunk.startsWith(HINT), name === fetcher, `${name} ${name === fetcher ? 'starts' : 'does not start'} with the compile hint`);
  }
});
