/**
 * `GET /comparisons/{id}`: a page with the comparison prerendered, with the current public
 * tallies. It paints before the widget's script loads and reads fine with JavaScript off; the
 * script then takes over in place, without fetching the feed again.
 * `?lang=` picks the UI language and `?theme=` (`auto`, `light`, `dark`) the colour scheme.
 */
import type { Hono } from 'hono';
import { feedPath } from '../../contract/routes.js';
import { parseFeed } from '../../contract/feed-schema.js';
import type { FeedCatalog, PublishedFeed } from '../feeds.js';
import { sendVariants, Variants } from '../http/compression.js';
import { DEMO_CSP } from '../http/security-headers.js';
import { prerenderComparison, type Theme } from '../prerender.js';
import type { VoteStore } from '../storage/vote-store.js';

export const PAGE_ROUTE = '/comparisons/:id';

const THEMES: readonly string[] = ['auto', 'light', 'dark'];

/** Rendered pages by comparison, options and tallies: rendered and compressed once per change. */
const MAX_CACHED_PAGES = 64;

interface RenderedPage {
  variants: Variants;
  csp: string;
}

/** Text for an HTML text node or a double-quoted attribute. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function registerComparisonPages(app: Hono, { feeds, store }: { feeds: FeedCatalog; store: VoteStore }): void {
  const cache = new Map<string, RenderedPage>();

  app.get(PAGE_ROUTE, async (c) => {
    const published = feeds.get(c.req.param('id'));
    if (!published) return c.text('Not found', 404);
    const theme = c.req.query('theme') ?? 'auto';
    const lang = c.req.query('lang');
    const summary = published.feed.votes?.endpoint ? await store.summary(published.feed.id, published.toolIds, null) : undefined;
    const key = JSON.stringify([published.etag, new URL(c.req.url).origin, lang, theme, summary?.tallies]);
    let rendered = cache.get(key);
    if (!rendered) {
      rendered = await renderPage(c.req.url, published, summary?.tallies, lang, theme);
      if (cache.size >= MAX_CACHED_PAGES) cache.delete(cache.keys().next().value as string);
      cache.set(key, rendered);
    }
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
  tallies: Record<string, number> | undefined,
  lang: string | undefined,
  theme: string,
): Promise<RenderedPage> {
  // Links in the feed resolve against where it is published on this host, as the widget does.
  const feedUrl = new URL(feedPath(published.feed.id), requestUrl).href;
  const parsed = parseFeed(JSON.parse(new TextDecoder().decode(published.bytes)), feedUrl);
  if (!parsed.ok) throw new Error(`${published.file} no longer validates`);
  const feed = parsed.feed;
  const { html, styleHashes } = await prerenderComparison({
    feed,
    tallies,
    lang,
    theme: THEMES.includes(theme) ? (theme as Theme) : 'auto',
  });
  const csp = DEMO_CSP.replace("style-src 'self'", `style-src 'self' ${styleHashes.join(' ')}`);
  if (csp === DEMO_CSP) throw new Error('the page policy has no style-src to extend');
  const title = escapeHtml(feed.title);
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${feed.summary ? `<meta name="description" content="${escapeHtml(feed.summary)}">\n` : ''}<link rel="icon" href="/demo/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/demo/demo.css">
<script type="module" src="/dist/ai-compare.js"></script>
</head>
<body class="article">
<main>
${html}
</main>
</body>
</html>
`;
  return { variants: new Variants(new TextEncoder().encode(page)), csp };
}
