/**
 * A page's first `src` feed is requested beside the chunk that fetches feeds, and that chunk takes
 * the request over when it arrives (the order itself is tested in tests/node/feed-controller.test.ts,
 * where the chunk's arrival can be held back). Here, in real engines, what readers and publishers
 * would notice if the hand-over went wrong: a second request, a request left running, an error on
 * the page. Each case runs in a frame of its own: a fresh page, whose first feed it is.
 */
import { expect } from '@open-wc/testing';
import type { AiCompare } from '../../src/ai-compare.js';
import { part, text, until } from '../helpers/dom.js';
import { LAUNCH_FEED_URL } from '../helpers/feeds.js';

interface Watched {
  /** Every fetch the page made, with the signal that can call it off and the code that made it. */
  requests: { url: string; signal?: AbortSignal; stack: string }[];
  pageErrors: string[];
}

// Runs before the widget's code: notes every request the page makes.
const WATCH_REQUESTS = `<script>
window.requests = [];
const fetchAsBefore = window.fetch;
window.fetch = (input, init) => {
  window.requests.push({ url: String(input), signal: init && init.signal, stack: String(new Error().stack) });
  const answer = fetchAsBefore(input, init);
  window.onRequest?.(String(input));
  return answer;
};
</script>`;

/** The modules of the chunk that fetches feeds, as the test server serves them one by one. */
const FETCHING_CODE = ['/src/feed/fetch-feed.ts', '/contract/timed-fetch.ts', '/contract/read-limited.ts'];

