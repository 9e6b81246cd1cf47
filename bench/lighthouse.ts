/**
 * Lighthouse (the pinned npm release, on the system Chromium) on the demo pages, with its default
 * mobile emulation: a mid-range phone, a slow 4G network and a 4× slower CPU, simulated. Prints
 * the four category scores, cumulative layout shift and every audit that did not pass.
 *
 *   node --import tsx bench/lighthouse.ts            (needs a build: npm run build)
 */
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { spawnServer } from '../scripts/spawn-server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const LIGHTHOUSE_PAGES = [
  ['demo', '/'],
  ['article', '/demo/article.html'],
  ['prerendered', '/comparisons/cursor-1-0-vs-smolvlm2-2b'],
] as const;

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

/** Audits that count and did not pass: binary ones at 0, scored ones under 0.9. */
function failures(lhr: NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr']): string[] {
  const failed = new Set<string>();
  for (const category of CATEGORIES) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (audit.score === null || ['informative', 'notApplicable', 'manual'].includes(audit.scoreDisplayMode)) continue;
      const passing = audit.scoreDisplayMode === 'binary' ? audit.score === 1 : audit.score >= 0.9;
      if (!passing) failed.add(`${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
    }
  }
  return [...failed];
}

export async function lighthouseScores(pages: readonly (readonly [string, string])[] = LIGHTHOUSE_PAGES): Promise<void> {
  const server = await spawnServer({ stderr: 'ignore' });
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: FLAGS, logLevel: 'silent' });
  try {
    console.log('Lighthouse 12.2.3, mobile emulation (simulated slow 4G, 4x CPU), Chromium');
    for (const [name, path] of pages) {
      const result = await lighthouse(`${server.url}${path}`, { port: chrome.port, logLevel: 'error', output: 'json' });
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      const { lhr } = result;
      const scores = CATEGORIES.map((id) => Math.round((lhr.categories[id]?.score ?? 0) * 100));
      const cls = lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN;
      const lcp = lhr.audits['largest-contentful-paint']?.numericValue ?? NaN;
      console.log(
        `  ${name.padEnd(12)} performance ${scores[0]}, accessibility ${scores[1]}, best practices ${scores[2]}, SEO ${scores[3]}; ` +
          `CLS ${cls.toFixed(3)}, LCP ${(lcp / 1000).toFixed(2)} s`,
      );
      for (const failure of failures(lhr)) console.log(`    failed: ${failure}`);
    }
  } finally {
    chrome.kill();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await lighthouseScores();
