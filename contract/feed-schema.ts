/**
 * The comparison feed contract (SPEC §1), written once in zod/mini and shared by the widget,
 * the reference server and the tooling. Parsing resolves relative links against the feed's own
 * URL and reports the first problem as `path: plain words`.
 */
import * as z from 'zod/mini';

/** The largest feed accepted, in bytes of UTF-8. */
export const MAX_FEED_BYTES = 512 * 1024;

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const text = (max: number) => z.string().check(z.maxLength(max));
/** Text a widget cannot do without (a title, a name): blank would render an empty heading. */
const label = (max: number) => text(max).check(z.refine((value) => value.trim() !== '', 'must not be empty'));
// Checks are written as refinements rather than zod's regex/enum/literal/int schemas: each of
// those pulls more of zod into the browser bundle, and this file ships to every reader.
const slug = () =>
  z.string().check(z.refine((value) => SLUG.test(value), 'must be a slug: lowercase letters, digits and dashes, at most 64'));

/** A link resolved against the feed URL, or undefined when the result is not http(s). */
function resolveLink(value: string, base: string): string | undefined {
  try {
    const url = new URL(value, base);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
  } catch {
    // Not a URL at all: reported like any other bad link.
  }
  return undefined;
}

/** Accepts a link only when, after resolving against the feed URL, it is http(s); keeps it resolved. */
const link = (base: string) =>
  text(2048).check(
    z.refine((value) => resolveLink(value, base) !== undefined, 'only http(s) links are allowed'),
    z.overwrite((value) => resolveLink(value, base) ?? value),
  );

/** A site that may cast votes, written as browsers send it in `Origin`: `https://example.com`. */
const origin = text(2048).check(
  z.refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'must be an origin like https://example.com (no path, no trailing slash)'),
);

/** The name of a form field: what a newsletter provider's sign-up form calls the e-mail address. */
const fieldName = z.string().check(
  z.refine((value) => /^[A-Za-z0-9_.[\]-]{1,64}$/.test(value), 'must be a form field name such as "email"'),
);

const wholeNumber = z.number().check(z.refine((value) => Number.isInteger(value) && value >= 0, 'must be a whole number ≥ 0'));

