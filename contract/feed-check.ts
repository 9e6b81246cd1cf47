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
const httpUrl = (value: string, base?: string): URL | undefined => {
  try {
    const url = new URL(value, base);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url;
  } catch {
    // Not a URL at all: reported like any other bad link.
  }
  return undefined;
};

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
    const size = (keys ?? (value as unknown[])).length;
    if ((count += size) > MAX_FEED_VALUES) return problem(undefined, 'values', MAX_FEED_VALUES);
    // Pushed last to first, so the walk (and the first problem found) follows document order.
    for (let i = size; i--; ) {
      // A list's keys are its indexes (holes included).
      const key = keys ? keys[i] : i;
      if (key === '__proto__') return problem([value, key, entry, 0], 'proto');
      visit((value as Record<PropertyKey, unknown>)[key], key, entry, depth + 1);
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
const isCalendarDate = (value: string): boolean => {
  // Engines either refuse 2026-02-30 or roll it over to March: either way it does not round-trip
  // (toJSON gives null for an invalid date, where toISOString would throw).
  return /^\d{4}-\d\d-\d\d$/.test(value) && String(new Date(value).toJSON()).startsWith(value);
};

// The checker proper. A rule reads `value` at `path`, reports into `out` and returns the output
// value. A "hard" problem (wrong type, value not allowed) stops the checks of the values that
// contain it, as in zod: the cross-field rules are skipped then.

type Path = PropertyKey[];
/** Issues as they will be reported, and the index of the last hard one. */
type Problems = FeedIssue[] & { lastHard?: number };
type Rule = (value: unknown, path: Path, out: Problems) => unknown;
/** A test of a text value and the code of the rule it checks. */
type TextTest = [{ test: (value: string) => boolean }, ProblemCode];

const report = (path: Path, out: Problems, code: ProblemCode, arg?: string | number) => out.push({ path, code, arg });

/** Reports a hard problem, which stops the checks of the values that contain it. */
const reportHard = (path: Path, out: Problems, code: ProblemCode) => {
  out.lastHard = out.length;
  report(path, out, code);
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reports `value`, which lacks the type the rule needs, as missing or of the wrong `type`. */
const mistyped = (value: unknown, path: Path, out: Problems, type: ProblemCode) =>
  reportHard(path, out, value === undefined ? 'required' : type);

/** Text of at most `max` UTF-16 units, passing each `[test, code]`. */
const text =
  (max: number, ...tests: TextTest[]): Rule =>
  (value, path, out) => {
    if (typeof value !== 'string') return mistyped(value, path, out, 'text'), value;
    if (value.length > max) report(path, out, 'max', max);
    for (const [rule, code] of tests) if (!rule.test(value)) report(path, out, code);
    return value;
  };

const notBlank: TextTest = [NOT_BLANK, 'blank'];
const label = (max: number) => text(max, notBlank);
const slug = text(Infinity, [SLUG, 'slug']);

/** A link: checked like zod's (each rule reports), and resolved against the feed URL. */
const link =
  (base: string): Rule =>
  (value, path, out) => {
    // The link test runs for any text, so `href` is set whenever the value is a valid link.
    let href: string | undefined;
    text(2048, notBlank, [{ test: (v) => !!(href = resolveLink(v, base)) }, 'link'])(value, path, out);
    return href ?? value;
  };

/** One of `allowed`: a missing value is required, any other is a hard `code`. */
const oneOf =
  (allowed: readonly unknown[], code: ProblemCode): Rule =>
  (value, path, out) => (allowed.includes(value) || mistyped(value, path, out, code), value);

const count: Rule = (value, path, out) => {
  if (typeof value !== 'number' || !isFinite(value)) mistyped(value, path, out, 'number');
  // A number that is not a whole one stops there; a negative whole number does not.
  else if (!Number.isSafeInteger(value)) reportHard(path, out, 'whole');
  else if (value < 0) report(path, out, 'whole');
  return value;
};

/** An object with the keys of `shape` (a key ending in `?` is optional); unknown keys are dropped. */
const object =
  (shape: Record<string, Rule>, after?: (out: Record<string, unknown>, problems: Problems) => void): Rule =>
  (value, path, problems) => {
    if (!isRecord(value)) return mistyped(value, path, problems, 'object'), value;
    // lastHard only grows, so it is unchanged exactly when no hard problem is found inside.
    const hard = problems.lastHard;
    const out: Record<string, unknown> = {};
    for (const [name, rule] of Object.entries(shape)) {
      const key = name.replace('?', '');
      if (key === name || value[key] !== undefined) out[key] = rule(value[key], [...path, key], problems);
      else if (key in value) out[key] = undefined;
    }
    if (after && problems.lastHard === hard) after(out, problems);
    return out;
  };

/** A list of `min`–`max` items, else `code`; too long is checked first and stops the items. */
const list =
  (item: Rule, max: number, code: ProblemCode, min = 0): Rule =>
  (value, path, out) => {
    if (!Array.isArray(value)) return mistyped(value, path, out, 'list'), value;
    if (value.length > max) return reportHard(path, out, code), value;
    // Array.from visits holes (a sparse list set from script), as zod does; map would skip them.
    const items = Array.from(value, (entry, index) => item(entry, [...path, index], out));
    if (value.length < min) report(path, out, code);
    return items;
  };

/** An object keyed by tool ids (slugs). */
const byToolId =
  (item: Rule): Rule =>
  (value, path, problems) => {
    if (!isRecord(value)) return mistyped(value, path, problems, 'object'), value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (SLUG.test(key)) out[key] = item(value[key], [...path, key], problems);
      else reportHard([...path, key], problems, 'key');
    }
    return out;
  };

function feedRule(base: string): Rule {
  const url = link(base);
  return object(
    {
      schemaVersion: (value, path, out) => oneOf([1], typeof value === 'number' ? 'version' : 'number')(value, path, out),
      id: slug,
      title: label(200),
      'kicker?': text(80),
      'summary?': text(1000),
      'updated?': text(Infinity, [{ test: isCalendarDate }, 'date']),
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
        'origins?': list(text(2048, [{ test: isOrigin }, 'origin']), 50, 'origins'),
      }),
      'community?': byToolId(count),
      'cta?': object({
        title: label(120),
        'text?': text(300),
        'note?': text(300),
        url,
        'subscribe?': object({
          action: url,
          'emailField?': text(Infinity, [FIELD_NAME, 'field']),
          'method?': oneOf(['post', 'get'], 'method'),
        }),
      }),
      '$schema?': text(2048),
    },
    (out, problems) => crossIssues(out as unknown as Feed, (path, code, arg) => report(path, problems, code, arg)),
  );
}

