/**
 * The feed controller's handling of sources that change while something is on its way (the fetch
 * chunk, a viewport wait, the words for a bad feed), driven directly with the page's observers
 * and fetch stood in for: the race windows are too short to hit reliably in a browser.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { FeedController as Controller, FeedHost } from '../../src/feed/feed-controller.js';

/** A stand-in IntersectionObserver the test fires by hand. */
class Viewport {
  static all: Viewport[] = [];
  live = true;
  constructor(readonly callback: (entries: { isIntersecting: boolean }[]) => void) {
    Viewport.all.push(this);
  }
  observe(): void {}
  disconnect(): void {
    this.live = false;
  }
  static enter(): void {
    for (const viewport of Viewport.all.filter((each) => each.live)) viewport.callback([{ isIntersecting: true }]);
  }
}

const fetched: string[] = [];
/** The signal each request in `fetched` was made with. */
const signals: AbortSignal[] = [];
const feedAt = (url: string) => ({
  schemaVersion: 1,
  id: new URL(url).pathname.replace(/\W/g, '') || 'feed',
  title: 'T',
  tools: [{ id: 'x', name: 'X' }, { id: 'y', name: 'Y' }],
});

const globals = globalThis as Record<string, unknown>;
const saved = {
  document: globals.document,
  MutationObserver: globals.MutationObserver,
  IntersectionObserver: globals.IntersectionObserver,
  fetch: globals.fetch,
  requestAnimationFrame: globals.requestAnimationFrame,
  innerHeight: globals.innerHeight,
};
/** What the page asked for, resolved as a browser resolves a relative URL. */
const asked = (url: string) => new URL(url, 'https://page.example/posts/').href;

beforeEach(() => {
  Viewport.all = [];
  fetched.length = signals.length = 0;
  globals.document = { baseURI: 'https://page.example/posts/' };
  globals.MutationObserver = class {
    observe(): void {}
    disconnect(): void {}
  };
  globals.IntersectionObserver = Viewport;
  globals.innerHeight = 900;
  globals.requestAnimationFrame = (callback: () => void) => setTimeout(callback);
  globals.fetch = (url: string, init?: RequestInit) => {
    fetched.push(asked(url));
    if (init?.signal) signals.push(init.signal);
    return Promise.resolve(new Response(JSON.stringify(feedAt(asked(url)))));
  };
});

afterEach(() => Object.assign(globals, saved));

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** A lazy widget of `src` laid out in `boxes` (none: hidden). */
const lazyIn = (boxes: { top: number; bottom: number }[], src = 'a.json') =>
  ({ src, getClientRects: () => boxes }) as unknown as Partial<FeedHost>;

/** A lazy widget of `src` on the first screen, where its feed is requested early. */
const onFirstScreen = (src = 'a.json') => lazyIn([{ top: 300, bottom: 900 }], src);

/** A lazy widget on the first screen and an eager one, both showing a.json, on one fresh page, both synced. */
async function lazyAndEager(): Promise<[lazy: Controller, eager: Controller]> {
  const page = freshPage();
  const [lazy] = await controller(onFirstScreen(), page);
  const [eager] = await controller({ src: 'a.json', loading: 'eager' }, page);
  lazy.sync();
  eager.sync();
  return [lazy, eager];
}

/**
 * A controller for `host`, from the page's module (`page`: one of its own, a fresh page whose
 * first `src` has not been requested yet).
 */
async function controller(host: Partial<FeedHost>, page = ''): Promise<[Controller, FeedHost]> {
  const { FeedController } = (await import(`../../src/feed/feed-controller.js${page}`)) as typeof import('../../src/feed/feed-controller.js');
  const full = {
    loading: 'lazy',
    timeout: 10_000,
    hasUpdated: true,
    addController() {},
    requestUpdate() {},
    querySelector: () => null,
    // Below the first screen, unless a test places it.
    getClientRects: () => [{ top: 5_000, bottom: 6_000 }],
    ...host,
  } as unknown as FeedHost;
  return [new FeedController(full), full];
}

