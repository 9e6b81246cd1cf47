/**
 * The widget's dependency-free feed check against the zod schema (the one definition): on
 * thousands of generated feeds, mostly mutations of every field of the launch feed, both give the
 * same verdict, the same problems (path and message, in order) and the same resolved feed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import './helpers/property-seed.js';
import { checkFeed } from '../../contract/check-feed.js';
import { MAX_FEED_DEPTH } from '../../contract/feed-check.js';
import { parseFeed } from '../../contract/feed-schema.js';

type Json = unknown;
type Path = (string | number)[];

const launch = JSON.parse(readFileSync(new URL('../../demo/feeds/cursor-vs-smolvlm2.json', import.meta.url), 'utf8')) as Record<string, Json>;

/** The launch feed with every optional field of the format present, so every field gets mutated. */
const everyField: Record<string, Json> = {
  ...structuredClone(launch),
  $schema: 'https://publisher.example/feed.schema.json',
  community: { 'cursor-1-0': 12, 'smolvlm2-2b': 7 },
  votes: { endpoint: '/api/comparisons/cursor-1-0-vs-smolvlm2-2b/votes', origins: ['https://blog.example'] },
  cta: {
    title: 'Weekly AI Tool Verdicts',
    text: 'Get the next comparison in your inbox',
    note: 'New AI tools ship daily.',
    url: '/subscribe',
    subscribe: { action: 'https://news.example/add', emailField: 'EMAIL', method: 'post' },
  },
};
const tools = everyField.tools as Record<string, Json>[];
Object.assign(tools[0], { logo: '/logos/cursor.png', pricing: { entry: 'Free', details: 'Pro $20/month', url: 'pricing.html' } });
const reviewers = everyField.reviewers as Record<string, Json>[];
Object.assign(reviewers[0], { avatar: 'avatars/builder.png', pick: 'cursor-1-0' });

const BASES = ['https://publisher.example/feeds/launch.json', 'http://127.0.0.1:8080/api/comparisons/x', 'https://a.example/'];

/** Every path in a value, containers and leaves, in document order. */
function pathsOf(value: Json, path: Path = []): Path[] {
  const out: Path[] = [path];
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) out.push(...pathsOf(child, [...path, Array.isArray(value) ? Number(key) : key]));
  }
  return out;
}

const PATHS = pathsOf(everyField);

/** Values chosen to sit on and around every rule's edges. */
const EDGE_VALUES: Json[] = [
  undefined, null, true, 0, 1, 2, -1, 1.5, 1e20, -0, '', ' ', '\t', 'x', 'ship', 'skip', 'post', 'get', 'maybe',
  'cursor-1-0', 'smolvlm2-2b', 'other-tool', 'Not A Slug', '-dash', 'a'.repeat(64), 'a'.repeat(65),
  'x'.repeat(60), 'x'.repeat(61), 'x'.repeat(80), 'x'.repeat(81), 'x'.repeat(120), 'x'.repeat(121), 'x'.repeat(160), 'x'.repeat(161),
  'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(300), 'x'.repeat(301), 'x'.repeat(1000), 'x'.repeat(1001), 'x'.repeat(2000), 'x'.repeat(2001),
  `https://x.example/${'p'.repeat(2040)}`, 'javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', 'ftp://x.example/',
  'http://[bad', '//cdn.example/x.png', '../up.html', '?q=1', '#top', 'HTTPS://UPPER.EXAMPLE/', 'https://blog.example',
  'https://blog.example/', 'http://localhost:8080', 'EMAIL', 'bad field', '2024-02-29', '2026-02-30', '0000-02-29', '1900-02-29',
  '0099-12-31', '23/11/2026', '2026-1-1', [], [1], {}, { length: 500 }, { verdict: 'ship' }, { id: 'x', name: 'X' },
];

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const edgeValue = fc.constantFrom(...EDGE_VALUES);
const anyValue = fc.oneof({ weight: 3, arbitrary: edgeValue }, { weight: 1, arbitrary: jsonValue });

type Mutation =
  | { kind: 'set'; path: Path; value: Json }
  | { kind: 'delete'; path: Path }
  | { kind: 'add-key'; path: Path; key: string; value: Json }
  | { kind: 'duplicate'; path: Path };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...PATHS), value: anyValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...PATHS) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('add-key' as const),
      path: fc.constantFrom(...PATHS),
      key: fc.oneof(fc.constantFrom('cursor-1-0', 'smolvlm2-2b', 'third', 'Bad Key', 'extra', 'url', '0'), fc.string({ maxLength: 8 })),
      value: anyValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), path: fc.constantFrom(...PATHS) }) },
);

