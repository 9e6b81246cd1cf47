/**
 * The feed check the widget ships: the same rules and paths as the zod schema in `feed-schema.ts`
 * (which stays the one definition, used by the server, the CLI, the JSON Schema and the tests),
 * hand-written without dependencies so the browser bundle stays small. It names each problem by
 * a code; the words for the codes are in `feed-problems.ts`, which the widget loads only for a
 * bad feed (`check-feed.ts` puts the two together). A differential property test keeps this check
 * and zod's in agreement, words included.
 */
import type { Feed } from './feed-schema.js';
import type { ProblemCode } from './feed-problems.js';

/** One thing wrong with a feed, before it is put into words: where, which rule, and its figure or value. */
export interface FeedIssue {
  path: PropertyKey[];
  code: ProblemCode;
  arg?: string | number;
}

/** The check's verdict: the validated feed, or every issue found, in document order. */
export type FeedCheck = { ok: true; feed: Feed } | { ok: false; issues: [FeedIssue, ...FeedIssue[]] };

/** The largest feed accepted, in bytes of UTF-8. */
export const MAX_FEED_BYTES = 512 * 1024;

/** How deep a feed may nest, counting the top-level object as level 0 (the schema needs 5). */
export const MAX_FEED_DEPTH = 32;

/** At most this many values (objects, lists, texts, numbers…): what 512 KiB of JSON can hold. */
export const MAX_FEED_VALUES = MAX_FEED_BYTES / 2;

export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const FIELD_NAME = /^[A-Za-z0-9_.[\]-]{1,64}$/;
export const NOT_BLANK = /\S/;

/** An http(s) URL, `value` resolved against `base`; undefined for anything else. */
function httpUrl(value: string, base?: string): URL | undefined {
  try {
    const url = new URL(value, base);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url;
  } catch {
    // Not a URL at all: reported like any other bad link.
  }
  return undefined;
}

/** A link resolved against the feed URL, or undefined when the result is not http(s). */
export const resolveLink = (value: string, base: string): string | undefined => httpUrl(value, base)?.href;

/** `https://example.com` exactly as browsers send it in `Origin`. */
export const isOrigin = (value: string): boolean => httpUrl(value)?.origin === value;

/**
 * Walks the whole value once, iteratively (no recursion, however deep), before any rule runs:
 * refuses own `__proto__` keys (validation would silently drop them), nesting deeper than
 * MAX_FEED_DEPTH and more than MAX_FEED_VALUES values (which also stops cyclic objects).
 */
function structureIssue(data: unknown): FeedIssue | undefined {
  // Only objects and lists go on the stack, each as [value, key, parent entry, depth]; other
  // values are just counted, and paths are only built for a problem.
  type Entry = [object, PropertyKey, Entry | undefined, number];
  const problem = (entry: Entry | undefined, code: ProblemCode, arg?: number): FeedIssue => {
    const path: PropertyKey[] = [];
    for (let at = entry; at?.[2]; at = at[2]) path.unshift(at[1]);
    return { path, code, arg };
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
    if (depth >= MAX_FEED_DEPTH) return problem(entry, 'deep', MAX_FEED_DEPTH);
    const keys = Array.isArray(value) ? undefined : Object.keys(value);
    const size = keys ? keys.length : (value as unknown[]).length;
    if ((count += size) > MAX_FEED_VALUES) return problem(undefined, 'values', MAX_FEED_VALUES);
    // Pushed last to first, so the walk (and the first problem found) follows document order.
    for (let i = size; i--; ) {
      if (!keys) visit((value as unknown[])[i], i, entry, depth + 1);
      else if (keys[i] === '__proto__') return problem([value, keys[i], entry, 0], 'proto');
      else visit((value as Record<string, unknown>)[keys[i]], keys[i], entry, depth + 1);
    }
  }
}

/**
 * Runs a feed check after the structural walk. A problem the walk finds, or anything thrown while
 * reading the data (a getter, a proxy), goes to `failed` as the one issue instead of escaping.
 */