describe('the feed controller while things are on their way', () => {
  it('waits and fetches for the current src only, however src went back and forth before the fetch code arrived', async () => {
    const [feeds, host] = await controller({ src: 'a.json' });
    feeds.sync();
    host.src = 'b.json';
    feeds.sync();
    host.src = 'a.json';
    feeds.sync();
    await settle();
    assert.equal(Viewport.all.filter((each) => each.live).length, 1, 'one wait for the viewport');
    host.src = 'c.json';
    feeds.sync();
    await settle();
    Viewport.enter();
    await settle();
    assert.deepEqual(fetched, ['https://page.example/posts/c.json']);
    assert.equal(feeds.status, 'ready');
    assert.equal(feeds.feed?.id, 'postscjson');
  });

  it('starts a waiting lazy src at once when made eager, and leaves a loaded one alone', async () => {
    const [feeds, host] = await controller({ src: 'a.json' });
    feeds.sync();
    await settle();
    assert.deepEqual(fetched, [], 'lazy: waits for the viewport');
    host.loading = 'eager';
    feeds.sync(true);
    await settle();
    assert.deepEqual(fetched, ['https://page.example/posts/a.json']);
    const loaded = feeds.feed;
    host.loading = 'lazy';
    feeds.sync(true);
    host.loading = 'eager';
    feeds.sync(true);
    await settle();
    assert.equal(fetched.length, 1, 'no second fetch');
    assert.equal(feeds.feed, loaded);
    assert.equal(feeds.status, 'ready');
  });

  it('keeps a lazy src that is already being fetched when it is made eager', async () => {
    const answers: (() => void)[] = [];
    globals.fetch = (url: string) => {
      fetched.push(asked(url));
      return new Promise((resolve) => answers.push(() => resolve(new Response(JSON.stringify(feedAt(asked(url)))))));
    };
    const [feeds, host] = await controller({ src: 'a.json' });
    feeds.sync();
    await settle();
    Viewport.enter();
    await settle();
    assert.deepEqual(fetched, ['https://page.example/posts/a.json'], 'near the viewport: fetching');
    host.loading = 'eager';
    feeds.sync(true);
    await settle();
    for (const answer of answers) answer();
    await settle();
    assert.equal(fetched.length, 1, 'no second fetch');
    assert.equal(feeds.status, 'ready');
  });

  it("keeps an eager fetch going when the widget's children change meanwhile", async () => {
    const answers: ((response: Response) => void)[] = [];
    globals.fetch = (url: string) => {
      fetched.push(asked(url));
      return new Promise<Response>((resolve) => answers.push(resolve));
    };
    const [feeds] = await controller({ src: 'a.json', loading: 'eager' });
    feeds.sync();
    await settle();
    feeds.sync();
    await settle();
    for (const answer of answers) answer(new Response(JSON.stringify(feedAt('https://page.example/posts/a.json'))));
    await settle();
    assert.deepEqual(fetched, ['https://page.example/posts/a.json']);
    assert.equal(feeds.status, 'ready');
  });

  it('explains a bad feed once when the widget is moved while the words are on their way', async () => {
    const [feeds] = await controller({ feed: { schemaVersion: 1 } });
    const explanations = new Set<unknown>();
    feeds.sync();
    feeds.hostDisconnected();
    await settle();
    if (feeds.explained) explanations.add(feeds.explained);
    feeds.hostConnected();
    await feeds.pending;
    await settle();
    if (feeds.explained) explanations.add(feeds.explained);
    assert.equal(explanations.size, 1);
    assert.equal(feeds.status, 'error');
    assert.equal(feeds.explained?.detail.code, 'invalid');
  });
});

let pages = 0;
const freshPage = () => `?page=${(pages += 1)}`;

