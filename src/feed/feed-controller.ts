/**
 * Decides where the host's feed comes from (the `feed` property, an inline JSON script child, or
 * `src`), loads it, and keeps the outcome. The first source that applies wins; a superseded fetch
 * is aborted, and `loading="lazy"` waits until the host is near the viewport.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { feedFromData, feedFromText, feedReader, type FeedFailure, type FeedResult } from './load-feed.js';
import type { Feed } from '../../contract/feed-schema.js';
import type { Explained } from './explain-feed.js';
import type { EarlyRequest, StopSource } from './fetch-feed.js';

export interface FeedHost extends ReactiveControllerHost, HTMLElement {
  feed?: unknown;
  src?: string;
  loading: 'lazy' | 'eager';
  timeout: number;
  readonly hasUpdated: boolean;
}

export type FeedStatus = 'loading' | 'ready' | 'error';

/** A chunk beside the bundle, loaded the first time it is asked for (and again after a failed load). */
function chunk<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

/**
 * The network half of feed loading (the wait for the viewport included), asked for as soon as a
 * widget has a `src`; pages with inline or prerendered feeds never load it.
 */
const loadFetcher = chunk(() => import('./fetch-feed.js'));

/** Set once the page's first `src` has been looked at for a request ahead of the fetching chunk. */
let requestedEarly = false;

/** The words for a feed that cannot be shown; only such a feed loads them. */
const loadExplainer = chunk(() => import('./explain-feed.js'));

export class FeedController implements ReactiveController {
  status: FeedStatus = 'loading';
  // These three are declared only: each stays undefined until set.
  declare feed?: Feed;
  /** The error in words for the page, the publisher and readers, once it is. */
  declare explained?: Explained;
  /** Set while a failure is being put into words; the widget keeps what it shows until then. */
  declare pending?: Promise<unknown>;

  readonly #host: FeedHost;
  #sourceKey: unknown;
  /** Stops what the current source started: the wait for the viewport, or the fetch. */
  #stop?: () => void;
  /** Ends the current `src`'s wait for the viewport, once its fetch code is here. */
  #now?: () => void;
  /** Watches the inline script (added, removed or edited) while the host is connected. */
  readonly #children = new MutationObserver(() => this.sync());

  constructor(host: FeedHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#children.observe(this.#host, { childList: true, subtree: true, characterData: true });
    // Moved or re-attached (a framework re-parenting it, say): pick up where disconnect left off.
    if (this.#host.hasUpdated) this.sync();
  }

  hostDisconnected(): void {
    this.#children.disconnect();
    this.#stop?.();
    // Reconnecting loads again if a fetch was stopped, or explains the failure again if its words
    // were still on their way (the words that arrive meanwhile are dropped, so it is told once).
    if (this.status === 'loading') this.#sourceKey = this.pending = undefined;
  }

  /**
   * Re-reads the sources; a no-op when the winning source has not changed, except that a lazy
   * `src` still waiting for the viewport starts at once when `loading` has just been made eager.
   */
  sync(loadingChanged?: boolean): void {
    const host = this.#host;
    const { feed, src } = host;
    const script = host.querySelector<HTMLScriptElement>(':scope > script[type="application/json"]');
    if (feed != null) {
      this.#use(feed, () => this.#settle(feedFromData(feed, document.baseURI)));
    } else if (script) {
      const text = script.textContent as string;
      this.#use(`inline:${text}`, () => this.#settle(feedFromText(text, document.baseURI)));
    } else if (src) {
      const key = `src:${src}`;
      if (loadingChanged && key === this.#sourceKey && host.loading === 'eager') this.#now?.();
      this.#use(key, () => {
        this.#show('loading');
        // The page's first `src` is requested at once if it is to load now (eager, or lazy and
        // shown within the margin a lazy widget starts at), beside the chunk that fetches feeds
        // rather than after it: one round trip sooner. The chunk takes the request over when the
        // load starts (or calls it off: the widget moved on first, another widget's request for
        // it is under way by then). Measured once per page: the only layout this code reads.
        const abort = new AbortController();
        let early: EarlyRequest | undefined;
        if (!requestedEarly) {
          requestedEarly = true;
          // Hidden or not in the page, a widget has no box (read only for a lazy one).
          let box: DOMRect | undefined;
          if (host.loading === 'eager' || ((box = host.getClientRects()[0]) && box.top < innerHeight + 400 && box.bottom > -400)) {
            feedReader.prepare();
            // Relative to the page, as the chunk resolves it.
            const response = feedReader.request(src, abort.signal);
            // Called off before the chunk took it over (or no URL at all), it rejects, and
            // nobody needs to hear.
            response.catch(() => {});
            early = [response, abort];
          }
        }
        // Until the chunk is here, stopping means not starting (and calling off an early request).
        let stopped = false;
        let stop: StopSource = () => {
          stopped = true;
          abort.abort();
        };
        this.#stop = () => stop();
        this.#now = () => stop.now?.();
        loadFetcher().then(
          ({ loadSource }) => {
            if (!stopped) stop = loadSource(host, src, host.loading === 'eager', feedReader, (result) => this.#settle(result), early);
          },
          (error: Error) => {
            abort.abort();
            if (!stopped) this.#fail({ code: 'network', detail: error.message });
          },
        );
      });
    } else {
      this.#use(null, () => this.#show('loading'));
    }
  }

  #use(key: unknown, start: () => void): void {
    if (key === this.#sourceKey) return;
    this.#sourceKey = key;
    this.#stop?.();
    this.#stop = undefined;
    start();
  }

  /** Shows a state now; whatever was still being put into words is dropped. */
  #show(status: FeedStatus, feed?: Feed): void {
    this.pending = undefined;
    this.status = status;
    this.feed = feed;
    this.#host.requestUpdate();
  }

  #settle(result: FeedResult): void {
    if (result.ok) this.#show('ready', result.feed);
    else this.#fail(result.error);
  }

  /** Shows the failure once it is in words; a newer source or failure supersedes it. */
  #fail(failure: FeedFailure): void {
    const pending: Promise<unknown> = (this.pending = loadExplainer()
      .then(
        ({ explainFailure }) => explainFailure(failure),
        // Without the words (offline, blocked), the reader still gets the error panel.
        (): Explained => {
          const message = failure.message ?? failure.code;
          return { detail: { code: failure.code, message }, log: message };
        },
      )
      .then((explained) => {
        if (this.pending !== pending) return;
        this.explained = explained;
        this.#show('error');
      }));
  }
}
