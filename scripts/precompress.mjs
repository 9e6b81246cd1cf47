#!/usr/bin/env node
// Writes brotli and gzip copies beside the files the server sends most (`dist/*.js`, `*.json`),
// at the highest settings: done once per build, so no request ever pays for compression.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const written = [];
for (const name of readdirSync(dist)) {
  const file = join(dist, name);
  if (!/\.(js|json)$/.test(name) || !statSync(file).isFile()) continue;
  const bytes = readFileSync(file);
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  written.push(`${name} (${bytes.length} B, br ${br.length} B)`);
}
console.log(`precompressed: ${written.join(', ') || 'nothing'}`);
