// WebKitGTK's WebDriver and the MiniBrowser it drives: where they are, the capability that
// names the browser, how to start an X server for it and a driver on a free loopback port. Used
// by the browser test run and by the tests that open a second WebKit browser.
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

/** Ends a driver and the browser it started (the driver leads its own process group). */
export function stopWebKitDriver(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Starts a driver and has it open the browser once, so that what follows (the test runner's
 * session) finds a driver known to work. A browser that does not come up within `sessionMs` (a
 * start that hangs, which a loaded machine has been seen to produce now and then) costs that
 * driver and its browser, and another try, up to `attempts`.
 */
export async function startWorkingWebKitDriver(env = process.env, { attempts = 3, sessionMs = 60_000 } = {}) {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const child = spawn(WEBKIT_DRIVER, [`--port=${port}`], { env, stdio: 'ignore', detached: true });
    try {
      await waitForPort(port, 20_000);
      const answer = await fetch(`http://127.0.0.1:${port}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ capabilities: { alwaysMatch: WEBKIT_CAPABILITIES } }),
        signal: AbortSignal.timeout(sessionMs),
      });
      const { value } = await answer.json();
      if (!answer.ok || !value?.sessionId) throw new Error(`the driver answered ${answer.status}: ${value?.message ?? 'no session'}`);
      await fetch(`http://127.0.0.1:${port}/session/${value.sessionId}`, { method: 'DELETE', signal: AbortSignal.timeout(20_000) });
      return { port, child };
    } catch (error) {
      stopWebKitDriver(child);
      if (attempt >= attempts) throw new Error(`WebKit did not start in ${attempts} tries: ${error.message}`, { cause: error });
      console.log(`WebKit did not start (${error.message}); trying again with a new driver.`);
    }
  }
}

/**
 * Starts an X server for the browser on a free display and resolves once it accepts clients,
 * with the display's name.
 */
export function startXvfb() {
  return new Promise((resolve, reject) => {
    const xvfb = spawn('/usr/bin/Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    let written = '';
    const timer = setTimeout(() => {
      xvfb.kill('SIGKILL');
      reject(new Error('Xvfb did not start within 20 s'));
    }, 20_000);
    xvfb.on('error', reject);
    // Xvfb writes the display's number once it is ready for clients.
    xvfb.stdio[3].on('data', (data) => {
      written += data;
      if (!written.endsWith('\n')) return;
      clearTimeout(timer);
      resolve({ display: `:${written.trim()}`, child: xvfb });
    });
  });
}