/** Applies a mutation to a copy; paths that no longer exist (an earlier mutation moved them) are skipped. */
function apply(feed: Json, change: Mutation): Json {
  if (change.path.length === 0) {
    if (change.kind === 'set') return structuredClone(change.value);
    if (change.kind === 'delete') return undefined;
  }
  const copy = structuredClone(feed);
  let parent: Json = copy;
  for (const key of change.path.slice(0, -1)) {
    if (!parent || typeof parent !== 'object') return copy;
    parent = (parent as Record<string | number, Json>)[key];
  }
  const last = change.path.at(-1) as string | number;
  if (!parent || typeof parent !== 'object') return copy;
  const target = parent as Record<string | number, Json>;
  switch (change.kind) {
    case 'set':
      target[last] = structuredClone(change.value);
      break;
    case 'delete':
      if (Array.isArray(target) && typeof last === 'number') target.splice(last, 1);
      else Reflect.deleteProperty(target, last);
      break;
    case 'add-key': {
      const inner = change.path.length ? target[last] : target;
      if (inner && typeof inner === 'object' && !Array.isArray(inner)) (inner as Record<string, Json>)[change.key] = structuredClone(change.value);
      break;
    }
    case 'duplicate': {
      if (Array.isArray(target) && typeof last === 'number') target.splice(last, 0, structuredClone(target[last]));
      else if (Array.isArray(target[last])) (target[last] as Json[]).push(structuredClone((target[last] as Json[])[0]));
      break;
    }
  }
  return copy;
}

/** Both checks on one feed: same verdict, same problems in the same order, same resolved output. */
function assertAgree(feed: Json, base: string): void {
  const byZod = parseFeed(feed, base);
  const byChecker = checkFeed(feed, base);
  assert.deepStrictEqual(byChecker, byZod);
}

describe('feed check agrees with the zod schema', () => {
  it('on the launch feed and on every field of it set to every edge value', () => {
    assertAgree(launch, BASES[0]);
    assertAgree(everyField, BASES[0]);
    assert.equal(checkFeed(everyField, BASES[0]).ok, true);
    let cases = 0;
    for (const path of PATHS) {
      for (const value of EDGE_VALUES) {
        assertAgree(apply(everyField, { kind: 'set', path, value }), BASES[cases % BASES.length]);
        cases += 1;
      }
      assertAgree(apply(everyField, { kind: 'delete', path }), BASES[0]);
    }
    assert.ok(cases >= 5000, `only ${cases} cases`);
  });

  it('on lists with holes, as a feed set from script can have', () => {
    const sparse = apply(apply(everyField, { kind: 'set', path: ['tools'], value: [] }), { kind: 'set', path: ['tools', 1], value: undefined });
    assertAgree(sparse, BASES[0]);
    const result = checkFeed(sparse, BASES[0]);
    assert.deepEqual(result.ok ? [] : result.problems.map((problem) => problem.path), ['tools[0]', 'tools[1]']);
  });

  it('on random mutations of the launch feed, several at a time', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.constantFrom(...BASES), (changes, base) => {
        assertAgree(changes.reduce<Json>(apply, everyField), base);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 3000) },
    );
  });

  it('on arbitrary JSON and on feeds of random shape', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(...Object.keys(everyField)), jsonValue)), (data) => {
        assertAgree(data, BASES[0]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('feed check bounds', () => {
  const nested = (depth: number) => {
    let value: Json = 'leaf';
    for (let i = 0; i < depth; i += 1) value = { a: value };
    return value;
  };

  it('refuses nesting deeper than the cap with a clear message, however deep', () => {
    for (const parse of [checkFeed, parseFeed]) {
      for (const depth of [MAX_FEED_DEPTH + 1, 5_000, 100_000]) {
        const result = parse({ ...launch, extra: nested(depth) }, BASES[0]);
        assert.equal(result.ok, false);
        if (!result.ok) {
          assert.equal(result.problems.length, 1);
          assert.match(result.problems[0].message, new RegExp(`^is nested more than ${MAX_FEED_DEPTH} levels deep$`));
          assert.ok(result.problems[0].path.startsWith('extra.a.a'));
        }
      }
      assert.equal(parse({ ...launch, extra: nested(MAX_FEED_DEPTH - 1) }, BASES[0]).ok, true);
    }
  });

  it('turns anything thrown while reading the data into a problem', () => {
    const hostile = { ...launch };
    Object.defineProperty(hostile, 'title', { enumerable: true, get: () => { throw new Error('boom'); } });
    const cyclic: Record<string, Json> = { ...launch };
    cyclic.extra = cyclic;
    for (const parse of [checkFeed, parseFeed]) {
      const thrown = parse(hostile, BASES[0]);
      assert.deepEqual(thrown, { ok: false, problems: [{ path: 'feed', message: 'could not be read: boom' }] });
      const cycle = parse(cyclic, BASES[0]);
      assert.equal(cycle.ok, false);
      if (!cycle.ok) assert.match(cycle.problems[0].message, /nested more than/);
    }
  });
});
