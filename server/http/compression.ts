/**
 * Brotli and gzip for the bundle, feeds and pages. Each body is compressed once per version
 * (precompressed files from the build are used as they are) and kept, so a request costs no CPU
 * beyond choosing the variant.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Context } from 'hono';
import { plainAnswer, requestHeader } from './node-answer.js';

export type Encoding = 'br' | 'gzip';

/** Smaller bodies fit in a packet or two either way; compressing them only costs time. */
export const MIN_COMPRESS_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The encoding to answer with: brotli over gzip, unless the client weights them otherwise. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((found) => found !== undefined);
    weights.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0;
  const best = (['br', 'gzip'] as const).filter((name) => weight(name) > 0).sort((a, b) => weight(b) - weight(a))[0];
  return best;
}

/** The compressed forms of one body, made on first use. */
export class Variants {
  readonly #bytes: Uint8Array;
  readonly #made = new Map<Encoding, Promise<Uint8Array>>();

  constructor(bytes: Uint8Array, precompressed: Partial<Record<Encoding, Uint8Array>> = {}) {
    this.#bytes = bytes;
    for (const [encoding, body] of Object.entries(precompressed) as [Encoding, Uint8Array][]) {
      this.#made.set(encoding, Promise.resolve(body));
    }
  }

  get identity(): Uint8Array {
    return this.#bytes;
  }

  encoded(encoding: Encoding): Promise<Uint8Array> {
    let made = this.#made.get(encoding);
    if (!made) {
      made =
        encoding === 'br'
          ? brotli(this.#bytes, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 9,
                [constants.BROTLI_PARAM_SIZE_HINT]: this.#bytes.byteLength,
              },
            })
          : gzipAsync(this.#bytes, { level: 9 });
      this.#made.set(encoding, made);
    }
    return made;
  }
}

/**
 * Answers `variants` in the encoding the client prefers, with `Vary: Accept-Encoding` either way
 * (a shared cache must not hand a compressed copy to a client that cannot read it). A strong
 * ETag names one sequence of bytes, so each encoding gets its own tag (`"tag-br"`).
 */
export async function sendVariants(
  c: Context,
  variants: Variants,
  headers: Record<string, string>,
  status: 200 | 304 = 200,
): Promise<Response> {
  const all: Record<string, string> = { ...headers, Vary: 'Accept-Encoding' };
  const encoding =
    variants.identity.byteLength >= MIN_COMPRESS_BYTES ? chooseEncoding(requestHeader(c, 'accept-encoding')) : undefined;
  if (encoding && all.ETag) all.ETag = encodedTag(all.ETag, encoding);
  if (status === 304) return plainAnswer(c, null, 304, all);
  if (!encoding) return plainAnswer(c, variants.identity, 200, all);
  const body = await variants.encoded(encoding);
  return plainAnswer(c, body, 200, { ...all, 'Content-Encoding': encoding });
}

export function encodedTag(etag: string, encoding: Encoding): string {
  return `${etag.slice(0, -1)}-${encoding === 'br' ? 'br' : 'gz'}"`;
}

/** If-None-Match against a tag in any of its encodings, weakly (RFC 9110 §13.1.2). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const accepted = new Set([etag, encodedTag(etag, 'br'), encodedTag(etag, 'gzip')]);
  return header.split(',').some((tag) => accepted.has(tag.trim().replace(/^W\//, '')));
}
