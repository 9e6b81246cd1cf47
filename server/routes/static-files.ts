/**
 * Files from disk: the widget bundle (always) and the demo site (unless `DEMO=off`). Nothing
 * outside the served folders can be reached: no `..`, no hidden files, no symlinks leading out.
 * Each file is read, tagged and compressed once per version (build-time `.br`/`.gz` files beside
 * it are used when they are fresh), so a rebuilt bundle shows up without a restart.
 */
import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import { matchesEtag, sendVariants, Variants, type Encoding } from '../http/compression.js';
import { DEMO_CSP } from '../http/security-headers.js';
import { plainAnswer, requestHeader } from '../http/node-answer.js';

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

/** Text formats worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.json', '.map', '.css', '.txt', '.svg']);

/** HTML and SVG are documents that could run script when opened, so both get the policy. */
const DOCUMENTS = new Set(['.html', '.svg']);

/** The widget bundle, as bloggers' pages load it. */
export const BUNDLE_FILE = 'ai-compare.js';

/** The bundle under a URL that names its content, so it can be cached for a year. */
const HASHED_BUNDLE = /^ai-compare\.([0-9a-f]{16})\.js$/;

/** Caching for files whose URL does not name their content: revalidate after a few minutes. */
const SHORT_CACHE = 'public, max-age=300';
const IMMUTABLE = 'public, max-age=31536000, immutable';

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

/**
 * How long answers from the file system are reused: a busy server resolves and checks each file
 * once a second instead of on every request (a rebuilt file is served within that second).
 */
const FRESH_MS = 1_000;
/** Paths resolved to existing files lately; bounded, since request paths come from anyone. */
const resolved = new Map<string, { file: string; at: number }>();
const MAX_RESOLVED = 1_000;

/** The real path of a regular file inside `folder`, or null. */
async function fileInside(folder: string, segments: readonly string[]): Promise<string | null> {
  const key = `${folder}\0${segments.join('/')}`;
  const now = Date.now();
  const recent = resolved.get(key);
  if (recent && now - recent.at < FRESH_MS) return recent.file;
  const file = await findFileInside(folder, segments);
  if (file) {
    if (resolved.size >= MAX_RESOLVED) resolved.clear();
    resolved.set(key, { file, at: now });
  }
  return file;
}

