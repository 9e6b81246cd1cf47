/**
 * The feed check the widget ships: the same rules, paths and messages as the zod schema in
 * `feed-schema.ts` (which stays the one definition, used by the server, the CLI, the JSON Schema
 * and the tests), hand-written without dependencies so the browser bundle stays small. A
 * differential property test keeps the two in agreement.
 */
import type { Feed, FeedParseResult, FeedProblem } from './feed-schema.js';

/** The largest feed accepted, in bytes of UTF-8. */
export const MAX_FEED_BYTES = 512 * 1024;

/** How deep a feed may nest, counting the top-level object as level 0 (the schema needs 5). */
export const MAX_FEED_DEPTH = 32;

/** The problem of a feed nested deeper than MAX_FEED_DEPTH. */
export const TOO_DEEP = `is nested more than ${MAX_FEED_DEPTH} levels deep`;

/** At most this many values (objects, lists, texts, numbers…): what 512 KiB of JSON can hold. */
export const MAX_FEED_VALUES = MAX_FEED_BYTES / 2;

export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const FIELD_NAME = /^[A-Za-z0-9_.[\]-]{1,64}$/;
export const NOT_BLANK = /\S/;

/** `['tools', 1, 'url']` → `tools[1].url`; the root is `feed`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || 'feed';
}

/** A link resolved against the feed URL, or undefined when the result is not http(s). */
export function resolveLink(value: string, base: string): string | undefined {
  try {
    const url = new URL(value, base);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
  } catch {
    // Not a URL at all: reported like any other bad link.
  }
  return undefined;
}

/** `https://example.com` exactly as browsers send it in `Origin`. */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/**
 * Walks the whole value once, iteratively (no recursion, however deep), before any rule runs:
 * refuses own `__proto__` keys (validation would silently drop them), nesting deeper than
 * MAX_FEED_DEPTH and more than MAX_FEED_VALUES values (which also stops cyclic objects).
 */
export function structureProblem(data: unknown): FeedProblem | undefined {
  // Only objects and lists go on the stack, each as [value, key, parent entry, depth]; other
  // values are just counted, and paths are only built for a problem.
  type Entry = [object, PropertyKey, Entry | undefined, number];
  const problem = (entry: Entry | undefined, message: string): FeedProblem => {
    const path: PropertyKey[] = [];
    for (let at = entry; at?.[2]; at = at[2]) path.unshift(at[1]);
    return { path: formatPath(path), message };
  };
  const stack: Entry[] = [];
  let count = 1;
  const visit = (value: unknown, key: PropertyKey, parent: Entry | undefined, depth: number) => {
    if (typeof value === 'object' && value !== null) stack.push([value, key, parent, depth]);
  };
  visit(data, '', undefined, 0);
  while (stack.length) {
    const entry = stack.pop() as Entry;
    const [value, , , depth] = entry;
    if (depth >= MAX_FEED_DEPTH) return problem(entry, TOO_DEEP);
    const keys = Array.isArray(value) ? undefined : Object.keys(value);
    const size = keys ? keys.length : (value as unknown[]).length;
    if ((count += size) > MAX_FEED_VALUES) return problem(undefined, `has more than ${MAX_FEED_VALUES} values`);
    // Pushed last to first, so the walk (and the first problem found) follows document order.
    for (let i = size; i--; ) {
      if (!keys) visit((value as unknown[])[i], i, entry, depth + 1);
      else if (keys[i] === '__proto__') return problem([value, keys[i], entry, 0], 'is not an allowed key');
      else visit((value as Record<string, unknown>)[keys[i]], keys[i], entry, depth + 1);
    }
  }
}

/**
 * Runs a feed check with the structural walk first; anything thrown while reading the data (a
 * getter, a proxy) becomes a problem instead of escaping.
 */
export function guardedParse(data: unknown, check: () => FeedParseResult): FeedParseResult {
  try {
    const problem = structureProblem(data);
    return problem ? { ok: false, problems: [problem] } : check();
  } catch (error) {
    return { ok: false, problems: [{ path: 'feed', message: `could not be read: ${(error as Error)?.message ?? error}` }] };
  }
}