describe("a page's first src to load now", () => {
  it('is requested at once, before the code that fetches feeds has arrived, which then takes it over', async () => {
    const [feeds] = await controller({ src: 'a.json', loading: 'eager' }, freshPage());
    feeds.sync();
    assert.deepEqual(fetched, ['https://page.example/posts/a.json'], 'requested before anything was awaited');
    await settle();
    assert.equal(fetched.length, 1, 'not requested again');
    assert.equal(feeds.status, 'ready');
    assert.equal(feeds.feed?.id, 'postsajson');
  });

  it("reads no layout for an eager widget: it loads wherever it is", async () => {
    const [feeds] = await controller({ src: 'a.json', loading: 'eager', getClientRects: () => assert.fail('layout read') }, freshPage());
    feeds.sync();
    assert.deepEqual(fetched, ['https://page.example/posts/a.json']);
  });

  it('starts a lazy widget as early as the fetching code does: within the same margin of the viewport', async () => {
    const { LAZY_MARGIN } = await import('../../src/feed/fetch-feed.js');
    for (const [edge, early] of [[899 + Number.parseInt(LAZY_MARGIN), true], [901 + Number.parseInt(LAZY_MARGIN), false]] as const) {
      fetched.length = 0;
      const [feeds] = await controller(lazyIn([{ top: edge, bottom: edge + 600 }]), freshPage());
      feeds.sync();
      assert.equal(fetched.length, early ? 1 : 0, `top at ${edge} px`);
    }
  });

  it('is shared with a second widget showing it', async () => {
    const page = freshPage();
    const [first] = await controller({ src: 'a.json', loading: 'eager' }, page);
    const [second] = await controller({ src: 'a.json', loading: 'eager' }, page);
    first.sync();
    second.sync();
    await settle();
    assert.deepEqual(fetched, ['https://page.example/posts/a.json']);
    assert.deepEqual([first.status, second.status], ['ready', 'ready']);
  });

  it('is called off when the widget moves on before the fetching code arrives', async () => {
    const [feeds, host] = await controller({ src: 'a.json', loading: 'eager' }, freshPage());
    feeds.sync();
    host.src = 'b.json';
    feeds.sync();
    assert.equal(signals[0].aborted, true, 'the first request called off');
    await settle();
    assert.deepEqual(fetched, ['https://page.example/posts/a.json', 'https://page.example/posts/b.json']);
    assert.equal(feeds.feed?.id, 'postsbjson');
  });

  it('is requested at once for a lazy widget on the first screen, and taken over when the widget enters the viewport', async () => {
    const [feeds] = await controller(onFirstScreen(), freshPage());
    feeds.sync();
    assert.deepEqual(fetched, ['https://page.example/posts/a.json'], 'requested before anything was awaited');
    await settle();
    assert.equal(feeds.status, 'loading', 'shown only once the widget nears the viewport');
    Viewport.enter();
    await settle();
    assert.equal(fetched.length, 1, 'not requested again');
    assert.equal(feeds.feed?.id, 'postsajson');
  });

  it('waits for the viewport as before for a lazy widget further down the page', async () => {
    const [feeds] = await controller({ src: 'a.json' }, freshPage());
    feeds.sync();
    await settle();
    assert.deepEqual(fetched, [], 'lazy: waits for the viewport');
    Viewport.enter();
    await settle();
    assert.deepEqual(fetched, ['https://page.example/posts/a.json']);
    assert.equal(feeds.status, 'ready');
  });

  it('is called off for a lazy widget that moves on before it nears the viewport', async () => {
    const [feeds, host] = await controller(onFirstScreen(), freshPage());
    feeds.sync();
    // The fetching code is here and the widget waits for the viewport.
    await settle();
    host.src = 'b.json';
    feeds.sync();
    assert.equal(signals[0].aborted, true, 'the early request called off');
  });

  it('serves an eager widget showing the same feed, which takes it over before the lazy widget nears', async () => {
    const [lazy, eager] = await lazyAndEager();
    await settle();
    assert.deepEqual([eager.status, lazy.status], ['ready', 'loading']);
    assert.deepEqual(fetched, ['https://page.example/posts/a.json'], 'the eager widget took the early request over');
    Viewport.enter();
    await settle();
    assert.deepEqual([lazy.status, lazy.feed?.id], ['ready', 'postsajson']);
  });

  it("is shared by the lazy widget that nears while another widget's request for the feed is under way", async () => {
    let answer = () => {};
    globals.fetch = (url: string) => {
      fetched.push(asked(url));
      return new Promise((resolve) => (answer = () => resolve(new Response(JSON.stringify(feedAt(asked(url)))))));
    };
    const [lazy, eager] = await lazyAndEager();
    await settle();
    Viewport.enter();
    await settle();
    answer();
    await settle();
    assert.deepEqual([lazy.status, eager.status], ['ready', 'ready']);
    assert.deepEqual(fetched, ['https://page.example/posts/a.json'], 'one request for both');
  });

  it('is not made for a lazy widget that is hidden or far above the viewport', async () => {
    for (const boxes of [[], [{ top: -3_000, bottom: -2_000 }]]) {
      const [feeds] = await controller(lazyIn(boxes), freshPage());
      feeds.sync();
      assert.deepEqual(fetched, [], JSON.stringify(boxes));
    }
  });

  it('is looked at once per page: a later widget on the first screen waits for the viewport', async () => {
    const page = freshPage();
    const measured: string[] = [];
    const [below] = await controller({ src: 'a.json', getClientRects: () => (measured.push('below'), [{ top: 5_000, bottom: 6_000 }]) } as unknown as Partial<FeedHost>, page);
    const [onScreen] = await controller({ src: 'b.json', getClientRects: () => (measured.push('on screen'), [{ top: 300, bottom: 900 }]) } as unknown as Partial<FeedHost>, page);
    below.sync();
    onScreen.sync();
    assert.deepEqual(measured, ['below'], 'one layout read per page');
    assert.deepEqual(fetched, []);
  });

  it("ends in a network error, not a placeholder for ever, when the page's fetch throws at once", async () => {
    // Some pages wrap fetch, and some wrappers throw on what they do not expect (a relative URL).
    globals.fetch = () => {
      throw new TypeError('the wrapper expected an absolute URL');
    };
    const [feeds] = await controller({ src: 'a.json', loading: 'eager' }, freshPage());
    feeds.sync();
    await settle();
    await feeds.pending;
    assert.equal(feeds.status, 'error');
    assert.equal(feeds.explained?.detail.code, 'network');
  });
});
