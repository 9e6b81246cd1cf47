/** Requests `fetch` cannot make: unnormalized paths and chunked bodies without a length. */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends `path` exactly as written. `chunks` are written one by one with chunked encoding;
 * `beforeLastChunk` runs before the final one, to act while the request is still in flight.
 */
export function rawRequest(
  base: string,
  path: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    chunks?: readonly string[];
    beforeLastChunk?: () => Promise<void>;
  } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    void (async () => {
      const chunks = options.chunks ?? [];
      for (const [index, chunk] of chunks.entries()) {
        if (index === chunks.length - 1 && options.beforeLastChunk) await options.beforeLastChunk();
        req.write(chunk);
      }
      req.end();
    })().catch(reject);
  });
}
