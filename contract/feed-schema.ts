/**
 * The comparison feed contract (SPEC §1), defined once in zod: the reference server, the CLI,
 * the JSON Schema (`feedJsonSchema()`, shipped as `dist/feed.schema.json`) and the tests use it.
 * The browser bundle uses the dependency-free twin in `feed-check.ts`, proven to agree with this
 * definition by a differential property test. Parsing resolves relative links against the feed's
 * own URL and reports every problem as `path: plain words`.
 */
import * as z from 'zod';
import {
  FIELD_NAME,
  MAX_FEED_BYTES,
  MAX_FEED_DEPTH,
  NOT_BLANK,
  SLUG,
  crossIssues,
  guarded,
  isOrigin,
  resolveLink,
} from './feed-check.js';
import { PROBLEM_WORDS as WORDS, describeIssue, formatPath, problemWords } from './feed-problems.js';

export { MAX_FEED_BYTES, MAX_FEED_DEPTH, formatPath };

/** Field documentation for editors: shown on hover and completion through the JSON Schema. */
const doc = (title: string, description: string, ...examples: unknown[]) => ({ title, description, examples });

/**
 * Length limits apply only to values of the right type, so a list in a text field (or text in a
 * list field) gets one problem, "must be text", not a second one about its length. `when` is part
 * of zod's check definition, though the parameter types leave it out.
 */
const only = (test: (value: unknown) => boolean, error?: string) =>
  ({ error, when: (payload: { value: unknown }) => test(payload.value) }) as never;
const isText = (value: unknown) => typeof value === 'string';

const text = (max: number) => z.string().max(max, only(isText));
/** Text a widget cannot do without (a title, a name): blank would render an empty heading. */
const label = (max: number) => text(max).regex(NOT_BLANK, WORDS.blank);
const slug = () => z.string().regex(SLUG, WORDS.slug);

/**
 * For editors only: a link that does not start with a scheme other than http(s). The zod rule
 * (parse with the URL parser, resolve against the feed URL) is the authority.
 */
const LINK_PATTERN = '^(?=[\\s\\S]*\\S)(?:[\\u0000-\\u0020]*[hH][tT][tT][pP][sS]?:|(?![\\u0000-\\u0020]*[A-Za-z][A-Za-z0-9+.\\-]*:))';

/** Accepts a link only when, after resolving against the feed URL, it is http(s); keeps it resolved. */
const link = (base: string) =>
  text(2048)
    .regex(NOT_BLANK, WORDS.blank)
    .refine((value) => resolveLink(value, base) !== undefined, WORDS.link)
    .overwrite((value) => resolveLink(value, base) ?? value)
    .meta({ pattern: LINK_PATTERN });

/** A missing value "is required"; anything else gets `message`. */
const requiredOr = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? WORDS.required : message);

