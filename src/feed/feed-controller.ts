/**
 * Decides where the host's feed comes from (the `feed` property, an inline JSON script child, or
 * `src`), loads it, and keeps the outcome. The first source that applies wins; a superseded fetch
 * is aborted, and `loading="lazy"` waits until the host is near the viewport.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { feedFromData, feedFromText, fetchedFeedParser, type FeedError, type FeedResult } from './load-feed.js';
import type { Feed } from '../../contract/feed-schema.js';

export interface FeedHost extends ReactiveControllerHost, HTMLElement {
  feed?: unknown;
  src?: string;
  loading: 'lazy' | 'eager';
  timeout: number;
  readonly hasUpdated: boolean;
}

export type FeedStatus = 'loading' | 'ready' | 'error';

/** How far outside the viewport a lazy widget starts fetching. */
const LAZY_MARGIN = '400px';

/**
 * The network half of feed loading is a chunk beside the bundle, asked for as soon as a widget
 * has a `src` (a lazy one included, so it is there when the widget nears the viewport); pages
 * with inline or prerendered feeds never load it. A failed load is retried next time.
 */
let fetcher: Promise<typeof import('./fetch-feed.js')> | undefined;
function loadFetcher(): Promise<typeof import('./fetch-feed.js')> {
  return (fetcher ??= import('./fetch-feed.js').catch((error: unknown) => {
    fetcher = undefined;
    throw error;
  }));
}

export class FeedController implements ReactiveController {
  status: FeedStatus = 'loading';
  feed?: Feed;
  error?: FeedError;

  readonly #host: FeedHost;
  #sourceKey: unknown;
  #fetchAbort?: AbortController;
  #visibility?: IntersectionObserver;
  /** Watches the inline script (added, removed or edited) while the host is connected. */
  readonly #children = new MutationObserver(() => this.sync());
  #nearViewport = false;

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
    this.#stop();
    // Reconnecting loads again if a fetch was cut short.
    if (this.status === 'loading') this.#sourceKey = undefined;
  }

  /** Re-reads the sources; a no-op when the winning source has not changed. */
  sync(): void {
    const host = this.#host;
    if (host.feed != null) {
      this.#use(host.feed, () => this.#settle(feedFromData(host.feed, document.baseURI)));
      return;
    }
    const script = host.querySelector<HTMLScriptElement>(':scope > script[type="application/json"]');
    if (script) {
      const text = script.textContent as string;
      this.#use(`inline:${text}`, () => this.#settle(feedFromText(text, document.baseURI)));
      return;
    }
    if (host.src) {
      let url: string;
      try {
        url = new URL(host.src, document.baseURI).href;
      } catch {
        const message = `The feed URL "${host.src}" is not a valid URL.`;
        this.#use(`bad-src:${host.src}`, () => this.#settle({ ok: false, error: { code: 'network', message } }));
        return;
      }
      void loadFetcher().catch(() => {});
      const lazy = host.loading !== 'eager' && !this.#nearViewport;
      this.#use(`src:${url}${lazy ? ':lazy' : ''}`, () => (lazy ? this.#watchVisibility() : this.#fetch(url)));
      return;
    }
    this.#use(null, () => this.#setLoading());
  }

  #use(key: unknown, start: () => void): void {
    if (key === this.#sourceKey) return;
    this.#sourceKey = key;
    this.#stop();
    start();
  }

  /** Stops what the current source started: its fetch, or the wait for the viewport. */
  #stop(): void {
    this.#fetchAbort?.abort();
    this.#fetchAbort = undefined;
    this.#visibility?.disconnect();
  }

  #setLoading(): void {
    this.status = 'loading';
    this.feed = undefined;
    this.error = undefined;
    this.#host.requestUpdate();
  }

  #settle(result: FeedResult): void {
    if (result.ok) {
      this.status = 'ready';
      this.feed = result.feed;
      this.error = undefined;
    } else {
      this.status = 'error';
      this.feed = undefined;
      this.error = result.error;
    }
    this.#host.requestUpdate();
  }

  #fetch(url: string): void {
    this.#setLoading();
    const abort = new AbortController();
    this.#fetchAbort = abort;
    loadFetcher()
      .then(
        ({ fetchFeedShared }) => fetchFeedShared(url, abort.signal, this.#host.timeout, fetchedFeedParser),
        (error: unknown): FeedResult => ({
          ok: false,
          error: { code: 'network', message: `The feed could not be fetched: ${(error as Error).message}` },
        }),
      )
      .then(
      (result) => {
        if (abort.signal.aborted) return;
        this.#fetchAbort = undefined;
        this.#settle(result);
      },
      () => {
        // Aborted because a newer source took over: that source reports instead.
      },
    );
  }

  #watchVisibility(): void {
    this.#setLoading();
    this.#visibility = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        // The source's key loses its `:lazy`: the fetch starts, and this observer stops.
        this.#nearViewport = true;
        this.sync();
      },
      { rootMargin: LAZY_MARGIN },
    );
    this.#visibility.observe(this.#host);
  }
}
