// Another reader, in the same engine as the test but in a browser context of its own: its own
// storage (so its own voter id), its own connections. Chromium and Firefox open a fresh context
// in the browser the tests run in; WebKit gets a second browser, through a second WebDriver.
import { remote } from 'webdriverio';
import { startWorkingWebKitDriver, stopWebKitDriver, WEBKIT_CAPABILITIES } from '../../scripts/webkit-driver.mjs';

/** `launcher` is the test session's browser launcher; the page at `url` is opened and loaded. */
export async function openOtherReader(launcher, url) {
  if (launcher.type === 'puppeteer' && launcher.browser) {
    const context = await launcher.browser.createBrowserContext();
    // A window of its own: a tab beside the test's would hide the test page, and a hidden page
    // (rightly) stops following live results.
    const page = await context.newPage({ type: 'window' });
    await page.goto(url, { waitUntil: 'load' });
    return {
      run: (fn, arg) => page.evaluate(fn, arg),
      close: () => context.close(),
    };
  }
  if (launcher.type === 'webdriver') {
    // Within the test's time: a browser that hangs on its way up is given up on after 4 s, once.
    const { port, child } = await startWorkingWebKitDriver(process.env, { attempts: 2, sessionMs: 4_000 });
    try {
      const driver = await remote({ hostname: '127.0.0.1', port, logLevel: 'error', capabilities: WEBKIT_CAPABILITIES });
      await driver.url(url);
      return {
        run: (fn, arg) => driver.execute(fn, arg),
        close: async () => {
          await driver.deleteSession().catch(() => undefined);
          stopWebKitDriver(child);
        },
      };
    } catch (error) {
      stopWebKitDriver(child);
      throw error;
    }
  }
  throw new Error(`no second browser context for a ${launcher.type} launcher`);
}

// What the other reader does on the page; each runs inside that page.

/** The first widget's results panel: whether it is still loading and what it says. */
export function readResults() {
  const results = document.querySelector('ai-compare')?.shadowRoot?.querySelector('[part~="results"]');
  return results ? { busy: results.getAttribute('aria-busy') !== 'false', text: results.textContent.replace(/\s+/g, ' ') } : null;
}

/** Turns on live results for the first widget. */
export function follow() {
  document.querySelector('ai-compare').live = true;
}

/** Presses the first widget's vote button whose text is `label`; false if there is none. */
export function pressVote(label) {
  const buttons = [...(document.querySelector('ai-compare')?.shadowRoot?.querySelectorAll('button') ?? [])];
  const button = buttons.find((candidate) => candidate.textContent.trim() === label);
  button?.click();
  return Boolean(button);
}
