/** Getting a feed from text or from the network, with every failure turned into a FeedError. */
import { readLimitedBytes } from '../../contract/read-limited.js';
import { MAX_FEED_BYTES, TOO_DEEP, checkFeed } from '../../contract/feed-check.js';
import type { Feed, FeedProblem } from '../../contract/feed-schema.js';
import { TimeoutError, withTimeout } from '../../contract/timed-fetch.js';

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

export type FeedResult = { ok: true; feed: Feed } | { ok: false; error: FeedError };

const encoder = new TextEncoder();

/** Validates already-parsed data (the `feed` property). */
export function feedFromData(data: unknown, base: string): FeedResult {
  const parsed = checkFeed(data, base);
  return parsed.ok ? parsed : invalid(parsed.problems);
}

function invalid(problems: [FeedProblem, ...FeedProblem[]]): FeedResult {
  const [{ path, message }] = problems;
  return { ok: false, error: { code: 'invalid', path, message: `${path}: ${message}`, problems } };
}

/** Parses and validates JSON text of any size (an inline script child). */
export function feedFromText(text: string, base: string): FeedResult {
  return encoder.encode(text).length > MAX_FEED_BYTES ? tooLarge() : feedFromJson(text, base);
}

/** Parses and validates JSON text already known to be within the size limit. */
function feedFromJson(text: string, base: string): FeedResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // Engines that parse recursively run out of stack on deep nesting (a RangeError or an
    // InternalError, never a SyntaxError): that breaks the depth rule, it is not bad JSON.
    if (!(error instanceof SyntaxError)) return invalid([{ path: 'feed', message: TOO_DEEP }]);
    return { ok: false, error: { code: 'parse', message: `The feed is not JSON: ${(error as Error).message}` } };
  }
  return feedFromData(data, base);
}

function tooLarge(): FeedResult {
  return { ok: false, error: { code: 'too-large', message: `The feed is larger than ${MAX_FEED_BYTES} bytes.` } };
}

/**
 * Fetches a feed: CORS, no credentials, aborted by `signal` (a newer source) or after
 * `timeoutMs`. Resolves with a result; it only rejects when `signal` aborted it.
 */
export async function fetchFeed(url: string, signal: AbortSignal, timeoutMs: number): Promise<FeedResult> {
  try {
    return await withTimeout(timeoutMs, signal, async (timed) => {
      const response = await fetch(url, {
        mode: 'cors',
        credentials: 'omit',
        headers: { accept: 'application/json' },
        signal: timed,
      });
      if (!response.ok) {
        // Nobody reads an error page: cancelling it frees the connection (the network goes idle).
        response.body?.cancel().catch(() => {});
        return {
          ok: false,
          error: { code: 'http', status: response.status, message: `The feed server answered ${response.status}.` },
        };
      }
      const bytes = await readLimitedBytes(response, MAX_FEED_BYTES);
      if (!bytes) return tooLarge();
      return feedFromJson(new TextDecoder().decode(bytes), response.url || url);
    });
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof TimeoutError) {
      return { ok: false, error: { code: 'timeout', message: `The feed did not arrive within ${timeoutMs} ms.` } };
    }
    return { ok: false, error: { code: 'network', message: `The feed could not be fetched: ${(error as Error).message}` } };
  }
}