/** YYYY-MM-DD naming a real day (of the proleptic Gregorian calendar, so 0000-02-29 is one). */
function isCalendarDate(value: string): boolean {
  const date = new Date(value);
  // Engines either refuse 2026-02-30 or roll it over to March: either way it does not round-trip.
  return /^\d{4}-\d\d-\d\d$/.test(value) && !isNaN(+date) && date.toISOString().startsWith(value);
}

// The checker proper. A rule reads `value` at `path`, reports into `out` and returns the output
// value. A "hard" problem (wrong type, value not allowed) stops the checks of the values that
// contain it, as in zod: the cross-field rules are skipped then.

type Path = PropertyKey[];
/** Problems as they will be reported, and the index of the last hard one. */
type Problems = FeedProblem[] & { lastHard?: number };
type Rule = (value: unknown, path: Path, out: Problems) => unknown;

const report = (out: Problems, path: Path, message: string, hard?: boolean) => {
  if (hard) out.lastHard = out.length;
  out.push({ path: formatPath(path), message });
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `value` has the type (`is` passes); if not, reports "is required" or "must be `name`". */
const typed = (value: unknown, is: boolean, name: string, path: Path, out: Problems) =>
  is || report(out, path, value === undefined ? 'is required' : `must be ${name}`, true);

/** Text of at most `max` UTF-16 units, passing each `[test, message]`. */
const text =
  (max: number, ...tests: [(value: string) => boolean, string][]): Rule =>
  (value, path, out) => {
    if (typed(value, typeof value === 'string', 'text', path, out)) {
      if ((value as string).length > max) report(out, path, `must be at most ${max} characters`);
      for (const [test, message] of tests) if (!test(value as string)) report(out, path, message);
    }
    return value;
  };

const pattern = (regex: RegExp, message: string): [(value: string) => boolean, string] => [(value) => regex.test(value), message];
const notBlank = pattern(NOT_BLANK, 'must not be empty');
const label = (max: number) => text(max, notBlank);
const slug = text(Infinity, pattern(SLUG, 'must be a slug: lowercase letters, digits and dashes, at most 64'));

/** A link: checked like zod's (each rule reports), and resolved against the feed URL. */
const link =
  (base: string): Rule =>
  (value, path, out) =>
    (text(2048, notBlank, [(v) => !!resolveLink(v, base), 'only http(s) links are allowed'])(value, path, out), typeof value === 'string' && resolveLink(value, base)) || value;

/** One of `allowed`: a missing value "is required", any other is a hard `message`. */
const oneOf =
  (allowed: readonly unknown[], message: string | ((value: unknown) => string)): Rule =>
  (value, path, out) => (
    allowed.includes(value) || report(out, path, value === undefined ? 'is required' : typeof message === 'string' ? message : message(value), true),
    value
  );

const count: Rule = (value, path, out) => {
  if (typed(value, typeof value === 'number' && isFinite(value), 'a number', path, out) && !(Number.isSafeInteger(value) && (value as number) >= 0)) {
    report(out, path, 'must be a whole number ≥ 0', !Number.isSafeInteger(value));
  }
  return value;
};

/** An object with the keys of `shape` (a key ending in `?` is optional); unknown keys are dropped. */
const object =
  (shape: Record<string, Rule>, after?: (out: Record<string, unknown>, problems: Problems) => void): Rule =>
  (value, path, problems) => {
    if (!typed(value, isRecord(value), 'an object', path, problems)) return value;
    const input = value as Record<string, unknown>;
    const start = problems.length;
    const out: Record<string, unknown> = {};
    for (const [name, rule] of Object.entries(shape)) {
      const key = name.replace('?', '');
      if (key === name || input[key] !== undefined) out[key] = rule(input[key], [...path, key], problems);
      else if (key in input) out[key] = undefined;
    }
    if (after && !((problems.lastHard ?? -1) >= start)) after(out, problems);
    return out;
  };

/** A list of `min`–`max` items, else `message`; too long is checked first and stops the items. */
const list =
  (item: Rule, max: number, message: string, min = 0): Rule =>
  (value, path, out) => {
    if (!typed(value, Array.isArray(value), 'a list', path, out)) return value;
    const input = value as unknown[];
    if (input.length > max) return report(out, path, message, true), value;
    // Array.from visits holes (a sparse list set from script), as zod does; map would skip them.
    const items = Array.from(input, (entry, index) => item(entry, [...path, index], out));
    if (input.length < min) report(out, path, message);
    return items;
  };

/** An object keyed by tool ids (slugs). */
const byToolId =
  (item: Rule): Rule =>
  (value, path, problems) => {
    if (!typed(value, isRecord(value), 'an object', path, problems)) return value;
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(input)) {
      if (SLUG.test(key)) out[key] = item(input[key], [...path, key], problems);
      else report(problems, [...path, key], 'is not a valid key: keys are tool ids (slugs)', true);
    }
    return out;
  };

