#!/usr/bin/env node
// Runs the browser tests in Chromium, Firefox and WebKit. Missing browsers are installed from
// Debian's packages when running as root; elsewhere they are skipped with a note, except under
// CI=true, where a missing browser fails the run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startWebKitDriver, WEBKIT_BROWSER, WEBKIT_DRIVER } from './webkit-driver.mjs';
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

const started = [];
const env = { ...process.env, AI_COMPARE_BROWSERS: available.join(',') };

if (available.includes('webkit')) {
  let display = process.env.DISPLAY;
  if (!display) {
    display = `:${90 + Math.floor(Math.random() * 400)}`;
    const xvfb = spawn('/usr/bin/Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    started.push(xvfb);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const { port, child } = await startWebKitDriver({ ...process.env, DISPLAY: display });
  started.push(child);
  env.WEBKIT_DRIVER_PORT = String(port);
  env.DISPLAY = display;
}

function stopStarted() {
  for (const child of started.reverse()) {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
}
process.on('SIGINT', () => {
  stopStarted();
  process.exit(130);
});
process.on('SIGTERM', () => {
  stopStarted();
  process.exit(143);
});

console.log(`Browser tests in: ${available.join(', ')}`);
const wtr = spawn(process.execPath, ['node_modules/@web/test-runner/dist/bin.js', ...process.argv.slice(2)], {
  env,
  stdio: 'inherit',
});
const code = await new Promise((resolve) => wtr.on('exit', (c) => resolve(c ?? 1)));
stopStarted();
process.exit(code);
