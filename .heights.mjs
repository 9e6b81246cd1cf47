import puppeteer from 'puppeteer-core';
import { spawnServer } from './scripts/spawn-server.mjs';
const server = await spawnServer({ stderr: 'ignore' });
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
for (const [w, mobile] of [[412, true], [1350, false], [360, true], [800, false]]) {
  const page = await browser.newPage();
  await page.setViewport({ width: w, height: 900, isMobile: mobile, deviceScaleFactor: 1 });
  await page.goto(server.url + (process.argv[2] ?? '/'), { waitUntil: 'load' });
  await page.evaluate(() => window.scrollTo(0, 100000));
  await new Promise((r) => setTimeout(r, 3000));
  const hs = await page.evaluate(() => [...document.querySelectorAll('ai-compare')].map((e) => `${e.closest('section')?.id} w=${Math.round(e.getBoundingClientRect().width)} h=${Math.round(e.getBoundingClientRect().height)} ${e.getAttribute('state')}`));
  console.log(w, hs.join(' | '));
  await page.close();
}
await browser.close(); await server.stop();
