/**
 * The demo site: `/` is the demo page, `/demo/*` and `/dist/*` are files of those folders.
 * Nothing outside them can be reached: no `..`, no hidden files, no symlinks leading out.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import { DEMO_CSP } from '../http/security-headers.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** HTML and SVG are documents that could run script when opened, so both get the policy. */
const DOCUMENTS = new Set(['.html', '.svg']);

/**
 * Turns the URL path below a folder into safe path segments, or null. Segments are decoded one
 * by one, so an encoded slash (`..%2f`) cannot smuggle a separator past the checks.
 */
export function safeSegments(encodedPath: string): string[] | null {
  const segments: string[] = [];
  for (const raw of encodedPath.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (!segment || segment.startsWith('.') || /[/\\\0]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

/** The real path of a regular file inside `folder`, or null. */
async function fileInside(folder: string, segments: readonly string[]): Promise<string | null> {
  try {
    const root = await realpath(folder);
    const file = await realpath(resolve(root, ...segments));
    if (!file.startsWith(root + sep)) return null;
    return (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

async function sendFile(c: Context, folder: string, encodedPath: string): Promise<Response> {
  const segments = safeSegments(encodedPath);
  const file = segments && (await fileInside(folder, segments));
  if (!file) return c.text('Not found', 404);
  const type = extname(file).toLowerCase();
  const headers: Record<string, string> = {
    'Content-Type': CONTENT_TYPES[type] ?? 'application/octet-stream',
    // A development server: always revalidate, so a rebuilt widget shows up on reload.
    'Cache-Control': 'no-cache',
  };
  if (DOCUMENTS.has(type)) headers['Content-Security-Policy'] = DEMO_CSP;
  return c.body(await readFile(file), 200, headers);
}

/** The still-encoded path after `prefix`, from the raw URL (the router's path is decoded). */
function pathAfter(c: Context, prefix: string): string {
  return new URL(c.req.url).pathname.slice(prefix.length);
}

export function registerStaticFiles(app: Hono, root: string): void {
  const demo = join(root, 'demo');
  const dist = join(root, 'dist');
  app.get('/', (c) => sendFile(c, demo, 'index.html'));
  // Browsers ask for it whatever the page says; answering 404 is a console error on every page.
  app.get('/favicon.ico', (c) => sendFile(c, demo, 'favicon.svg'));
  app.get('/demo/*', (c) => sendFile(c, demo, pathAfter(c, '/demo/')));
  // The bundle is what bloggers' pages load from other origins, and module scripts need CORS.
  app.get('/dist/*', async (c) => {
    const response = await sendFile(c, dist, pathAfter(c, '/dist/'));
    response.headers.set('Access-Control-Allow-Origin', '*');
    return response;
  });
}
