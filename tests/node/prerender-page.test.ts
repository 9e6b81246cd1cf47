/**
 * The prerendered comparison page of the reference server, in a real Chromium: with JavaScript
 * off it shows the whole comparison; with JavaScript on the widget takes over with identical
 * pixels, no layout shift and no second request for the feed, and then votes work.
 * Needs the built bundle (npm run build) and /usr/bin/chromium.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { spawnServer, type SpawnedServer } from '../../scripts/spawn-server.mjs';

const ID = 'cursor-1-0-vs-smolvlm2-2b';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function open(browser: Browser, url: string, javaScript: boolean): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 2600 });
  await page.emulateMediaFeatures([
    { name: 'prefers-reduced-motion', value: 'reduce' },
    { name: 'prefers-color-scheme', value: 'light' },
  ]);
  await page.setJavaScriptEnabled(javaScript);
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** Text of the widget's shadow root, whitespace collapsed; empty when there is none. */
function shadowText(page: Page): Promise<string> {
  return page.$eval('ai-compare', (el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim());
}

describe('the prerendered comparison page', () => {
  let server: SpawnedServer;
  let browser: Browser;
  let url: string;

  before(async () => {
    // The tallies are seeded by plain POSTs; the widget's own vote later goes through the vote token.
    server = await spawnServer({ stderr: 'ignore', env: { VOTE_PROOF: 'off' } });
    const endpoint = `${server.url}/api/comparisons/${ID}/votes`;
    for (const [index, toolId] of ['cursor-1-0', 'cursor-1-0', 'smolvlm2-2b'].entries()) {
      await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ toolId, voterId: `prerender-reader-${index}-abcdef` }),
      });
    }
    url = `${server.url}/comparisons/${ID}`;
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--font-render-hinting=none'],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the whole comparison with the current tallies to readers without JavaScript', async () => {
    const page = await open(browser, url, false);
    const text = await shadowText(page);
    assert.match(text, /Cursor 1\.0 vs SmolVLM2-2B/);
    assert.match(text, /4 of 4 reviewers say ship/);
    assert.match(text, /2 of 3 votes/);
    assert.match(text, /Cursor 1\.0 67%/);
    // The bars are drawn too, without a style attribute or a script.
    const share = await page.$eval('ai-compare', (el) => {
      const bar = el.shadowRoot!.querySelector<HTMLElement>('.split-bar.tool-0')!;
      return bar.getBoundingClientRect().width / bar.parentElement!.getBoundingClientRect().width;
    });
    assert.ok(share > 0.6 && share < 0.7, `split bar at ${share}`);
    // Crawlers get the tools and the reviews as schema.org data.
    const data = JSON.parse(await page.$eval('script[type="application/ld+json"]', (s) => s.textContent ?? '')) as {
      '@graph': { '@type': string; name: string; review: unknown[] }[];
    };
    assert.deepEqual(
      data['@graph'].map((tool) => [tool['@type'], tool.name, tool.review.length]),
      [
        ['SoftwareApplication', 'Cursor 1.0', 4],
        ['SoftwareApplication', 'SmolVLM2-2B', 4],
      ],
    );
    await page.close();
  });

  it('is taken over by the script with identical pixels, no layout shift and no feed request', async () => {
    const before = await open(browser, url, false);
    const still = await before.screenshot({ type: 'png' });
    await before.close();

    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.evaluateOnNewDocument(() => {
      const seen = window as unknown as { shift: number; violations: string[] };
      seen.violations = [];
      document.addEventListener('securitypolicyviolation', (event) => seen.violations.push(event.violatedDirective));
      (window as unknown as { shift: number }).shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) (window as unknown as { shift: number }).shift += (entry as unknown as { value: number }).value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.setViewport({ width: 1000, height: 2600 });
    await page.emulateMediaFeatures([
      { name: 'prefers-reduced-motion', value: 'reduce' },
      { name: 'prefers-color-scheme', value: 'light' },
    ]);
    await page.goto(url, { waitUntil: 'load' });
    // Taken over: the element is defined and has its live results.
    await page.waitForFunction(() => {
      const el = document.querySelector('ai-compare');
      return customElements.get('ai-compare') && el?.shadowRoot?.querySelector('[part~="results"][aria-busy="false"]');
    });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const live = await page.screenshot({ type: 'png' });
    if (!Buffer.from(live).equals(Buffer.from(still))) {
      // Kept for a look: what readers saw before the script, and after.
      mkdirSync('.tmp', { recursive: true });
      writeFileSync('.tmp/prerender-before.png', still);
      writeFileSync('.tmp/prerender-after.png', live);
      assert.fail('the page looks different after the script ran: see .tmp/prerender-before.png and -after.png');
    }
    assert.equal(await page.evaluate(() => (window as unknown as { shift: number }).shift), 0);
    // The page's strict policy allows the prerendered style by its hash, and nothing else inline.
    assert.deepEqual(await page.evaluate(() => (window as unknown as { violations: string[] }).violations), []);
    assert.ok(requests.includes('/dist/ai-compare.js'), 'the widget script loaded');
    assert.ok(!requests.includes(`/api/comparisons/${ID}`), `the feed was fetched again: ${requests.join(', ')}`);

    // Votes work as usual.
    await page.$eval('ai-compare', (el) => {
      const button = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.includes('Vote for SmolVLM2-2B'));
      button!.click();
    });
    await page.waitForFunction(() =>
      /You voted for SmolVLM2-2B/.test(document.querySelector('ai-compare')?.shadowRoot?.textContent ?? ''),
    );
    const summary = (await (await fetch(`${server.url}/api/comparisons/${ID}/votes?voter=prerender-reader-0-abcdef`)).json()) as { total: number };
    assert.equal(summary.total, 4);
    await page.close();
  });
});
