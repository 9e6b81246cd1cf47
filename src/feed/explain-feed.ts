/**
 * Putting a feed that cannot be shown into words for its publisher, a chunk of its own beside the
 * bundle: a page whose feeds are fine never loads it. It imports nothing from the bundle.
 */
import { describeIssue } from '../../contract/feed-problems.js';
import { enErrorWords } from '../i18n/en-errors.js';
import type { FeedError, FeedFailure } from './load-feed.js';

/** The English words that tell readers why (other languages' come with them). */
export { enErrorWords as words };

/** The error as the `ai-compare-error` event carries it, and the line logged to the console. */
export function explainFailure({ issues, detail, url, ...failure }: FeedFailure): { error: FeedError; log: string } {
  if (issues) {
    const problems = issues.map(describeIssue);
    const [{ path, message }] = problems;
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const list = problems.map((problem) => `\n  ${problem.path}: ${problem.message}`).join('');
    return {
      error: { ...failure, message: `${path}: ${message}`, path, problems },
      log: `<ai-compare>: the feed is invalid (${count}):${list}`,
    };
  }
  const message =
    failure.message ??
    (url !== undefined
      ? `The feed URL "${url}" is not a valid URL.`
      : failure.code === 'parse'
        ? `The feed is not JSON: ${detail}`
        : failure.code === 'too-large'
          ? `The feed is larger than ${detail} bytes.`
          : `The feed could not be fetched: ${detail}`);
  return { error: { ...failure, message }, log: `<ai-compare>: ${message}` };
}