const calendarDate = z.string().check(
  z.refine((value) => {
    if (!DATE.test(value)) return false;
    const [year, month, day] = value.split('-').map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, 'must be a calendar date written YYYY-MM-DD'),
);

function createFeedSchema(base: string) {
  const tool = z.object({
    id: slug(),
    name: label(80),
    category: z.optional(text(60)),
    tagline: z.optional(text(200)),
    description: z.optional(text(2000)),
    url: z.optional(link(base)),
    logo: z.optional(link(base)),
    pricing: z.optional(
      z.object({ entry: label(60), details: z.optional(text(300)), url: z.optional(link(base)) }),
    ),
  });

  const verdict = z.object({
    verdict: z.string().check(z.refine((value) => value === 'ship' || value === 'skip', 'must be "ship" or "skip"')),
    quote: z.optional(text(2000)),
  });

  const reviewer = z.object({
    id: slug(),
    name: label(80),
    focus: z.optional(text(160)),
    avatar: z.optional(link(base)),
    verdicts: z.record(slug(), verdict),
    pick: z.optional(z.string()),
  });

  return z.object({
    schemaVersion: z.number().check(z.refine((value) => value === 1, 'unsupported schema version (this widget reads version 1)')),
    id: slug(),
    title: label(200),
    kicker: z.optional(text(80)),
    summary: z.optional(text(1000)),
    updated: z.optional(calendarDate),
    source: z.optional(z.object({ name: label(120), url: z.optional(link(base)) })),
    tools: z.array(tool).check(z.minLength(2, 'must list exactly two tools'), z.maxLength(2, 'must list exactly two tools')),
    reviewers: z.optional(z.array(reviewer).check(z.maxLength(50, 'must list at most 50 reviewers'))),
    votes: z.optional(z.object({ endpoint: link(base), origins: z.optional(z.array(origin).check(z.maxLength(50, 'must list at most 50 origins'))) })),
    community: z.optional(z.record(slug(), wholeNumber)),
    cta: z.optional(
      z.object({
        title: label(120),
        text: z.optional(text(300)),
        note: z.optional(text(300)),
        url: link(base),
        subscribe: z.optional(
          z.object({
            action: link(base),
            emailField: z.optional(fieldName),
            method: z.optional(
              z.string().check(z.refine((value) => value === 'post' || value === 'get', 'must be "post" or "get"')),
            ),
          }),
        ),
      }),
    ),
    $schema: z.optional(text(2048)),
  }).check(
    z.superRefine((feed, ctx) => {
      const toolIds = feed.tools.map((t) => t.id);
      const problem = (path: PropertyKey[], message: string) =>
        ctx.issues.push({ code: 'custom', path, message, input: feed });
      if (toolIds[0] === toolIds[1]) problem(['tools', 1, 'id'], `duplicate tool id "${toolIds[1]}"`);
      const seenReviewers = new Set<string>();
      (feed.reviewers ?? []).forEach((reviewer, index) => {
        if (seenReviewers.has(reviewer.id)) {
          problem(['reviewers', index, 'id'], `duplicate reviewer id "${reviewer.id}"`);
        }
        seenReviewers.add(reviewer.id);
        for (const toolId of Object.keys(reviewer.verdicts)) {
          if (!toolIds.includes(toolId)) {
            problem(['reviewers', index, 'verdicts', toolId], `"${toolId}" is not one of the two tools`);
          }
        }
        if (reviewer.pick !== undefined && !toolIds.includes(reviewer.pick)) {
          problem(['reviewers', index, 'pick'], `"${reviewer.pick}" is not one of the two tools`);
        }
      });
      for (const toolId of Object.keys(feed.community ?? {})) {
        if (!toolIds.includes(toolId)) problem(['community', toolId], `"${toolId}" is not one of the two tools`);
      }
    }),
  );
}

/** A validated feed: links resolved to absolute http(s) URLs. */
export type Feed = z.output<ReturnType<typeof createFeedSchema>>;
/** A feed as publishers write it (before validation). */
export type FeedInput = z.input<ReturnType<typeof createFeedSchema>>;
export type Tool = Feed['tools'][number];
export type Reviewer = NonNullable<Feed['reviewers']>[number];
export type Verdict = Reviewer['verdicts'][string];

/** One thing wrong with a feed: where (`tools[1].url`) and what, in plain words. */
export interface FeedProblem {
  path: string;
  message: string;
}

/** An invalid feed lists every problem found, in document order; there is always at least one. */
export type FeedParseResult = { ok: true; feed: Feed } | { ok: false; problems: [FeedProblem, ...FeedProblem[]] };

/** `['tools', 1, 'url']` → `tools[1].url`; the root is `feed`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || 'feed';
}

type Issue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  boolean: 'true or false',
};

/** Plain words for zod's issue codes, so publishers read "must be text" and not a type dump. */
function describeIssue(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${String(issue.maximum)} characters`
        : `must be at most ${String(issue.maximum)}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must be at least ${String(issue.minimum)} characters`
        : `must be at least ${String(issue.minimum)}`;
    case 'invalid_value':
      return 'has a value that is not allowed';
    case 'invalid_key':
      return 'is not a valid key: keys are tool ids (slugs)';
    default:
      return undefined;
  }
}

/**
 * The path of the first own `__proto__` key (JSON.parse makes them), which validation would
 * otherwise drop without a word: a feed that carries one is refused, not quietly trimmed.
 */
function findProtoKey(value: unknown, path: PropertyKey[]): PropertyKey[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const key of Object.keys(value)) {
    const at = [...path, Array.isArray(value) ? Number(key) : key];
    if (key === '__proto__') return at;
    const found = findProtoKey((value as Record<string, unknown>)[key], at);
    if (found) return found;
  }
  return undefined;
}

/**
 * Validates untrusted feed data. `base` is the URL the feed came from (or the page's URL for
 * inline feeds); relative links are resolved against it.
 */
export function parseFeed(data: unknown, base: string): FeedParseResult {
  const polluted = findProtoKey(data, []);
  if (polluted) return { ok: false, problems: [{ path: formatPath(polluted), message: 'is not an allowed key' }] };
  // jitless: never compile validators with new Function (strict CSP pages forbid eval).
  const result = z.safeParse(createFeedSchema(base), data, { jitless: true, error: describeIssue });
  if (result.success) return { ok: true, feed: result.data };
  const [first, ...rest] = result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  return { ok: false, problems: [first, ...rest] };
}
