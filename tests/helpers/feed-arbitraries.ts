/**
 * Generated feeds for property tests: arbitrary JSON, and the launch feed with a few of its
 * fields set to odd values, removed, duplicated or joined by unknown keys. Runs in browsers and
 * in Node.
 */
import fc from 'fast-check';

type Json = unknown;
type Path = (string | number)[];

/** Every path in a value, containers and leaves. */
function pathsOf(value: Json, path: Path = []): Path[] {
  const out: Path[] = [path];
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) out.push(...pathsOf(child, [...path, Array.isArray(value) ? Number(key) : key]));
  }
  return out;
}

/** Values around the format's rules: lengths at the limits, bad links, odd numbers and types. */
const ODD_VALUES: Json[] = [
  null, true, 0, -1, 1.5, 1e21, '', ' ', 'ship', 'skip', 'maybe', 'Not A Slug', 'a'.repeat(65), 'x'.repeat(81),
  'x'.repeat(201), 'x'.repeat(2001), 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', '//cdn.example/x',
  '../up.html', 'http://[bad', '2026-02-30', '0099-12-31', '<img src=x onerror=alert(1)>', '__proto__', [], [1, 2, 3], {},
  { id: 'x', name: 'X' }, { verdict: 'ship' },
];

type Change = { kind: 'set'; path: Path; value: Json } | { kind: 'delete'; path: Path } | { kind: 'duplicate'; path: Path } | { kind: 'add'; path: Path; key: string; value: Json };

function apply(feed: Json, change: Change): Json {
  const copy = structuredClone(feed);
  if (change.path.length === 0) {
    if (change.kind === 'set') return structuredClone(change.value);
    if (change.kind === 'delete') return {};
  }
  let parent: Json = copy;
  for (const key of change.path.slice(0, -1)) {
    if (!parent || typeof parent !== 'object') return copy;
    parent = (parent as Record<string | number, Json>)[key];
  }
  if (!parent || typeof parent !== 'object') return copy;
  const target = parent as Record<string | number, Json>;
  const last = change.path.at(-1) as string | number;
  if (change.kind === 'set') target[last] = structuredClone(change.value);
  else if (change.kind === 'delete') {
    if (Array.isArray(target) && typeof last === 'number') target.splice(last, 1);
    else Reflect.deleteProperty(target, last);
  } else if (change.kind === 'duplicate') {
    if (Array.isArray(target) && typeof last === 'number') target.splice(last, 0, structuredClone(target[last]));
  } else {
    const inner = target[last];
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) (inner as Record<string, Json>)[change.key] = structuredClone(change.value);
  }
  return copy;
}

/** The launch feed after one to four random changes. */
export function mutatedFeed(launch: Json): fc.Arbitrary<Json> {
  const paths = pathsOf(launch);
  const path = fc.constantFrom(...paths);
  const value = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...ODD_VALUES) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
  const change: fc.Arbitrary<Change> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), path, value }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), path }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('add' as const), path, key: fc.oneof(fc.constantFrom('extra', 'url', 'third'), fc.string({ maxLength: 6 })), value }),
    },
  );
  return fc.array(change, { minLength: 1, maxLength: 4 }).map((changes) => changes.reduce<Json>(apply, launch));
}

/**
 * What a page may hand the element as a feed: arbitrary JSON (mostly objects, as real mistakes
 * are) or a mutated launch feed. Never null or undefined, which mean "no feed".
 */
export function anyFeed(launch: Json): fc.Arbitrary<Json> {
  return fc
    .oneof(
      { weight: 3, arbitrary: mutatedFeed(launch) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
      { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...Object.keys(launch as object)), fc.jsonValue({ maxDepth: 3 })) },
    )
    .filter((value) => value != null);
}
