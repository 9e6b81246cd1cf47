import puppeteer from 'puppeteer-core';
import { spawnServer } from './scripts/spawn-server.mjs';
const server = await spawnServer({ stderr: 'ignore' });
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true });
const cdp = await page.createCDPSession();
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.evaluateOnNewDocument(() => {
  window.shifts = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.shifts.push({ t: Math.round(e.startTime), v: e.value, src: e.sources.map((s) => `${s.node?.nodeName}${s.node?.className ? '.' + s.node.className : ''} ${JSON.stringify(s.previousRect)} -> ${JSON.stringify(s.currentRect)}`) }); }).observe({ type: 'layout-shift', buffered: true });
});
await page.goto(server.url + (process.argv[2] ?? '/'), { waitUntil: 'load' }).catch((e) => console.log(e.message));
await new Promise((r) => setTimeout(r, 4000));
console.log(JSON.stringify(await page.evaluate(() => window.shifts), null, 1));
await browser.close(); await server.stop();