export function guarded<T>(data: unknown, check: () => T, failed: (issue: FeedIssue) => T): T {
  let issue: FeedIssue | undefined;
  try {
    issue = structureIssue(data);
    if (!issue) return check();
  } catch (error) {
    issue = { path: [], code: 'read', arg: String((error as Error)?.message ?? error) };
  }
  return failed(issue);
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
/** Issues as they will be reported, and the index of the last hard one. */
type Problems = FeedIssue[] & { lastHard?: number };
type Rule = (value: unknown, path: Path, out: Problems) => unknown;
/** A test of a text value and the code of the rule it checks. */
type TextTest = [(value: string) => boolean, ProblemCode];

const report = (out: Problems, path: Path, code: ProblemCode, hard?: boolean, arg?: string | number) => {
  if (hard) out.lastHard = out.length;
  out.push({ path, code, arg });
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `value` has the type (`is` passes); if not, reports it missing or of the wrong `type`. */
const typed = (value: unknown, is: boolean, type: ProblemCode, path: Path, out: Problems) =>
  is || report(out, path, value === undefined ? 'required' : type, true);

/** Text of at most `max` UTF-16 units, passing each `[test, code]`. */
const text =
  (max: number, ...tests: TextTest[]): Rule =>
  (value, path, out) => {
    if (typed(value, typeof value === 'string', 'text', path, out)) {
      if ((value as string).length > max) report(out, path, 'max', false, max);
      for (const [test, code] of tests) if (!test(value as string)) report(out, path, code);
    }
    return value;
  };

const pattern = (regex: RegExp, code: ProblemCode): TextTest => [(value) => regex.test(value), code];
const notBlank = pattern(NOT_BLANK, 'blank');
const label = (max: number) => text(max, notBlank);
const slug = text(Infinity, pattern(SLUG, 'slug'));

/** A link: checked like zod's (each rule reports), and resolved against the feed URL. */
const link =
  (base: string): Rule =>
  (value, path, out) =>
    (text(2048, notBlank, [(v) => !!resolveLink(v, base), 'link'])(value, path, out), typeof value === 'string' && resolveLink(value, base)) || value;

/** One of `allowed`: a missing value is required, any other is a hard `code`. */
const oneOf =
  (allowed: readonly unknown[], code: ProblemCode | ((value: unknown) => ProblemCode)): Rule =>
  (value, path, out) => (
    allowed.includes(value) || report(out, path, value === undefined ? 'required' : typeof code === 'string' ? code : code(value), true),
    value
  );

const count: Rule = (value, path, out) => {
  if (typed(value, typeof value === 'number' && isFinite(value), 'number', path, out) && !(Number.isSafeInteger(value) && (value as number) >= 0)) {
    report(out, path, 'whole', !Number.isSafeInteger(value));
  }
  return value;
};

/** An object with the keys of `shape` (a key ending in `?` is optional); unknown keys are dropped. */
const object =
  (shape: Record<string, Rule>, after?: (out: Record<string, unknown>, problems: Problems) => void): Rule =>
  (value, path, problems) => {
    if (!typed(value, isRecord(value), 'object', path, problems)) return value;
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

/** A list of `min`–`max` items, else `code`; too long is checked first and stops the items. */
const list =
  (item: Rule, max: number, code: ProblemCode, min = 0): Rule =>
  (value, path, out) => {
    if (!typed(value, Array.isArray(value), 'list', path, out)) return value;
    const input = value as unknown[];
    if (input.length > max) return report(out, path, code, true), value;
    // Array.from visits holes (a sparse list set from script), as zod does; map would skip them.
    const items = Array.from(input, (entry, index) => item(entry, [...path, index], out));
    if (input.length < min) report(out, path, code);
    return items;
  };

/** An object keyed by tool ids (slugs). */
const byToolId =
  (item: Rule): Rule =>
  (value, path, problems) => {
    if (!typed(value, isRecord(value), 'object', path, problems)) return value;
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(input)) {
      if (SLUG.test(key)) out[key] = item(input[key], [...path, key], problems);
      else report(problems, [...path, key], 'key', true);
    }
    return out;
  };

function feedRule(base: string): Rule {
  const url = link(base);
  return object(
    {
      schemaVersion: oneOf([1], (value) => (typeof value === 'number' ? 'version' : 'number')),
      id: slug,
      title: label(200),
      'kicker?': text(80),
      'summary?': text(1000),
      'updated?': text(Infinity, [isCalendarDate, 'date']),
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
        'tools',
        2,
      ),
      'reviewers?': list(
        object({
          id: slug,
          name: label(80),
          'focus?': text(160),
          'avatar?': url,
          verdicts: byToolId(object({ verdict: oneOf(['ship', 'skip'], 'verdict'), 'quote?': text(2000) })),
          'pick?': text(Infinity),
        }),
        50,
        'reviewers',
      ),
      'votes?': object({
        endpoint: url,
        'origins?': list(text(2048, [isOrigin, 'origin']), 50, 'origins'),
      }),
      'community?': byToolId(count),
      'cta?': object({
        title: label(120),
        'text?': text(300),
        'note?': text(300),
        url,
        'subscribe?': object({
          action: url,
          'emailField?': text(Infinity, pattern(FIELD_NAME, 'field')),
          'method?': oneOf(['post', 'get'], 'method'),
        }),
      }),
      '$schema?': text(2048),
    },
    (out, problems) => crossIssues(out as unknown as Feed, (path, code, arg) => report(problems, path, code, false, arg)),
  );
}

/**
 * The rules that tie fields together: unique ids, verdicts, picks and tallies naming the two
 * tools. Each issue goes to `report`, in document order, with the id it is about.
 */
export function crossIssues(feed: Feed, report: (path: PropertyKey[], code: ProblemCode, id: string) => void): void {
  const toolIds = feed.tools.map((tool) => tool.id);
  if (toolIds[0] === toolIds[1]) report(['tools', 1, 'id'], 'duplicateTool', toolIds[1]);
  const seen = new Set<string>();
  (feed.reviewers ?? []).forEach((reviewer, index) => {
    if (seen.has(reviewer.id)) report(['reviewers', index, 'id'], 'duplicateReviewer', reviewer.id);
    seen.add(reviewer.id);
    for (const toolId of Object.keys(reviewer.verdicts)) {
      if (!toolIds.includes(toolId)) report(['reviewers', index, 'verdicts', toolId], 'notTool', toolId);
    }
    if (reviewer.pick !== undefined && !toolIds.includes(reviewer.pick)) report(['reviewers', index, 'pick'], 'notTool', reviewer.pick);
  });
  for (const toolId of Object.keys(feed.community ?? {})) {
    if (!toolIds.includes(toolId)) report(['community', toolId], 'notTool', toolId);
  }
}

/**
 * Checks untrusted feed data as `parseFeed` does, without zod and without words (see
 * `checkFeed` in `check-feed.ts` for those). `base` is the URL the feed came from (or the
 * page's URL for inline feeds); relative links are resolved against it.
 */
export function findFeedIssues(data: unknown, base: string): FeedCheck {
  return guarded<FeedCheck>(
    data,
    () => {
      const issues: Problems = [];
      const feed = feedRule(base)(data, [], issues) as Feed;
      if (!issues.length) return { ok: true, feed };
      return { ok: false, issues: issues as [FeedIssue, ...FeedIssue[]] };
    },
    (issue) => ({ ok: false, issues: [issue] }),
  );
}
