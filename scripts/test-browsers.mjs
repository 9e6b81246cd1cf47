#!/usr/bin/env node
// Runs the browser tests in Chromium, Firefox and WebKit. Missing browsers are installed from
// Debian's packages when running as root; elsewhere they are skipped with a note, except under
// CI=true, where a missing browser fails the run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startWorkingWebKitDriver, startXvfb, stopWebKitDriver, WEBKIT_BROWSER, WEBKIT_DRIVER } from './webkit-driver.mjs';
const browsers = {
  chromium: { files: ['/usr/bin/chromium'], packages: ['chromium'] },
  firefox: { files: ['/usr/bin/firefox-esr'], packages: ['firefox-esr'] },
  webkit: { files: [WEBKIT_DRIVER, WEBKIT_BROWSER, '/usr/bin/Xvfb'], packages: ['webkit2gtk-driver', 'xvfb'] },
};

const ci = process.env.CI === 'true';
const isRoot = process.getuid?.() === 0;
const present = (name) => browsers[name].files.every((file) => existsSync(file));

const missing = Object.keys(browsers).filter((name) => !present(name));
if (missing.length && isRoot) {
  const packages = missing.flatMap((name) => browsers[name].packages);
  console.log(`Installing browsers for tests: ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  if (!run(['update', '-qq']) || !run(['install', '-y', '-qq', ...packages, 'fonts-dejavu-core'])) {
    console.error('Installing browsers failed.');
  }
}

// AI_COMPARE_BROWSERS=webkit (for example) narrows a local run to some engines.
const requested = process.env.AI_COMPARE_BROWSERS?.split(',').filter(Boolean) ?? Object.keys(browsers);
const available = Object.keys(browsers).filter((name) => requested.includes(name) && present(name));
const skipped = requested.filter((name) => !available.includes(name));
if (skipped.length) {
  const why = isRoot ? 'could not be installed' : 'not installed, and installing needs root';
  console.log(`SKIPPED browser tests in: ${skipped.join(', ')} (${why}).`);
  if (ci) {
    console.error('CI=true: every browser engine must run.');
    process.exit(1);
  }
}
if (!available.length) {
  console.log('No browser available: browser tests skipped.');
  process.exit(0);
}

// One test loads the built bundle (what bloggers' pages load); build it when it is missing.
if (!existsSync('dist/ai-compare.js')) {
  console.log('Building dist/ai-compare.js for the browser tests');
  if (spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: 'inherit' }).status !== 0) {
    process.exit(1);
  }
}

/** Ends what this run started (the X server, the WebKit driver and its browser). */
const stops = [];
function stopStarted() {
  for (const stop of stops.splice(0).reverse()) stop();
}
process.on('SIGINT', () => {
  stopStarted();
  process.exit(130);
});
process.on('SIGTERM', () => {
  stopStarted();
  process.exit(143);
});

/** What the test runner prints when a browser never came up (as opposed to a test failing). */
const NOT_STARTED = /unable to create and start a test page|Request failed with error code|session not created|Unable to connect to/;

/**
 * One test runner run in `engines`, its output passed through; resolves with its exit code and
 * whether a browser failed to start.
 */
function runTests(engines, extraEnv = {}) {
  console.log(`Browser tests in: ${engines.join(', ')}`);
  const wtr = spawn(process.execPath, ['node_modules/@web/test-runner/dist/bin.js', ...process.argv.slice(2)], {
    env: { ...process.env, ...extraEnv, AI_COMPARE_BROWSERS: engines.join(',') },
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  let notStarted = false;
  for (const [from, to] of [
    [wtr.stdout, process.stdout],
    [wtr.stderr, process.stderr],
  ]) {
    // The end of what came before too, in case the words arrive split.
    let tail = '';
    from.on('data', (data) => {
      to.write(data);
      tail = (tail + data).slice(-1000);
      if (NOT_STARTED.test(tail)) notStarted = true;
    });
  }
  return new Promise((resolve) => wtr.on('close', (code) => resolve({ code: code ?? 1, notStarted })));
}

/** WebKit's run, with its own X server and a driver that has shown it can open the browser. */
async function runWebKit() {
  let display = process.env.DISPLAY;
  if (!display) {
    const xvfb = await startXvfb();
    stops.push(() => xvfb.child.kill('SIGTERM'));
    display = xvfb.display;
  }
  for (let attempt = 1; ; attempt += 1) {
    const { port, child } = await startWorkingWebKitDriver({ ...process.env, DISPLAY: display });
    stops.push(() => stopWebKitDriver(child));
    const run = await runTests(['webkit'], { WEBKIT_DRIVER_PORT: String(port), DISPLAY: display });
    stopWebKitDriver(child);
    // A browser that never came up is the machine's hiccup, not a test's failure: once more.
    if (!run.code || !run.notStarted || attempt === 2) return run.code;
    console.log('WebKit did not start for the test runner; running its tests again with a new driver.');
  }
}

// Chromium and Firefox side by side, then WebKit on a machine that is quiet again: a WebKit start
// competing with two other browsers' for two cores has been seen to hang.
const others = available.filter((name) => name !== 'webkit');
let code = others.length ? (await runTests(others)).code : 0;
if (available.includes('webkit')) {
  try {
    code = (await runWebKit()) || code;
  } catch (error) {
    console.error(`WebKit's tests could not run: ${error.message}`);
    code = 1;
  }
}
stopStarted();
process.exit(code);