async function findFileInside(folder: string, segments: readonly string[]): Promise<string | null> {
  try {
    const root = await realpath(folder);
    const file = await realpath(resolve(root, ...segments));
    if (!file.startsWith(root + sep)) return null;
    return (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

interface LoadedFile {
  /** When the file's size and time were last compared with the disk. */
  checkedAt: number;
  mtimeMs: number;
  size: number;
  variants: Variants;
  etag: string;
  /** 16 hex digits of the content hash, for content-named URLs. */
  hash: string;
}

/** A precompressed sibling (`file.br`), when it is at least as new as the file. */
async function precompressed(file: string, mtimeMs: number, suffix: string): Promise<Uint8Array | undefined> {
  try {
    const info = await stat(file + suffix);
    return info.mtimeMs >= mtimeMs ? new Uint8Array(await readFile(file + suffix)) : undefined;
  } catch {
    return undefined;
  }
}

/** Files read so far, by real path; re-read when their size or time changes. */
const loaded = new Map<string, LoadedFile>();

async function load(file: string): Promise<LoadedFile> {
  const now = Date.now();
  const known = loaded.get(file);
  if (known && now - known.checkedAt < FRESH_MS) return known;
  const info = await stat(file);
  if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) {
    known.checkedAt = now;
    return known;
  }
  const bytes = new Uint8Array(await readFile(file));
  const digest = createHash('sha256').update(bytes);
  const hex = digest.copy().digest('hex');
  const ready: Partial<Record<Encoding, Uint8Array>> = {};
  if (COMPRESSIBLE.has(extname(file).toLowerCase())) {
    const [br, gzip] = await Promise.all([
      precompressed(file, info.mtimeMs, '.br'),
      precompressed(file, info.mtimeMs, '.gz'),
    ]);
    if (br) ready.br = br;
    if (gzip) ready.gzip = gzip;
  }
  const entry: LoadedFile = {
    checkedAt: now,
    mtimeMs: info.mtimeMs,
    size: info.size,
    variants: new Variants(bytes, ready),
    etag: `"${digest.digest('base64url')}"`,
    hash: hex.slice(0, 16),
  };
  loaded.set(file, entry);
  return entry;
}

interface SendOptions {
  cacheControl: string;
  /** Module scripts on bloggers' pages are cross-origin requests: they need CORS. */
  cors?: boolean;
  headers?: Record<string, string>;
}

async function sendFile(c: Context, file: string, { cacheControl, cors = false, headers = {} }: SendOptions) {
  const entry = await load(file);
  const type = extname(file).toLowerCase();
  const all: Record<string, string> = {
    'Content-Type': CONTENT_TYPES[type] ?? 'application/octet-stream',
    'Cache-Control': cacheControl,
    ETag: entry.etag,
    ...headers,
  };
  if (DOCUMENTS.has(type)) all['Content-Security-Policy'] = DEMO_CSP;
  if (cors) all['Access-Control-Allow-Origin'] = '*';
  if (!COMPRESSIBLE.has(type)) {
    if (matchesEtag(requestHeader(c, 'if-none-match'), entry.etag)) return plainAnswer(c, null, 304, all);
    return plainAnswer(c, entry.variants.identity, 200, all);
  }
  const status = matchesEtag(requestHeader(c, 'if-none-match'), entry.etag) ? 304 : 200;
  return sendVariants(c, entry.variants, all, status);
}

async function sendFrom(c: Context, folder: string, encodedPath: string, options: SendOptions): Promise<Response> {
  const segments = safeSegments(encodedPath);
  const file = segments && (await fileInside(folder, segments));
  if (!file) return c.text('Not found', 404);
  return sendFile(c, file, options);
}

/** The still-encoded path after `prefix`, from the raw URL (the router's path is decoded). */
function pathAfter(c: Context, prefix: string): string {
  return new URL(c.req.url).pathname.slice(prefix.length);
}

/** The content-named URL of the bundle as it is now, e.g. `/ai-compare.0123456789abcdef.js`. */
export async function hashedBundlePath(root: string): Promise<string | undefined> {
  try {
    return `/ai-compare.${(await load(join(root, 'dist', BUNDLE_FILE))).hash}.js`;
  } catch {
    return undefined;
  }
}

/** A script beside the bundle, at the root: `ai-compare-de-….js`, `ai-compare.<hash>.js`. */
const BESIDE_BUNDLE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\.js$/;

/**
 * The widget bundle: `/ai-compare.js` (short caching; its `Link` header names the current
 * content-named URL), `/ai-compare.<hash>.js` (cached for a year), the files it loads on demand
 * beside it, and `/dist/<file>` (always revalidated: what the demo pages and `npm run dev` use).
 */
export function registerBundleRoutes(app: Hono, root: string): void {
  const dist = join(root, 'dist');
  app.get(`/${BUNDLE_FILE}`, async (c) => {
    const hashed = await hashedBundlePath(root);
    if (!hashed) return c.text('Not found', 404);
    return sendFile(c, join(dist, BUNDLE_FILE), {
      cacheControl: SHORT_CACHE,
      cors: true,
      headers: { Link: `<${hashed}>; rel="canonical"` },
    });
  });
  // A catch-all that checks the name itself, rather than a `/:file{…}` pattern: Hono's fastest
  // router cannot hold a parameter at the root beside fixed paths, and one such route would put
  // every request of the server on the slower one.
  app.get('/*', async (c, next) => {
    const name = c.req.path.slice(1);
    if (!BESIDE_BUNDLE.test(name)) return next();
    const hash = HASHED_BUNDLE.exec(name)?.[1];
    if (hash === undefined) return sendFrom(c, dist, name, { cacheControl: SHORT_CACHE, cors: true });
    const current = await hashedBundlePath(root);
    // An older build's URL (a page not yet updated): send it to the current bundle, uncached.
    if (current !== `/${name}`) {
      if (!current) return c.text('Not found', 404);
      c.header('Cache-Control', 'no-store');
      return c.redirect(current, 302);
    }
    return sendFile(c, join(dist, BUNDLE_FILE), { cacheControl: IMMUTABLE, cors: true });
  });
  // Single segments only: `dist/lib/` holds the compiled package, which is not for the web.
  app.get('/dist/:file', (c) => sendFrom(c, dist, pathAfter(c, '/dist/'), { cacheControl: 'no-cache', cors: true }));
}

/** The demo site: `/` is the demo page, `/demo/*` the files of that folder. */
export function registerDemoRoutes(app: Hono, root: string): void {
  const demo = join(root, 'demo');
  // A development and showcase site: always revalidate, so an edited page shows on reload.
  app.get('/', (c) => sendFrom(c, demo, 'index.html', { cacheControl: 'no-cache' }));
  app.get('/demo/*', (c) => sendFrom(c, demo, pathAfter(c, '/demo/'), { cacheControl: 'no-cache' }));
}

/** The comparison pages' stylesheet and icon, from the demo's folder. */
export const PAGE_ASSETS = { stylesheet: '/demo/demo.css', icon: '/demo/favicon.svg' } as const;

/**
 * What the comparison pages (`/comparisons/{id}`) need of the demo's folder, served with the
 * demo on or off: their stylesheet and icon, and the icon browsers ask for whatever the page
 * says (answering 404 is a console error on every page).
 */
export function registerPageAssets(app: Hono, root: string): void {
  const demo = join(root, 'demo');
  for (const path of Object.values(PAGE_ASSETS)) {
    app.get(path, (c) => sendFrom(c, demo, path.slice('/demo/'.length), { cacheControl: 'no-cache' }));
  }
  app.get('/favicon.ico', (c) => sendFrom(c, demo, 'favicon.svg', { cacheControl: 'public, max-age=86400' }));
}
