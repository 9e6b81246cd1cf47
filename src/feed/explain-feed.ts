/**
 * Putting a feed that cannot be shown into words, a chunk of its own beside the bundle: a page
 * whose feeds are fine never loads it. It imports nothing from the bundle.
 */
import { describeIssue } from '../../contract/feed-problems.js';
import type { FeedErrorDetail } from '../events.js';
import { enErrorWords } from '../i18n/en-errors.js';
import type { UiStrings } from '../i18n/en.js';
import type { Values } from '../i18n/translate.js';
import type { FeedErrorCode, FeedFailure } from './load-feed.js';

/** A failure in words: for the page (the event), the publisher (the console) and readers. */
export interface Explained {
  /** The error: what the `ai-compare-error` event carries. */
  detail: FeedErrorDetail;
  /** The line logged to the console. */
  log: string;
  /** The reader's sentence, as a message of the widget's words in the page's language. */
  reason?: [key: keyof UiStrings, values?: Values];
  /** The English words for errors (other languages carry theirs). */
  words?: Partial<UiStrings>;
}

/** The words that say why a feed could not be shown. */
const REASONS = {
  network: 'errorNetwork',
  http: 'errorHttp',
  timeout: 'errorTimeout',
  parse: 'errorParse',
  invalid: 'errorInvalid',
  'too-large': 'errorTooLarge',
} as const satisfies Record<FeedErrorCode, keyof UiStrings>;

export function explainFailure(failure: FeedFailure): Explained {
  const { code, status, detail } = failure;
  const reason: Explained['reason'] =
    code === 'http' && status ? ['errorStatus', { status: String(status) }] : [REASONS[code], { size: Number(detail) / 1024 }];
  return { ...forThePublisher(failure), reason, words: enErrorWords };
}

/** The event's detail and the console line. */
function forThePublisher({ issues, detail, url, code, message: given }: FeedFailure): Pick<Explained, 'detail' | 'log'> {
  if (issues) {
    const problems = issues.map(describeIssue);
    const [{ path, message }] = problems;
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const list = problems.map((problem) => `\n  ${problem.path}: ${problem.message}`).join('');
    return { detail: { code, message: `${path}: ${message}`, path, problems }, log: `<ai-compare>: the feed is invalid (${count}):${list}` };
  }
  const message =
    given ??
    (url !== undefined
      ? `The feed URL "${url}" is not a valid URL.`
      : code === 'parse'
        ? `The feed is not JSON: ${detail}`
        : code === 'too-large'
          ? `The feed is larger than ${detail} bytes.`
          : `The feed could not be fetched: ${detail}`);
  return { detail: { code, message }, log: `<ai-compare>: ${message}` };
}