/** Resolves once the frame has loaded the code that fetches feeds, and `ms` more for it to run. */
async function fetchingCodeRan(frame: HTMLIFrameElement, ms: number): Promise<void> {
  const loaded = () => frame.contentWindow!.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
  await until(() => FETCHING_CODE.every((path) => loaded().includes(path)), 'the fetching code');
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** A fresh page with the widget's code and `body`. */
async function freshPage(body: string, use: (frame: HTMLIFrameElement, page: Watched) => Promise<void>): Promise<void> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="en"><head>${WATCH_REQUESTS}<script src="/test-feed/error-listen.js"></script><script type="module" src="/src/define.ts"></script></head><body>${body}</body></html>`;
  document.body.append(frame);
  try {
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    await use(frame, frame.contentWindow as unknown as Watched);
  } finally {
    frame.remove();
  }
}

describe('<ai-compare src>, the first on a page', () => {
  it('is requested once for every widget showing it, and shown in each', async () => {
    const src = `${LAUNCH_FEED_URL}?first=${Math.random()}`;
    await freshPage(`<ai-compare loading="eager" no-votes src="${src}"></ai-compare>`.repeat(2), async (frame, page) => {
      const all = () => [...frame.contentDocument!.querySelectorAll<AiCompare>('ai-compare')];
      await until(() => all().every((el) => el.state === 'ready'), 'both comparisons', 10_000);
      expect(all().map((el) => text(part(el, 'title')[0]))).to.deep.equal(['Cursor 1.0 vs SmolVLM2-2B', 'Cursor 1.0 vs SmolVLM2-2B']);
      expect(page.requests.filter((request) => request.url.endsWith(src))).to.have.length(1);
      expect(page.pageErrors).to.deep.equal([]);
    });
  });

  it('is called off when the widget moves on to another feed before the fetching code is here', async () => {
    const first = `/test-feed/endless/ok/first-${Math.random()}`;
    // The widget moves on as soon as its first request is made, in the same task: the fetching
    // code, a module loaded with import(), cannot have run yet.
    const moveOn = `<script>
window.onRequest = (url) => {
  if (url.endsWith('${first}')) queueMicrotask(() => (document.querySelector('ai-compare').src = '${LAUNCH_FEED_URL}'));
};
</script>`;
    await freshPage(`${moveOn}<ai-compare loading="eager" no-votes src="${first}"></ai-compare>`, async (frame, page) => {
      const widget = frame.contentDocument!.querySelector<AiCompare>('ai-compare')!;
      await until(() => widget.state === 'ready', 'the newer feed', 10_000);
      expect(text(part(widget, 'title')[0])).to.equal('Cursor 1.0 vs SmolVLM2-2B');
      const firsts = page.requests.filter((request) => request.url.endsWith(first));
      expect(firsts, 'asked for once').to.have.length(1);
      expect(firsts[0].signal?.aborted, 'called off').to.equal(true);
      expect(page.pageErrors).to.deep.equal([]);
    });
  });

  it('is called off by the fetching code that took it over when the widget moves on', async () => {
    const first = `/test-feed/endless/ok/first-${Math.random()}`;
    await freshPage(`<ai-compare loading="eager" no-votes src="${first}"></ai-compare>`, async (frame, page) => {
      const widget = frame.contentDocument!.querySelector<AiCompare>('ai-compare')!;
      // Time for it to run and take the request over.
      await fetchingCodeRan(frame, 100);
      widget.src = LAUNCH_FEED_URL;
      await until(() => widget.state === 'ready', 'the newer feed', 10_000);
      const firsts = page.requests.filter((request) => request.url.endsWith(first));
      expect(firsts, 'asked for once').to.have.length(1);
      expect(firsts[0].signal?.aborted, 'called off').to.equal(true);
      expect(page.pageErrors).to.deep.equal([]);
    });
  });
});

describe('<ai-compare src> lazy, the first on a page', () => {
  it('on the first screen, is requested beside the fetching code rather than by it, once, and shown', async () => {
    const src = `${LAUNCH_FEED_URL}?lazy=${Math.random()}`;
    await freshPage(`<ai-compare no-votes src="${src}"></ai-compare>`, async (frame, page) => {
      const widget = frame.contentDocument!.querySelector<AiCompare>('ai-compare')!;
      await until(() => widget.state === 'ready', 'the comparison', 10_000);
      expect(page.requests.filter((request) => request.url.endsWith(src))).to.have.length(1);
      const [request] = page.requests.filter((each) => each.url.endsWith(src));
      // Asked for by the widget itself, not by the fetching code once it had arrived and run.
      expect(request.stack, 'asked for by the widget').to.match(/feed-controller/).and.not.match(/fetch-feed/);
      expect(page.pageErrors).to.deep.equal([]);
    });
  });

  it('further down the page, still waits until it nears the viewport', async () => {
    const src = `${LAUNCH_FEED_URL}?below=${Math.random()}`;
    await freshPage(`<div style="height: 5000px"></div><ai-compare no-votes src="${src}"></ai-compare>`, async (frame, page) => {
      const widget = frame.contentDocument!.querySelector<AiCompare>('ai-compare')!;
      await fetchingCodeRan(frame, 300);
      expect(page.requests, 'nothing asked for yet').to.deep.equal([]);
      widget.scrollIntoView();
      await until(() => widget.state === 'ready', 'the comparison', 10_000);
      expect(page.requests.filter((request) => request.url.endsWith(src))).to.have.length(1);
    });
  });
});

// Runs before the widget's code: notes the language of every date formatter the page builds.
const WATCH_FORMATTERS = `<script>
window.formatters = [];
const DateTimeFormatAsBefore = Intl.DateTimeFormat;
Intl.DateTimeFormat = function (locale, options) {
  window.formatters.push(String(locale));
  return new DateTimeFormatAsBefore(locale, options);
};
</script>`;

describe('<ai-compare src>, while its feed is on its way', () => {
  const waitFor = (lang: string) =>
    `${WATCH_FORMATTERS}<ai-compare lang="${lang}" loading="eager" no-votes src="/test-feed/endless/ok/wait-${Math.random()}"></ai-compare>`;

  it("loads the locale data for the widget's language, not the page's", async () => {
    // A British widget on an English page: its days are written by Intl, with the locale data.
    await freshPage(waitFor('en-GB'), async (frame, page) => {
      const formatters = () => (page as unknown as { formatters: string[] }).formatters;
      await until(() => formatters().length > 0, 'the locale data', 5_000);
      expect(formatters()).to.deep.equal(['en-GB']);
      expect(frame.contentDocument!.querySelector<AiCompare>('ai-compare')!.state).to.equal('loading');
    });
  });

  it('loads no locale data for an English widget, which writes its numbers and days itself', async () => {
    await freshPage(waitFor('en-US'), async (frame, page) => {
      // Frames and time enough for a load ahead to have run.
      await fetchingCodeRan(frame, 300);
      expect((page as unknown as { formatters: string[] }).formatters).to.deep.equal([]);
      expect(page.pageErrors).to.deep.equal([]);
    });
  });
});
