// WebKitGTK's WebDriver and the MiniBrowser it drives: where they are, the capability that
// names the browser, and how to start one driver on a free loopback port. Used by the browser
// test run and by the tests that open a second WebKit browser.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const WEBKIT_BROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
/** No `browserName`: WebKitWebDriver finds the browser through this alone. */
export const WEBKIT_CAPABILITIES = { 'webkitgtk:browserOptions': { binary: WEBKIT_BROWSER, args: ['--automation'] } };

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`WebKitWebDriver did not start on port ${port}`);
}

/** Starts a driver (with `env`, e.g. its DISPLAY) and resolves once it answers, with its port. */
export async function startWebKitDriver(env = process.env, timeoutMs = 20_000) {
  const port = await freePort();
  const child = spawn(WEBKIT_DRIVER, [`--port=${port}`], { env, stdio: 'ignore' });
  try {
    await waitForPort(port, timeoutMs);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return { port, child };
}
