/**
 * `GET /comparisons/{id}`: a page with the comparison prerendered, with the current public
 * tallies. It paints before the widget's script loads and reads fine with JavaScript off; the
 * script then takes over in place, without fetching the feed again.
 * `?lang=` picks the UI language and `?theme=` (`auto`, `light`, `dark`) the colour scheme.
 */
import type { Context, Hono } from 'hono';
import { feedPath } from '../../contract/routes.js';
import { parseFeed } from '../../contract/feed-schema.js';
import type { FeedCatalog, PublishedFeed } from '../feeds.js';
import { sendVariants, Variants } from '../http/compression.js';
import type { MemoryRateLimiter } from '../http/rate-limit.js';
import { DEMO_CSP } from '../http/security-headers.js';
import { prerenderComparison, type Theme } from '../prerender.js';
import { PAGE_ASSETS } from './static-files.js';
import { safeLocale } from '../../src/i18n/format.js';
import type { TallyCache, TallySnapshot } from '../storage/tally-cache.js';

export const PAGE_ROUTE = '/comparisons/:id';

const THEMES: readonly string[] = ['auto', 'light', 'dark'];

/** Rendered pages by comparison and options: rendered and compressed once per tally change. */
const MAX_CACHED_PAGES = 64;

interface RenderedPage {
  variants: Variants;
  csp: string;
  /** The ETag of the public tallies it shows. */
  tallies?: string;
}

/** Text for an HTML text node or a double-quoted attribute. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The locale a `?lang=` renders in: language, script and region of the one the runtime formats
 * with (`en-x-anything` and `de-u-nu-arab` are `en` and `de`), English for one it does not know.
 * So made-up tags and extensions cannot make every request a new page to render.
 */
function pageLocale(lang: string | undefined): string {
  if (!lang) return 'en';
  let locale = pageLocales.get(lang);
  if (locale === undefined) {
    const tag = safeLocale(lang);
    locale = Intl.DateTimeFormat.supportedLocalesOf(tag).length ? new Intl.Locale(new Intl.DateTimeFormat(tag).resolvedOptions().locale).baseName : 'en';
    if (pageLocales.size >= MAX_CACHED_LOCALES) pageLocales.clear();
    pageLocales.set(lang, locale);
  }
  return locale;
}

/** `?lang=` values already resolved, so a cached page costs no Intl work (as many as readers send). */
const pageLocales = new Map<string, string>();
const MAX_CACHED_LOCALES = 256;

export interface ComparisonPagesOptions {
  feeds: FeedCatalog;
  tallies: TallyCache;
  /** Who is asking (the client address, as the rate limits see it). */
  clientKey: (c: Context) => string;
  /**
   * Renders of pages not in the cache: server-wide, and per client. Past either, a page whose
   * tallies changed is answered as rendered a moment ago (the widget reads the current tallies
   * as it takes over), and a page never rendered gets 503 with Retry-After.
   */
  renders: MemoryRateLimiter;
  rendersPerClient: MemoryRateLimiter;
}

export function registerComparisonPages(app: Hono, { feeds, tallies, clientKey, renders, rendersPerClient }: ComparisonPagesOptions): void {
  // Least recently used first: a page readers keep asking for stays however many others render.
  const cache = new Map<string, RenderedPage>();

  app.get(PAGE_ROUTE, async (c) => {
    const published = feeds.get(c.req.param('id'));
    if (!published) return c.text('Not found', 404);
    const theme = c.req.query('theme') ?? 'auto';
    const options = { lang: pageLocale(c.req.query('lang')), theme: (THEMES.includes(theme) ? theme : 'auto') as Theme };
    const snapshot = published.feed.votes?.endpoint ? await tallies.get(published.feed.id, published.toolIds) : undefined;
    // Links resolve against this host, so the page depends on it.
    const key = JSON.stringify([published.etag, new URL(c.req.url).origin, options.lang, options.theme]);
    let rendered = cache.get(key);
    if (!rendered || rendered.tallies !== snapshot?.etag) {
      // One client cannot spend the server's renders: its own allowance runs out first.
      if (rendersPerClient.takeNow(clientKey(c)).allowed && renders.takeNow('pages').allowed) {
        rendered = await renderPage(c.req.url, published, snapshot, options);
      } else if (!rendered) {
        return c.text('This server is busy rendering pages; try again in a moment.', 503, { 'Retry-After': '1' });
      }
    }
    cache.delete(key);
    if (cache.size >= MAX_CACHED_PAGES) cache.delete(cache.keys().next().value as string);
    cache.set(key, rendered);
    return sendVariants(c, rendered.variants, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': rendered.csp,
      'Cache-Control': 'no-cache',
    });
  });
}

async function renderPage(
  requestUrl: string,
  published: PublishedFeed,
  snapshot: TallySnapshot | undefined,
  { lang, theme }: { lang: string; theme: Theme },
): Promise<RenderedPage> {
  // Links in the feed resolve against where it is published on this host, as the widget does.
  const feedUrl = new URL(feedPath(published.feed.id), requestUrl).href;
  const parsed = parseFeed(JSON.parse(new TextDecoder().decode(published.bytes)), feedUrl);
  if (!parsed.ok) throw new Error(`${published.file} no longer validates`);
  const feed = parsed.feed;
  const { html, styleHashes } = await prerenderComparison({ feed, tallies: snapshot?.tallies.tallies, lang, theme });
  const csp = DEMO_CSP.replace("style-src 'self'", `style-src 'self' ${styleHashes.join(' ')}`);
  if (csp === DEMO_CSP) throw new Error('the page policy has no style-src to extend');
  const title = escapeHtml(feed.title);
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${feed.summary ? `<meta name="description" content="${escapeHtml(feed.summary)}">\n` : ''}<link rel="icon" href="${PAGE_ASSETS.icon}" type="image/svg+xml">
<link rel="stylesheet" href="${PAGE_ASSETS.stylesheet}">
<script type="module" src="/dist/ai-compare.js"></script>
</head>
<body class="article">
<main>
${html}
</main>
</body>
</html>
`;
  return { variants: new Variants(new TextEncoder().encode(page)), csp, tallies: snapshot?.etag };
}