function feedRule(base: string): Rule {
  const url = link(base);
  return object(
    {
      schemaVersion: oneOf([1], (value) => (typeof value === 'number' ? 'unsupported schema version (this widget reads version 1)' : 'must be a number')),
      id: slug,
      title: label(200),
      'kicker?': text(80),
      'summary?': text(1000),
      'updated?': text(Infinity, [isCalendarDate, 'must be a calendar date written YYYY-MM-DD']),
      'source?': object({ name: label(120), 'url?': url }),
      tools: list(
        object({
          id: slug,
          name: label(80),
          'category?': text(60),
          'tagline?': text(200),
          'description?': text(2000),
          'url?': url,
          'logo?': url,
          'pricing?': object({ entry: label(60), 'details?': text(300), 'url?': url }),
        }),
        2,
        'must list exactly two tools',
        2,
      ),
      'reviewers?': list(
        object({
          id: slug,
          name: label(80),
          'focus?': text(160),
          'avatar?': url,
          verdicts: byToolId(object({ verdict: oneOf(['ship', 'skip'], 'must be "ship" or "skip"'), 'quote?': text(2000) })),
          'pick?': text(Infinity),
        }),
        50,
        'must list at most 50 reviewers',
      ),
      'votes?': object({
        endpoint: url,
        'origins?': list(text(2048, [isOrigin, 'must be an origin like https://example.com (no path, no trailing slash)']), 50, 'must list at most 50 origins'),
      }),
      'community?': byToolId(count),
      'cta?': object({
        title: label(120),
        'text?': text(300),
        'note?': text(300),
        url,
        'subscribe?': object({
          action: url,
          'emailField?': text(Infinity, pattern(FIELD_NAME, 'must be a form field name such as "email"')),
          'method?': oneOf(['post', 'get'], 'must be "post" or "get"'),
        }),
      }),
      '$schema?': text(2048),
    },
    (out, problems) => crossProblems(out as unknown as Feed, (path, message) => report(problems, path, message)),
  );
}

/**
 * The rules that tie fields together: unique ids, verdicts, picks and tallies naming the two
 * tools. Each problem goes to `report`, in document order.
 */
export function crossProblems(feed: Feed, report: (path: PropertyKey[], message: string) => void): void {
  const toolIds = feed.tools.map((tool) => tool.id);
  const notATool = (id: string) => `"${id}" is not one of the two tools`;
  if (toolIds[0] === toolIds[1]) report(['tools', 1, 'id'], `duplicate tool id "${toolIds[1]}"`);
  const seen = new Set<string>();
  (feed.reviewers ?? []).forEach((reviewer, index) => {
    if (seen.has(reviewer.id)) report(['reviewers', index, 'id'], `duplicate reviewer id "${reviewer.id}"`);
    seen.add(reviewer.id);
    for (const toolId of Object.keys(reviewer.verdicts)) {
      if (!toolIds.includes(toolId)) report(['reviewers', index, 'verdicts', toolId], notATool(toolId));
    }
    if (reviewer.pick !== undefined && !toolIds.includes(reviewer.pick)) report(['reviewers', index, 'pick'], notATool(reviewer.pick));
  });
  for (const toolId of Object.keys(feed.community ?? {})) {
    if (!toolIds.includes(toolId)) report(['community', toolId], notATool(toolId));
  }
}

/**
 * Validates untrusted feed data exactly as `parseFeed` does, without zod. `base` is the URL the
 * feed came from (or the page's URL for inline feeds); relative links are resolved against it.
 */
export function checkFeed(data: unknown, base: string): FeedParseResult {
  return guardedParse(data, () => {
    const problems: Problems = [];
    const feed = feedRule(base)(data, [], problems) as Feed;
    if (!problems.length) return { ok: true, feed };
    const [first, ...rest] = problems;
    return { ok: false, problems: [first, ...rest] };
  });
}