/**
 * The rules that tie fields together: unique ids, verdicts, picks and tallies naming the two
 * tools. Each issue goes to `report`, in document order, with the id it is about.
 */
export function crossIssues(feed: Feed, report: (path: PropertyKey[], code: ProblemCode, id: string) => void): void {
  const toolIds = feed.tools.map((tool) => tool.id);
  const knownTool = (id: string, path: PropertyKey[]) => toolIds.includes(id) || report(path, 'notTool', id);
  if (toolIds[0] === toolIds[1]) report(['tools', 1, 'id'], 'duplicateTool', toolIds[1]);
  const seen = new Set<string>();
  (feed.reviewers ?? []).forEach((reviewer, index) => {
    if (seen.has(reviewer.id)) report(['reviewers', index, 'id'], 'duplicateReviewer', reviewer.id);
    seen.add(reviewer.id);
    for (const toolId of Object.keys(reviewer.verdicts)) knownTool(toolId, ['reviewers', index, 'verdicts', toolId]);
    if (reviewer.pick !== undefined) knownTool(reviewer.pick, ['reviewers', index, 'pick']);
  });
  for (const toolId of Object.keys(feed.community ?? {})) knownTool(toolId, ['community', toolId]);
}

/**
 * Checks untrusted feed data as `parseFeed` does, without zod and without words (see
 * `checkFeed` in `check-feed.ts` for those). `base` is the URL the feed came from (or the
 * page's URL for inline feeds); relative links are resolved against it.
 */
export function findFeedIssues(data: unknown, base: string): FeedCheck {
  let issues: Problems = [];
  const feed = guarded<unknown>(
    data,
    () => feedRule(base)(data, [], issues),
    // A problem of the walk, or a read that throws, is the one issue, whatever the rules found.
    (issue) => (issues = [issue]),
  );
  return issues.length ? { ok: false, issues: issues as [FeedIssue, ...FeedIssue[]] } : { ok: true, feed: feed as Feed };
}
