/** Getting a feed from text, with every failure turned into a FeedFailure. */
import { MAX_FEED_BYTES, MAX_FEED_DEPTH, findFeedIssues, type FeedIssue } from '../../contract/feed-check.js';
import type { Feed, FeedProblem } from '../../contract/feed-schema.js';
import { prepareFormatting } from '../i18n/format.js';

export type FeedErrorCode = 'network' | 'http' | 'timeout' | 'parse' | 'invalid' | 'too-large';

export interface FeedError {
  code: FeedErrorCode;
  /** What went wrong, in plain words (for publishers; readers see a short localized line). */
  message: string;
  /** The first bad path of an invalid feed, like `tools[1].url`. */
  path?: string;
  /** Every problem of an invalid feed, the first one first. */
  problems?: FeedProblem[];
  /** The HTTP status, for `http` errors. */
  status?: number;
}

/**
 * Why a feed cannot be shown, before it is put into words for the publisher (`explain-feed.ts`,
 * loaded only then): a FeedError whose message may still be missing, with the check's issues of
 * an invalid feed, the `src` that is not a URL, or the detail (the parser's or the network's
 * complaint, the size limit).
 */
export type FeedFailure = Omit<FeedError, 'message'> & {
  message?: string;
  issues?: [FeedIssue, ...FeedIssue[]];
  url?: string;
  detail?: string | number;
};

export type FeedResult = { ok: true; feed: Feed } | { ok: false; error: FeedFailure };

/** Validates already-parsed data (the `feed` property). */
export function feedFromData(data: unknown, base: string): FeedResult {
  const checked = findFeedIssues(data, base);
  return checked.ok ? checked : { ok: false, error: { code: 'invalid', issues: checked.issues } };
}

/** Parses and validates JSON text of any size (an inline script child). */
export const feedFromText = (text: string, base: string): FeedResult => {
  // No code unit takes more than 3 bytes of UTF-8, so most feeds need no count. Otherwise a Blob
  // of the text is as many bytes as its UTF-8 (making one costs more than parsing the JSON).
  return text.length * 3 > MAX_FEED_BYTES && new Blob([text]).size > MAX_FEED_BYTES ? tooLarge() : feedFromJson(text, base);
};

/**
 * Parses and validates JSON text already known to be within the size limit; `undefined` stands
 * for a body that proved larger (what the network half, `fetch-feed.ts`, hands back).
 */
export function feedFromJson(text: string | undefined, base: string): FeedResult {
  if (text === undefined) return tooLarge();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // Engines that parse recursively run out of stack on deep nesting (a RangeError or an
    // InternalError, never a SyntaxError): that breaks the depth rule, it is not bad JSON.
    if (!(error instanceof SyntaxError)) return { ok: false, error: { code: 'invalid', issues: [{ path: [], code: 'deep', arg: MAX_FEED_DEPTH }] } };
    return { ok: false, error: { code: 'parse', detail: (error as Error).message } };
  }
  return feedFromData(data, base);
}

/**
 * How `fetch-feed.ts` reads a feed from the network: the request (CORS, no credentials, JSON
 * asked for), the size limit it reads a body up to, the parser it applies to the body, and what
 * the render after it will need, prepared while the request is on its way.
 */
export const feedReader = Object.assign(feedFromJson, {
  limit: MAX_FEED_BYTES,
  // Async: a page's fetch wrapper that throws (on a relative URL, say) rejects instead.
  request: async (url: string, signal: AbortSignal) =>
    fetch(url, { mode: 'cors', credentials: 'omit', headers: { accept: 'application/json' }, signal }),
  prepare: prepareFormatting,
});

function tooLarge(): FeedResult {
  return { ok: false, error: { code: 'too-large', detail: MAX_FEED_BYTES } };
}
