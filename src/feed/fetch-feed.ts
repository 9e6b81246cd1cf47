/**
 * The network half of feed loading, a chunk of its own beside the bundle: only widgets with a
 * `src` load it. It waits for a lazy widget to near the viewport and fetches. It imports nothing
 * from the bundle; how to request and parse a feed comes in as an argument.
 *
 * Widgets on one page that show the same `src` at the same time share one request: ten embeds of
 * a comparison cost one fetch. The request is aborted only when every widget waiting for it has
 * moved on; its timeout is the first widget's.
 */
import { readLimitedBytes } from '../../contract/read-limited.js';
import { TimeoutError, withTimeout } from '../../contract/timed-fetch.js';
import type { FeedResult } from './load-feed.js';

/**
 * Parses a feed's text (`undefined` stands for a body larger than `limit` bytes), and makes the
 * request for one.
 */
export interface FeedReader {
  (text: string | undefined, base: string): FeedResult;
  limit: number;
  request(url: string, signal: AbortSignal): Promise<Response>;
  /** Called as a request starts: the main thread has time to spare until it is answered. */
  prepare(): void;
}

/**
 * A request for a feed the bundle started before this chunk was here, with what calls it off:
 * the chunk takes it over instead of asking again.
 */
export type EarlyRequest = [response: Promise<Response>, abort: AbortController];

interface InFlight {
  result: Promise<FeedResult>;
  abort: AbortController;
  waiting: number;
}

const inFlight = new Map<string, InFlight>();

/**
 * Requests the bundle started early, by URL, until a load of that URL starts: whichever widget's
 * starts first takes the request over, so a lazy widget's early request serves an eager widget
 * showing the same feed, and the other way round.
 */
const unclaimed = new Map<string, EarlyRequest>();

/** How far outside the viewport a lazy widget starts fetching. */
export const LAZY_MARGIN = '400px';

/** Stops a source's wait or fetch (`done` is not called); `now` ends a lazy wait and fetches. */
export type StopSource = (() => void) & { now?: () => void };

/**
 * Loads `src` (relative to the page) for `host`, at once when `eager`, else once the host nears
 * the viewport, and hands the result to `done`. An `early` request for the same feed is taken
 * over by the first load of its URL to start, this one or another widget's, unless a request for
 * it is under way by then; else, or when this source stops before anything took it over, it is
 * called off.
 */
export function loadSource(
  host: Element & { timeout: number },
  src: string,
  eager: boolean,
  read: FeedReader,
  done: (result: FeedResult) => void,
  early?: EarlyRequest,
): StopSource {
  let url: string;
  try {
    url = new URL(src, document.baseURI).href;
  } catch {
    // An early request for it failed the same way, before reaching the network.
    done({ ok: false, error: { code: 'network', url: src } });
    return () => {};
  }
  if (early) unclaimed.set(url, early);
  // Calls this widget's early request off, unless a load has taken it over.
  const callOff = () => {
    if (!early || unclaimed.get(url) !== early) return;
    unclaimed.delete(url);
    early[1].abort();
  };
  const abort = new AbortController();
  const start = () => {
    const held = unclaimed.get(url);
    unclaimed.delete(url);
    const claimed = held && !inFlight.has(url) ? takeOver(held, read) : undefined;
    if (!claimed) held?.[1].abort();
    fetchFeedShared(url, abort.signal, host.timeout, claimed ?? read).then(done, () => {
      // Stopped: a newer source reports instead.
    });
    read.prepare();
  };
  if (eager) {
    start();
    return () => abort.abort();
  }
  let waiting = true;
  const now = () => {
    near.disconnect();
    if (waiting && !abort.signal.aborted) start();
    waiting = false;
  };
  const near = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && now(), { rootMargin: LAZY_MARGIN });
  near.observe(host);
  return Object.assign(
    () => {
      near.disconnect();
      abort.abort();
      callOff();
    },
    { now },
  );
}

/**
 * `read`, its request being `early`, already on its way: the time limit and the callers' signal
 * call it off from now on.
 */
function takeOver([response, stop]: EarlyRequest, read: FeedReader): FeedReader {
  const request = (_url: string, signal: AbortSignal) => {
    if (signal.aborted) stop.abort();
    signal.addEventListener('abort', () => stop.abort());
    return response;
  };
  return Object.assign((text: string | undefined, base: string) => read(text, base), read, { request });
}

export function fetchFeedShared(url: string, signal: AbortSignal, timeoutMs: number, read: FeedReader): Promise<FeedResult> {
  let shared = inFlight.get(url);
  if (!shared) {
    const abort = new AbortController();
    const entry: InFlight = { result: fetchFeed(url, abort.signal, timeoutMs, read), abort, waiting: 0 };
    const forget = () => {
      if (inFlight.get(url) === entry) inFlight.delete(url);
    };
    entry.result.then(forget, forget);
    inFlight.set(url, entry);
    shared = entry;
  }
  const entry = shared;
  entry.waiting += 1;
  return new Promise<FeedResult>((resolve, reject) => {
    const leave = () => {
      signal.removeEventListener('abort', onAbort);
      entry.waiting -= 1;
    };
    const onAbort = () => {
      leave();
      if (entry.waiting === 0) {
        if (inFlight.get(url) === entry) inFlight.delete(url);
        entry.abort.abort();
      }
      reject(signal.reason);
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort);
    entry.result.then(
      (result) => {
        if (signal.aborted) return;
        leave();
        resolve(result);
      },
      (error: unknown) => {
        if (signal.aborted) return;
        leave();
        reject(error);
      },
    );
  });
}

/**
 * Fetches a feed with `read`'s request, aborted by `signal` (a newer source) or after
 * `timeoutMs`. Resolves with a result; it only rejects when `signal` aborted it.
 */
export async function fetchFeed(url: string, signal: AbortSignal, timeoutMs: number, read: FeedReader): Promise<FeedResult> {
  try {
    return await withTimeout(timeoutMs, signal, async (timed) => {
      const response = await read.request(url, timed);
      if (!response.ok) {
        // Nobody reads an error page: cancelling it frees the connection (the network goes idle).
        response.body?.cancel().catch(() => {});
        return {
          ok: false,
          error: { code: 'http', status: response.status, message: `The feed server answered ${response.status}.` },
        };
      }
      const bytes = await readLimitedBytes(response, read.limit);
      return read(bytes && new TextDecoder().decode(bytes), response.url || url);
    });
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof TimeoutError) {
      return { ok: false, error: { code: 'timeout', message: `The feed did not arrive within ${timeoutMs} ms.` } };
    }
    return { ok: false, error: { code: 'network', detail: (error as Error).message } };
  }
}
