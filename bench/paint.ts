/**
 * Paint, side by side in one run: the launch comparison as static HTML+CSS, prerendered (the
 * declarative shadow root of `ai-compare html`, then the script takes over), and client-rendered
 * from an inline feed and from `src`, beside the floor for anything a script draws (the static
 * comparison, shown by a script of the bundle's size that does nothing else). For each: time to
 * painted content (the first frame that lays out the comparison's title) and script cost (script
 * and main-thread time until the page settles), medians of cold loads and repeat views in
 * headless Chromium on an emulated broadband connection, without and with 4× CPU throttling, as
 * ratios of static HTML. Then
 * 1, 10 and 100 widgets on one page: time per widget, adopted stylesheets, feed requests and
 * memory per widget. Voting is off everywhere, so every variant shows the same content.
 *
 *   node --import tsx bench/paint.ts            (needs a build: npm run build)
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { parseFeed } from '../contract/feed-schema.js';
import { chooseEncoding, MIN_COMPRESS_BYTES, Variants } from '../server/http/compression.js';
import { prerenderComparison } from '../server/prerender.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.PAINT_RUNS ?? 9);
const FEED_PATH = '/feed.json';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** `:host`, `:host(x)` → `.ai-compare`, `.ai-compare` + x: the widget's CSS for a plain element. */
function unshadowCss(css: string): string {
  let out = '';
  let rest = css;
  for (let at = rest.indexOf(':host'); at >= 0; at = rest.indexOf(':host')) {
    out += rest.slice(0, at) + '.ai-compare';
    rest = rest.slice(at + ':host'.length);
    if (!rest.startsWith('(')) continue;
    let depth = 0;
    let end = 0;
    for (; end < rest.length; end += 1) {
      if (rest[end] === '(') depth += 1;
      else if (rest[end] === ')' && --depth === 0) break;
    }
    out += rest.slice(1, end);
    rest = rest.slice(end + 1);
  }
  return out + rest;
}

/** The host page's own styles. */
const PAGE_CSS = 'body{margin:0 auto;max-width:960px;padding:1rem;font-family:system-ui,sans-serif}';

/**
 * A page around `body`: its styles in the page (`bare`), or in a stylesheet file, as blogs load
 * theirs (`sheet`, the file's path), which costs every variant a request before the first paint.
 */
