/**
 * Widgets on one page that show the same `src` at the same time share one request: ten embeds of
 * a comparison cost one fetch. The request is aborted only when every widget waiting for it has
 * moved on; its timeout is the first widget's.
 */
import { fetchFeed, type FeedResult } from './load-feed.js';

interface InFlight {
  result: Promise<FeedResult>;
  abort: AbortController;
  waiting: number;
}

const inFlight = new Map<string, InFlight>();

export function fetchFeedShared(url: string, signal: AbortSignal, timeoutMs: number): Promise<FeedResult> {
  let shared = inFlight.get(url);
  if (!shared) {
    const abort = new AbortController();
    const entry: InFlight = { result: fetchFeed(url, abort.signal, timeoutMs), abort, waiting: 0 };
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
