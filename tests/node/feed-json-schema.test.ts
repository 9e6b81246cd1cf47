/**
 * The JSON Schema editors use (`dist/feed.schema.json`, also served at `/feed.schema.json`)
 * against the zod schema it is generated from, checked by a real JSON Schema validator.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createApp } from '../../server/app.js';
import { loadFeeds } from '../../server/feeds.js';
import { SqliteVoteStore } from '../../server/storage/sqlite-store.js';
import { feedJsonSchema, parseFeed } from '../../contract/feed-schema.js';
import { FEED_SCHEMA_PATH } from '../../contract/routes.js';
import { tempDir } from './helpers/server-process.js';

const root = new URL('../../', import.meta.url).pathname;
const BASE = 'https://publisher.example/feeds/feed.json';
const schema = feedJsonSchema();
// Formats are left to the patterns beside them (zod writes both for dates).
const validate = new Ajv2020({ allErrors: true, validateFormats: false }).compile(schema);

const readJson = (file: string): unknown => JSON.parse(readFileSync(join(root, file), 'utf8'));
const jsonFiles = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(dir, name));

const VALID = ['demo/feeds/cursor-vs-smolvlm2.json', ...jsonFiles('tests/fixtures/feeds'), ...jsonFiles('tests/fixtures/nested'), ...jsonFiles('tests/fixtures/valid-feeds')];
const INVALID = jsonFiles('tests/fixtures/invalid-feeds');
/** Rules between fields (unique ids, verdicts for the two tools) that JSON Schema cannot state. */
const CROSS_FIELD = jsonFiles('tests/fixtures/invalid-feeds/cross-field');

describe('feed JSON Schema', () => {
  it('is draft 2020-12 and documents every field with a title, a description and examples', () => {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    const undocumented: string[] = [];
    const walk = (node: Record<string, unknown>, path: string) => {
      for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (!child.title || !child.description || !Array.isArray(child.examples)) undocumented.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
      for (const inner of [node.items, node.additionalProperties]) if (inner && typeof inner === 'object') walk(inner as Record<string, unknown>, path);
    };
    walk(schema, 'feed');
    assert.deepEqual(undocumented, []);
    assert.ok(Object.keys(schema.properties as object).includes('$schema'), 'feeds may name their schema');
  });

  it('gives the launch feed and every valid and invalid fixture the same verdict as zod', () => {
    assert.ok(VALID.length >= 5 && INVALID.length >= 15);
    for (const file of [...VALID, ...INVALID]) {
      const data = readJson(file);
      const byZod = parseFeed(data, BASE);
      assert.equal(validate(data), byZod.ok, `${file}: JSON Schema ${byZod.ok ? 'refuses' : 'accepts'} what zod ${byZod.ok ? 'accepts' : 'refuses'}`);
      assert.equal(byZod.ok, VALID.includes(file), file);
    }
  });

  it('accepts the feeds whose only problems are between fields, which zod refuses', () => {
    assert.ok(CROSS_FIELD.length >= 4);
    for (const file of CROSS_FIELD) {
      const data = readJson(file);
      const byZod = parseFeed(data, BASE);
      assert.equal(byZod.ok, false, file);
      assert.equal(validate(data), true, file);
      if (!byZod.ok) for (const { message } of byZod.problems) assert.match(message, /^(duplicate .* id|".*" is not one of the two tools)/, file);
    }
  });

  it('never refuses a feed that zod accepts, on every field of a full feed set to every edge value', () => {
    const full = readJson('tests/fixtures/valid-feeds/every-field.json') as Record<string, unknown>;
    const edges: unknown[] = ['', ' ', 'x', 'https://ok.example/', '/relative', '?q', 'javascript:x', 'ship', 'post', 'a-b', 'Bad Key', '2024-02-29',
      '0000-02-29', '2026-02-30', 'https://blog.example', 0, 1, -1, 1.5, 1e20, true, null, [], {}, 'x'.repeat(2049), '😀'.repeat(150)];
    let accepted = 0;
    const visit = (node: unknown, set: (value: unknown) => void) => {
      for (const value of edges) {
        set(value);
        const data = JSON.parse(JSON.stringify(full)) as unknown;
        const byZod = parseFeed(data, BASE);
        if (byZod.ok) {
          accepted += 1;
          assert.ok(validate(data), `JSON Schema refuses a feed zod accepts: ${JSON.stringify(value)}`);
        }
      }
      set(node);
      if (node && typeof node === 'object') {
        for (const key of Object.keys(node)) {
          const parent = node as Record<string, unknown>;
          visit(parent[key], (value) => (parent[key] = value));
        }
      }
    };
    for (const key of Object.keys(full)) visit(full[key], (value) => (full[key] = value));
    assert.ok(accepted > 100);
  });

  it('is written to dist/feed.schema.json by the build', () => {
    assert.ok(existsSync(join(root, 'dist/feed.schema.json')), 'dist/feed.schema.json is missing: run npm run build first');
    assert.deepEqual(readJson('dist/feed.schema.json'), schema);
  });

  it('is served at a stable URL, readable from any origin', async () => {
    const dir = tempDir();
    const store = new SqliteVoteStore(join(dir.path, 'votes.db'));
    try {
      const app = createApp({
        feeds: await loadFeeds(join(root, 'demo/feeds')),
        store,
        config: { allowedOrigins: '*', rateLimit: { writes: 10, windowMs: 1000 } },
        staticRoot: root,
        log: () => {},
      });
      const response = await app.request(FEED_SCHEMA_PATH, { headers: { origin: 'https://editor.example' } });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/schema\+json/);
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      assert.deepEqual(await response.json(), schema);
      // Compressed for clients that take it, as every text answer is.
      const compressed = await app.request(FEED_SCHEMA_PATH, { headers: { 'accept-encoding': 'br' } });
      assert.equal(compressed.headers.get('content-encoding'), 'br');
      assert.equal(compressed.headers.get('vary'), 'Accept-Encoding');
      assert.deepEqual(JSON.parse(brotliDecompressSync(Buffer.from(await compressed.arrayBuffer())).toString('utf8')), schema);
    } finally {
      await store.close();
      dir.remove();
    }
  });
});