const page = (body: string, script: boolean | string, sheet?: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Paint</title><link rel="icon" href="data:,">
${script ? `<script type="module" src="${script === true ? '/ai-compare.js' : script}"></script>` : ''}
${sheet ? `<link rel="stylesheet" href="${sheet}">` : `<style>${PAGE_CSS}</style>`}
</head><body>${body}</body></html>`;

async function pages(): Promise<Record<string, string>> {
  const feedText = readFileSync('demo/feeds/cursor-vs-smolvlm2.json', 'utf8');
  const parsed = parseFeed(JSON.parse(feedText), 'http://127.0.0.1/feed.json');
  if (!parsed.ok) throw new Error('the launch feed does not validate');
  const { html } = await prerenderComparison({ feed: parsed.feed, noVotes: true, theme: 'light' });
  const css = /<style>(.*?)<\/style>/s.exec(html)?.[1] ?? '';
  const shadow = (/<\/style>(.*?)<\/template>/s.exec(html)?.[1] ?? '').replace(/<!--.*?-->/gs, '');
  const element = html.slice(0, html.indexOf('<script type="application/ld+json">'));
  const inline = `<ai-compare no-votes theme="light"><script type="application/json">${feedText.replace(/</g, '\\u003c')}</script></ai-compare>`;
  const fromSrc = (n: number) =>
    Array.from({ length: n }, () => `<ai-compare no-votes theme="light" loading="eager" src="${FEED_PATH}"></ai-compare>`).join('\n');
  const staticComparison = `<div class="ai-compare" theme="light">${shadow}</div>`;
  const staticCss = unshadowCss(css);
  // The floor for any page drawn by a script: the static comparison, hidden until a script that
  // does nothing else has arrived. Its bytes are as many as the bundle's once compressed (random
  // text in a comment), so it costs the same round trip and transfer, and no work.
  const bundleBytes = (await new Variants(readFileSync('dist/ai-compare.js')).encoded('br')).byteLength;
  const reveal = `/*${randomBytes(bundleBytes).toString('base64')}*/document.getElementById('reveal').hidden=false`;
  const hiddenComparison = `<div id="reveal" hidden>${staticComparison}</div>`;
  return {
    '/static.html': page(`<style>${staticCss}</style>${staticComparison}`, false),
    '/reveal.html': page(`<style>${staticCss}</style>${hiddenComparison}`, '/reveal.js'),
    '/reveal.js': reveal,
    '/blog/reveal.html': page(hiddenComparison, '/reveal.js', '/blog/static.css'),
    '/prerendered.html': page(element, true),
    '/prerendered-no-js.html': page(element, false),
    '/inline.html': page(inline, true),
    '/src.html': page(fromSrc(1), true),
    '/empty.html': page('', true),
    '/src-10.html': page(fromSrc(10), true),
    '/src-100.html': page(fromSrc(100), true),
    // A blog's pages: its stylesheet holds the static comparison's styles too, as a site's would.
    '/blog/static.html': page(staticComparison, false, '/blog/static.css'),
    '/blog/static.css': PAGE_CSS + staticCss,
    '/blog/page.css': PAGE_CSS,
    '/blog/prerendered.html': page(element, true, '/blog/page.css'),
    '/blog/inline.html': page(inline, true, '/blog/page.css'),
    '/blog/src.html': page(fromSrc(1), true, '/blog/page.css'),
    [FEED_PATH]: feedText,
    // The bundle and what it loads on demand from beside it (feed fetching, voting, languages).
    ...Object.fromEntries(
      readdirSync('dist')
        .filter((name) => /^ai-compare[\w.-]*\.js$/.test(name))
        .map((name) => [`/${name}`, readFileSync(join('dist', name), 'utf8')]),
    ),
  };
}

async function serve(files: Record<string, string>): Promise<{ url: string; server: Server; requests: Map<string, number> }> {
  const requests = new Map<string, number>();
  const types: Record<string, string> = { html: 'text/html', js: 'text/javascript', json: 'application/json', css: 'text/css' };
  // Compressed by the reference server's own mechanism, all before the first load, so no load
  // waits for it.
  const variants = new Map(Object.entries(files).map(([path, text]) => [path, new Variants(Buffer.from(text))]));
  await Promise.all([...variants.values()].flatMap((body) => [body.encoded('br'), body.encoded('gzip')]));
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    const body = variants.get(path);
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    // Pages are fetched afresh each time. Scripts may be kept, as a CDN or the reference server's
    // content-named bundle URL allows, feeds for a minute, as the reference server serves them,
    // and a blog's stylesheet for ten (only repeat views ever find any of them kept).
    const extension = path.split('.').pop() ?? '';
    const cacheControl =
      { js: 'public, max-age=31536000, immutable', json: 'public, max-age=60', css: 'public, max-age=600' }[extension] ?? 'no-store';
    const encoding = body.identity.byteLength >= MIN_COMPRESS_BYTES ? chooseEncoding(request.headers['accept-encoding']) : undefined;
    const bytes = encoding ? await body.encoded(encoding) : body.identity;
    response.writeHead(200, {
      'content-type': `${types[extension] ?? 'text/plain'}; charset=utf-8`,
      'cache-control': cacheControl,
      vary: 'accept-encoding',
      ...(encoding && { 'content-encoding': encoding }),
    });
    response.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests };
}

interface Load {
  paint: number;
  script: number;
  task: number;
  heap: number;
  nodes: number;
  sheets: number;
  widgets: number;
}

/**
 * Painted content: the first frame in which the comparison's title is laid out, in the page or in
 * a widget's shadow root (the frame is painted right after this callback). Plain source text, so
 * nothing of the TypeScript toolchain leaks into the page.
 */
const PAINT_PROBE = `
  window.painted = NaN;
  function paintProbe() {
    var title = document.querySelector('[part~="title"]');
    var host = document.querySelector('ai-compare');
    if (!title && host && host.shadowRoot) title = host.shadowRoot.querySelector('[part~="title"]');
    if (title && title.getBoundingClientRect().height > 0) window.painted = performance.now();
    else requestAnimationFrame(paintProbe);
  }
  requestAnimationFrame(paintProbe);
`;

/**
 * The lines pages load over: a broadband connection, where each request costs a round trip as it
 * does for readers, and loopback, with no network in the way, which shows what the widget's own
 * work costs (on loopback the script arrives before the page has painted anything).
 */
const LINES = {
  broadband: { label: '40 ms RTT 20 Mbit/s', latency: 40, downloadThroughput: (20 * 1024 * 1024) / 8, uploadThroughput: (5 * 1024 * 1024) / 8 },
  loopback: { label: 'loopback, no network emulation' },
} as const;
type Line = keyof typeof LINES;

/**
 * One load in a fresh browser context: paint time, script and main-thread time, memory. Cold,
 * or a repeat view: the page loaded once before, so its scripts come from the browser's cache,
 * as on a reader's second article of the same blog.
 */
async function load(browser: Browser, url: string, cpu: number, widgets = 0, repeat = false, line: Line = 'broadband'): Promise<Load> {
  const context = await browser.createBrowserContext();
  try {
    const tab = await context.newPage();
    await tab.setViewport({ width: 1000, height: 900 });
    const cdp = await tab.createCDPSession();
    await cdp.send('Performance.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    const conditions = LINES[line];
    if ('latency' in conditions) {
      const { latency, downloadThroughput, uploadThroughput } = conditions;
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput, uploadThroughput });
    }
    await tab.evaluateOnNewDocument(PAINT_PROBE);
    for (let visit = repeat ? 2 : 1; visit > 0; visit -= 1) {
      await tab.goto(url, { waitUntil: 'load' });
      await tab.waitForFunction(
        (count: number) => {
          const all = [...document.querySelectorAll('ai-compare')];
          return count === 0 || (all.length === count && all.every((el) => el.getAttribute('state') === 'ready' && customElements.get('ai-compare')));
        },
        { timeout: 120_000 },
        widgets,
      );
    }
    // Two frames: the last render is painted and its paint entries are in.
    await tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    const inPage = await tab.evaluate(() => {
      const all = [...document.querySelectorAll('ai-compare')];
      const sheets = new Set(all.flatMap((el) => el.shadowRoot?.adoptedStyleSheets ?? []));
      return { painted: (window as unknown as { painted: number }).painted, sheets: sheets.size, widgets: all.length };
    });
    return {
      paint: inPage.painted,
      script: metric('ScriptDuration') * 1000,
      task: metric('TaskDuration') * 1000,
      heap: metric('JSHeapUsedSize'),
      nodes: metric('Nodes'),
      sheets: inPage.sheets,
      widgets: inPage.widgets,
    };
  } finally {
    await context.close();
  }
}

const ms = (value: number | null) => `${(value ?? NaN).toFixed(0).padStart(5)} ms`;

export async function paint(): Promise<void> {
  const { url, server, requests } = await serve(await pages());
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--enable-precise-memory-info'],
  });
  try {
    // The page's styles in the page, then in a stylesheet file as blogs have them (where the
    // script's request goes beside the stylesheet's).
    const bare: [name: string, path: string, widgets: number][] = [
      ['static HTML+CSS', '/static.html', 0],
      ['prerendered, no JS', '/prerendered-no-js.html', 0],
      ['floor: shown by a script', '/reveal.html', 0],
      ['prerendered', '/prerendered.html', 1],
      ['client, inline feed', '/inline.html', 1],
      ['client, src', '/src.html', 1],
    ];
    const PAGES = {
      bare: { label: 'page styles inline', variants: bare },
      // The same pages under /blog/, but for the one without script (it shows nothing new there).
      blog: {
        label: 'page styles in a stylesheet file',
        variants: bare.filter(([, path]) => !path.includes('no-js')).map(([name, path, widgets]) => [name, `/blog${path}`, widgets] as const),
      },
    };
    const kinds = (process.env.PAINT_PAGE ?? 'bare,blog').split(',') as (keyof typeof PAGES)[];
    const lines = (process.env.PAINT_LINE ?? 'broadband').split(',') as Line[];
    const cpus = (process.env.PAINT_CPU ?? '1,4').split(',').map(Number);
    const rounds = kinds.flatMap((kind) =>
      lines.flatMap((line) => cpus.flatMap((cpu) => [false, true].map((repeat) => [kind, line, cpu, repeat] as const))),
    );
    for (const [kind, line, cpu, repeat] of rounds) {
      const { label, variants } = PAGES[kind];
      console.log(
        `paint, launch comparison, ${label}, Chromium, ${LINES[line].label}, ${cpu}x CPU, median of ${RUNS} ${repeat ? 'repeat views (scripts cached)' : 'cold loads'}`,
      );
      // Round robin, so a busy moment of the machine costs every variant alike.
      const loads = variants.map((): Load[] => []);
      for (let run = 0; run < RUNS; run += 1) {
        for (const [index, [, path, widgets]] of variants.entries()) loads[index].push(await load(browser, url + path, cpu, widgets, repeat, line));
      }
      const staticPaint = median(loads[0].map((l) => l.paint));
      const staticTask = median(loads[0].map((l) => l.task));
      for (const [index, [name]] of variants.entries()) {
        const paintTime = median(loads[index].map((l) => l.paint));
        const task = median(loads[index].map((l) => l.task));
        console.log(
          `  ${name.padEnd(26)} painted ${ms(paintTime)} (${(paintTime / staticPaint).toFixed(2)}x static, ` +
            // Each load against the static page's load of the same round, so a slow moment of
            // the machine moves both sides of the ratio.
            `${median(loads[index].map((l, run) => l.paint / loads[0][run].paint)).toFixed(2)}x by round)   ` +
            `script ${ms(median(loads[index].map((l) => l.script)))}   main thread ${ms(task)} (${(task / staticTask).toFixed(2)}x)`,
        );
      }
    }

    console.log(`widgets per page (client, one shared src), 1x CPU, median of ${Math.max(3, RUNS >> 1)} cold loads`);
    const runs = Math.max(3, RUNS >> 1);
    const scale: { count: number; task: number; heap: number; nodes: number }[] = [];
    for (const [count, path] of [
      [0, '/empty.html'],
      [1, '/src.html'],
      [10, '/src-10.html'],
      [100, '/src-100.html'],
    ] as const) {
      const loads: Load[] = [];
      requests.clear();
      for (let run = 0; run < runs; run += 1) loads.push(await load(browser, url + path, 1, count));
      const row = { count, task: median(loads.map((l) => l.task)), heap: median(loads.map((l) => l.heap)), nodes: median(loads.map((l) => l.nodes)) };
      scale.push(row);
      if (count === 0) continue;
      // Per widget: what each widget adds over the page without any (the script alone).
      const [empty] = scale;
      console.log(
        `  ${String(count).padStart(3)} widgets: main thread ${ms(row.task)}, ${((row.task - empty.task) / count).toFixed(1)} ms per widget; ` +
          `painted ${ms(median(loads.map((l) => l.paint)))}; adopted stylesheets ${loads[0].sheets}; ` +
          `feed requests per load ${((requests.get(FEED_PATH) ?? 0) / runs).toFixed(0)}; ` +
          `JS heap ${((row.heap - empty.heap) / count / 1024).toFixed(0)} KB and ${((row.nodes - empty.nodes) / count).toFixed(0)} DOM nodes per widget`,
      );
    }
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await paint();
