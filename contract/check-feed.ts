/**
 * The compact feed check with its words: validates untrusted feed data exactly as `parseFeed`
 * does (same verdict, same problems in the same words), without zod. The editor and the tests use
 * it; the widget keeps the two halves apart so that only a bad feed loads the words.
 */
import { findFeedIssues } from './feed-check.js';
import { describeIssue } from './feed-problems.js';
import type { FeedParseResult, FeedProblem } from './feed-schema.js';

/** `base` is the URL the feed came from (or the page's URL for inline feeds); relative links are resolved against it. */
export function checkFeed(data: unknown, base: string): FeedParseResult {
  const result = findFeedIssues(data, base);
  if (result.ok) return result;
  return { ok: false, problems: result.issues.map(describeIssue) as [FeedProblem, ...FeedProblem[]] };
}