function createFeedSchema(base: string) {
  const linkTo = (title: string, description: string, example: string) =>
    link(base).meta(doc(title, `${description} Absolute http(s), or relative to the feed's URL.`, example));

  const pricing = z
    .object({
      entry: label(60).meta(doc('Entry price', 'The price to start with, as readers should read it.', 'Free', '$20/month')),
      details: text(300).optional().meta(doc('Pricing details', 'One line about plans or limits.', 'Pro plan $20/month, teams $40 per seat')),
      url: linkTo('Pricing page', 'Where the full pricing is.', 'https://tool.example/pricing').optional(),
    })
    .meta(doc('Pricing', 'What the tool costs.', { entry: 'Free', url: 'https://tool.example/pricing' }));

  const tool = z
    .object({
      id: slug().meta(doc('Tool id', 'A slug naming this tool within the feed; verdicts, picks and votes refer to it.', 'cursor-1-0')),
      name: label(80).meta(doc('Tool name', 'The name shown on its card and vote button.', 'Cursor 1.0')),
      category: text(60).optional().meta(doc('Category', 'A short category above the name.', 'Developer Tools')),
      tagline: text(200).optional().meta(doc('Tagline', 'One line under the name.', 'AI code editor with background agents')),
      description: text(2000).optional().meta(doc('Description', 'A paragraph about the tool, plain text.', 'Cursor is an AI-native code editor.')),
      url: linkTo('Tool link', "The tool's home page.", 'https://www.cursor.com/').optional(),
      logo: linkTo('Logo', 'A square image shown at 32 px.', '/logos/cursor.png').optional(),
      pricing: pricing.optional(),
    })
    .meta(doc('Tool', 'One of the two tools compared.', { id: 'cursor-1-0', name: 'Cursor 1.0', url: 'https://www.cursor.com/' }));

  const verdict = z
    .object({
      verdict: z
        .enum(['ship', 'skip'], { error: requiredOr(WORDS.verdict) })
        .meta(doc('Verdict', '"ship" recommends the tool, "skip" does not.', 'ship', 'skip')),
      quote: text(2000).optional().meta(doc('Quote', "The reviewer's reasoning, plain text; long quotes start collapsed.", 'The primitive here is clear.')),
    })
    .meta(doc('Verdict on a tool', "A reviewer's verdict on one tool.", { verdict: 'ship', quote: 'Earns its place.' }));

  const reviewer = z
    .object({
      id: slug().meta(doc('Reviewer id', 'A slug naming this reviewer, unique within the feed.', 'builder')),
      name: label(80).meta(doc('Reviewer name', 'Shown in the scorecard.', 'The Builder')),
      focus: text(160).optional().meta(doc('Focus', 'What this reviewer looks at.', 'Developer experience')),
      avatar: linkTo('Avatar', 'A square image shown at 32 px.', '/avatars/builder.png').optional(),
      verdicts: z
        .record(slug(), verdict)
        .meta(doc('Verdicts', 'Verdicts keyed by tool id; a tool without one shows "no verdict".', { 'cursor-1-0': { verdict: 'ship' } })),
      pick: z.string().optional().meta(doc('Pick', "The tool id this reviewer would choose, if either.", 'cursor-1-0')),
    })
    .meta(doc('Reviewer', 'A member of the review panel.', { id: 'builder', name: 'The Builder', verdicts: { 'cursor-1-0': { verdict: 'ship' } } }));

  const subscribe = z
    .object({
      action: linkTo('Form action', "The newsletter provider's sign-up URL the form posts to.", 'https://newsletter.example/subscribe'),
      emailField: z
        .string()
        .regex(FIELD_NAME, WORDS.field)
        .optional()
        .meta(doc('E-mail field name', 'What the provider calls the address field; "email" when left out.', 'email', 'EMAIL')),
      method: z
        .enum(['post', 'get'], { error: requiredOr(WORDS.method) })
        .optional()
        .meta(doc('Form method', '"post" when left out.', 'post')),
    })
    .meta(doc('Sign-up form', 'An e-mail sign-up form posting straight to the newsletter provider; ai-compare stores nothing.', { action: 'https://newsletter.example/subscribe', emailField: 'email' }));

  const feed = z
    .object({
      schemaVersion: z
        .literal(1, {
          error: (issue) =>
            issue.input === undefined ? WORDS.required : typeof issue.input === 'number' ? WORDS.version : WORDS.number,
        })
        .meta(doc('Schema version', 'Always 1.', 1)),
      id: slug().meta(doc('Comparison id', 'A slug naming the comparison; votes are stored under it.', 'cursor-1-0-vs-smolvlm2-2b')),
      title: label(200).meta(doc('Title', 'The heading of the widget.', 'Cursor 1.0 vs SmolVLM2-2B')),
      kicker: text(80).optional().meta(doc('Kicker', 'A short line above the title.', 'AI tool comparison')),
      summary: text(1000).optional().meta(doc('Summary', 'A paragraph under the title.', 'Which one should you ship with?')),
      updated: z.iso
        .date({ error: (issue) => (issue.code === 'invalid_format' ? WORDS.date : undefined) })
        .optional()
        .meta(doc('Updated', 'The day the comparison was last updated, YYYY-MM-DD; shown in the reader\'s locale.', '2026-11-23')),
      source: z
        .object({
          name: label(120).meta(doc('Publisher name', 'Shown as "Comparison by …".', 'Weekly AI Tool Verdicts')),
          url: linkTo('Publisher link', "The publisher's site.", 'https://verdicts.example.com/').optional(),
        })
        .optional()
        .meta(doc('Source', 'Who published the comparison.', { name: 'Weekly AI Tool Verdicts', url: 'https://verdicts.example.com/' })),
      tools: z.array(tool).length(2, only(Array.isArray, WORDS.tools)).meta(doc('Tools', 'Exactly two tools, with different ids.', [
        { id: 'cursor-1-0', name: 'Cursor 1.0' },
        { id: 'smolvlm2-2b', name: 'SmolVLM2-2B' },
      ])),
      reviewers: z
        .array(reviewer)
        .max(50, only(Array.isArray, WORDS.reviewers))
        .optional()
        .meta(doc('Reviewers', 'The review panel, up to 50; none means no scorecard.', [{ id: 'builder', name: 'The Builder', verdicts: { 'cursor-1-0': { verdict: 'ship' } } }])),
      votes: z
        .object({
          endpoint: linkTo('Vote endpoint', 'The vote API URL for this comparison.', '/api/comparisons/cursor-1-0-vs-smolvlm2-2b/votes'),
          origins: z
            .array(
              text(2048)
                .refine(isOrigin, WORDS.origin)
                .meta({ ...doc('Origin', 'A site, as browsers send it in Origin.', 'https://blog.example'), pattern: '^https?://[^/?#\\s]+$' }),
            )
            .max(50, only(Array.isArray, WORDS.origins))
            .optional()
            .meta(doc('Allowed origins', 'Sites whose pages may cast votes for this comparison, up to 50.', ['https://blog.example'])),
        })
        .optional()
        .meta(doc('Votes', 'Where community votes go; without it there are no vote buttons unless the page sets vote-endpoint.', { endpoint: '/api/comparisons/cursor-1-0-vs-smolvlm2-2b/votes' })),
      community: z
        .record(slug(), z.number().int({ error: WORDS.whole, abort: true }).min(0, WORDS.whole))
        .optional()
        .meta(doc('Community tallies', 'Static vote counts keyed by tool id, used when there is no vote endpoint.', { 'cursor-1-0': 12, 'smolvlm2-2b': 7 })),
      cta: z
        .object({
          title: label(120).meta(doc('Call-to-action title', 'The headline of the call to action.', 'Weekly AI Tool Verdicts')),
          text: text(300).optional().meta(doc('Call-to-action text', 'A line under the title.', 'Get the next comparison in your inbox')),
          note: text(300).optional().meta(doc('Call-to-action note', 'A third, smaller line.', 'New AI tools ship daily. We compare them before you waste an afternoon.')),
          url: linkTo('Call-to-action link', 'Where the call to action leads.', 'https://verdicts.example.com/subscribe'),
          subscribe: subscribe.optional(),
        })
        .optional()
        .meta(doc('Call to action', 'Shown at the end of the widget.', { title: 'Weekly AI Tool Verdicts', url: 'https://verdicts.example.com/subscribe' })),
      $schema: text(2048).optional().meta(doc('JSON Schema', 'The schema this feed follows, for editors; ignored by the widget.', 'https://ai-compare.example/feed.schema.json')),
    })
    .meta(doc('ai-compare feed', 'A head-to-head comparison of two AI tools for the <ai-compare> web component.', { schemaVersion: 1, id: 'alpha-vs-beta', title: 'Alpha vs Beta', tools: [{ id: 'alpha', name: 'Alpha' }, { id: 'beta', name: 'Beta' }] }));

  return feed.check((ctx) => {
    crossIssues(ctx.value as Feed, (path, code, id) => ctx.issues.push({ code: 'custom', path, message: problemWords(code, id), input: ctx.value }));
  });
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

/** zod's type names, as the problem they are in the feed format's words. */
const TYPE_PROBLEMS: Record<string, 'text' | 'number' | 'list' | 'object' | undefined> = { string: 'text', number: 'number', array: 'list', object: 'object', record: 'object' };

/** Plain words for zod's issue codes, so publishers read "must be text" and not a type dump. */
function zodIssueWords(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return WORDS.required;
      const problem = TYPE_PROBLEMS[issue.expected];
      return problem ? WORDS[problem] : `must be ${issue.expected}`;
    }
    case 'too_big':
      return issue.origin === 'string' ? WORDS.max(String(issue.maximum)) : `must be at most ${String(issue.maximum)}`;
    case 'invalid_key':
      return WORDS.key;
    default:
      return undefined;
  }
}

