// Browser tests: Chromium, Firefox and WebKit (WebKitGTK's MiniBrowser over WebDriver).
// `scripts/test-browsers.mjs` finds or installs the browsers, starts the WebKit driver and sets
// AI_COMPARE_BROWSERS / WEBKIT_DRIVER_PORT; run it (npm run test:browsers) rather than wtr alone.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { WEBKIT_CAPABILITIES } from './scripts/webkit-driver.mjs';
import { testFeedMiddleware, testServerPlugin } from './tests/helpers/test-server-plugin.mjs';

const wanted = (process.env.AI_COMPARE_BROWSERS ?? 'chromium').split(',').filter(Boolean);

const launchers = {
  chromium: () =>
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  firefox: () =>
    puppeteerLauncher({
      launchOptions: {
        browser: 'firefox',
        executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
        headless: true,
      },
    }),
  webkit: () =>
    webdriverLauncher({
      automationProtocol: 'webdriver',
      hostname: '127.0.0.1',
      port: Number(process.env.WEBKIT_DRIVER_PORT ?? 4444),
      capabilities: WEBKIT_CAPABILITIES,
    }),
};

export default {
  files: ['tests/browser/**/*.test.ts'],
  nodeResolve: true,
  rootDir: '.',
  hostname: '127.0.0.1',
  concurrency: 1,
  concurrentBrowsers: 3,
  browserStartTimeout: 120_000,
  testsStartTimeout: 120_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 10_000 } },
  browsers: wanted.map((name) => launchers[name]()),
  middleware: [testFeedMiddleware],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), testServerPlugin()],
};
