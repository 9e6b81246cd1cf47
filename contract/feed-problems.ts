/**
 * The words for every problem a feed can have, shared by both checks: the zod schema in
 * `feed-schema.ts` and the widget's compact check in `feed-check.ts`, which names problems by
 * their code only. The widget loads these words for a bad feed alone, so a good one never
 * downloads them; that is why this module imports nothing.
 */
import type { FeedIssue } from './feed-check.js';
import type { FeedProblem } from './feed-schema.js';

/** Each problem's words; a function takes the rule's figure or the value the problem is about. */
export const PROBLEM_WORDS = {
  required: 'is required',
  text: 'must be text',
  number: 'must be a number',
  list: 'must be a list',
  object: 'must be an object',
  max: (max: string | number) => `must be at most ${max} characters`,
  blank: 'must not be empty',
  slug: 'must be a slug: lowercase letters, digits and dashes, at most 64',
  link: 'only http(s) links are allowed',
  whole: 'must be a whole number ≥ 0',
  date: 'must be a calendar date written YYYY-MM-DD',
  origin: 'must be an origin like https://example.com (no path, no trailing slash)',
  field: 'must be a form field name such as "email"',
  version: 'unsupported schema version (this widget reads version 1)',
  verdict: 'must be "ship" or "skip"',
  method: 'must be "post" or "get"',
  tools: 'must list exactly two tools',
  reviewers: 'must list at most 50 reviewers',
  origins: 'must list at most 50 origins',
  key: 'is not a valid key: keys are tool ids (slugs)',
  proto: 'is not an allowed key',
  deep: (depth: string | number) => `is nested more than ${depth} levels deep`,
  values: (count: string | number) => `has more than ${count} values`,
  read: (reason: string | number) => `could not be read: ${reason}`,
  duplicateTool: (id: string | number) => `duplicate tool id "${id}"`,
  duplicateReviewer: (id: string | number) => `duplicate reviewer id "${id}"`,
  notTool: (id: string | number) => `"${id}" is not one of the two tools`,
} as const;

export type ProblemCode = keyof typeof PROBLEM_WORDS;

/** `['tools', 1, 'url']` → `tools[1].url`; the root is `feed`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || 'feed';
}

/** A problem's words for its code (and figure or value). */
export function problemWords(code: ProblemCode, arg: string | number = ''): string {
  const words: string | ((arg: string | number) => string) = PROBLEM_WORDS[code];
  return typeof words === 'string' ? words : words(arg);
}

/** An issue as publishers read it: `tools[1].url` and plain words. */
export function describeIssue({ path, code, arg }: FeedIssue): FeedProblem {
  return { path: formatPath(path), message: problemWords(code, arg) };
}