type FeedSchema = ReturnType<typeof createFeedSchema>;

/** Building the schema costs far more than a parse, so each feed URL's is kept (a few at a time). */
const schemas = new Map<string, FeedSchema>();

function schemaFor(base: string): FeedSchema {
  let schema = schemas.get(base);
  if (!schema) {
    if (schemas.size >= 32) schemas.clear();
    schema = createFeedSchema(base);
    schemas.set(base, schema);
  }
  return schema;
}

/**
 * Validates untrusted feed data. `base` is the URL the feed came from (or the page's URL for
 * inline feeds); relative links are resolved against it. Never throws.
 */
export function parseFeed(data: unknown, base: string): FeedParseResult {
  return guarded<FeedParseResult>(
    data,
    () => {
      const result = schemaFor(base).safeParse(data, { error: zodIssueWords });
      if (result.success) return { ok: true, feed: result.data };
      const [first, ...rest] = result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
      return { ok: false, problems: [first, ...rest] };
    },
    (issue) => ({ ok: false, problems: [describeIssue(issue)] }),
  );
}

/**
 * The feed format as a JSON Schema (draft 2020-12) for editors: titles, descriptions and
 * examples on every field. Rules that tie fields together (unique ids, verdicts naming the two
 * tools) and the exact link check are only in the zod schema.
 */
export function feedJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(createFeedSchema('https://feed.invalid/'), { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
}
