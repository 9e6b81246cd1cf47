/**
 * Prerendered markup for a comparison: the element with a declarative shadow root (painted before
 * any script runs, and by browsers with JavaScript off), its feed inline so the widget takes over
 * without fetching it, a light-DOM summary for readers and crawlers that see no shadow DOM, and
 * schema.org JSON-LD for the two tools and their reviews. Renders the widget's own templates
 * with Lit's server renderer, from the same view the element builds.
 */
import { createHash } from 'node:crypto';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html, nothing } from 'lit';
import type { Feed } from '../contract/feed-schema.js';
import { styles } from '../src/ai-compare.styles.js';
import type { Tallies } from '../src/feed/figures.js';
import { own } from '../src/feed/figures.js';
import { safeLocale } from '../src/i18n/format.js';
import { allWords } from '../src/i18n/english.js';
import { uiLocale } from '../src/i18n/languages.js';
import { buildView, type ReadyView } from '../src/view/build-view.js';
import { renderView, type ViewActions } from '../src/view/templates.js';

export type Theme = 'auto' | 'light' | 'dark';

/** The server renders no event listeners: these are never called. */
const inert: ViewActions = { vote: () => {}, toggleQuote: () => {}, subscribed: () => {} };

export interface PrerenderOptions {
  /** A validated feed whose links are absolute (parsed against where it is published). */
  feed: Feed;
  /** Current public tallies; without them the figures read as on the first client render. */
  tallies?: Tallies;
  /** UI language (default `en`); written on the element so the script resolves the same one. */
  lang?: string;
  theme?: Theme;
  /** Renders without vote buttons, as the `no-votes` attribute does. */
  noVotes?: boolean;
}

export interface Prerendered {
  /** The markup to put where the widget goes: the element, then its JSON-LD. */
  html: string;
  /**
   * CSP source expressions for the inline `<style>` of the shadow root; a page with a strict
   * `style-src` adds them (the JSON blocks are data, not scripts, and need nothing).
   */
  styleHashes: string[];
}

/**
 * Lit's hydration markers: the widget renders afresh when it takes over, so they would only be
 * bytes and comment nodes. Feed text cannot forge them: its `<` is always escaped.
 */
function withoutMarkers(markup: string): string {
  return markup.replace(/<!--(?:\/?lit-part[^>]*|lit-node \d+)-->/g, '');
}

/** JSON that is safe inside a `<script>` element: `</script>` or `<!--` in text cannot end it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Bar lengths as rules, since a strict policy forbids `style=""` and the script is not there yet. */
function shareRules(view: ReadyView): string {
  const rules = view.cards.flatMap((card, index) => [
    `.card.tool-${index} [part~='panel-score'] .bar>span{--_share:${card.panel.share}}`,
    `.card.tool-${index} [part~='community-score'] .bar>span{--_share:${card.community.share}}`,
  ]);
  for (const [index, segment] of (view.results?.segments ?? []).entries()) {
    rules.push(`.split-bar.tool-${index}{--_share:${segment.share}}`);
  }
  return rules.join('');
}

function fallback(view: ReadyView) {
  const { header, cards, cta, words } = view;
  return html`<section class="ai-compare-fallback">
    <h2>${header.title}</h2>
    ${header.summary ? html`<p>${header.summary}</p>` : nothing}
    <ul>
      ${cards.map(
        (card) => html`<li>
          <strong>${card.url ? html`<a href=${card.url}>${card.name}</a>` : card.name}</strong>${card.tagline
            ? html`: ${card.tagline}`
            : nothing}
          <br />${words.panelShip}: ${card.panel.value} (${card.panel.detail}). ${words.community}:
          ${card.community.value} (${card.community.detail}).${card.pricing
            ? html` ${words.entryPrice}: ${card.pricing.entry}.`
            : nothing}
        </li>`,
      )}
    </ul>
    ${header.source
      ? html`<p>
          ${words.source}
          ${header.source.url ? html`<a href=${header.source.url}>${header.source.name}</a>` : header.source.name}
        </p>`
      : nothing}
    ${cta ? html`<p><a href=${cta.url}>${cta.title}</a></p>` : nothing}
  </section>`;
}

/** schema.org: each tool a SoftwareApplication with the panel's verdicts as its reviews. */
export function structuredData(feed: Feed): object {
  return {
    '@context': 'https://schema.org',
    '@graph': feed.tools.map((tool) => ({
      '@type': 'SoftwareApplication',
      name: tool.name,
      ...(tool.url && { url: tool.url }),
      ...(tool.logo && { image: tool.logo }),
      ...(tool.category && { applicationCategory: tool.category }),
      ...((tool.description ?? tool.tagline) && { description: tool.description ?? tool.tagline }),
      ...(tool.pricing && {
        offers: { '@type': 'Offer', description: tool.pricing.entry, ...(tool.pricing.url && { url: tool.pricing.url }) },
      }),
      review: (feed.reviewers ?? []).flatMap((reviewer) => {
        const verdict = own(reviewer.verdicts, tool.id);
        if (!verdict) return [];
        return [
          {
            '@type': 'Review',
            author: { '@type': 'Person', name: reviewer.name },
            name: verdict.verdict,
            ...(verdict.quote && { reviewBody: verdict.quote }),
            reviewRating: { '@type': 'Rating', ratingValue: verdict.verdict === 'ship' ? 1 : 0, worstRating: 0, bestRating: 1 },
            ...(feed.source && { publisher: { '@type': 'Organization', name: feed.source.name } }),
          },
        ];
      }),
    })),
  };
}

export async function prerenderComparison(options: PrerenderOptions): Promise<Prerendered> {
  const { tallies, theme = 'auto', noVotes = false } = options;
  const lang = safeLocale(options.lang ?? 'en');
  // Prerendered tallies travel in the inline feed's `community`, which the widget shows until
  // its own request for live results answers.
  const feed: Feed = tallies ? { ...options.feed, community: { ...tallies } } : options.feed;
  const view = buildView({
    status: 'ready',
    feed,
    votes: { enabled: !noVotes && !!feed.votes?.endpoint },
    strings: await allWords(uiLocale(lang, false)),
    locale: uiLocale(lang, false),
    ...(theme !== 'auto' && { scheme: theme }),
  });
  if (view.kind !== 'ready') throw new Error('a valid feed always renders');
  const css = `${styles}${shareRules(view)}`;
  const [shadow, light] = (
    await Promise.all([collectResult(render(renderView(view, inert))), collectResult(render(fallback(view)))])
  ).map(withoutMarkers);
  const attributes = [`lang="${lang}"`, `theme="${theme}"`, 'state="ready"', ...(noVotes ? ['no-votes'] : [])].join(' ');
  const markup =
    `<ai-compare ${attributes}>` +
    `<template shadowrootmode="open"><style>${css}</style>${shadow}</template>` +
    `<script type="application/json">${scriptJson(feed)}</script>` +
    light +
    `</ai-compare>\n` +
    `<script type="application/ld+json">${scriptJson(structuredData(feed))}</script>\n`;
  const hash = createHash('sha256').update(css).digest('base64');
  return { html: markup, styleHashes: [`'sha256-${hash}'`] };
}
