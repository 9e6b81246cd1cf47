import minifyHTMLLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defaultShouldMinifyCSS } from '@lit-labs/rollup-plugin-minify-html-literals/lib/minify-html-literals.js';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { feedJsonSchema } from './contract/feed-schema.js';

/** `dist/feed.schema.json`: the feed format as JSON Schema, generated from the zod schema. */
const feedSchemaFile: Plugin = {
  name: 'feed-json-schema',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'feed.schema.json', source: `${JSON.stringify(feedJsonSchema(), null, 2)}\n` });
  },
};

/** A previous build's language chunks (content-named) would pile up in `dist/`; clear them. */
const clearLanguageChunks: Plugin = {
  name: 'clear-language-chunks',
  apply: 'build',
  buildStart() {
    if (!existsSync('dist')) return;
    for (const name of readdirSync('dist', { withFileTypes: true })) {
      if (name.isFile() && /^ai-compare-.+\.js(\.map|\.br|\.gz)?$/.test(name.name)) rmSync(`dist/${name.name}`);
    }
  },
};

/** The chunk that fetches `src` feeds (named in its file name, `ai-compare-fetch-feed-….js`). */
const FETCH_FEED = 'fetch-feed';

/**
 * `dist/ai-compare.js`: the one file a blogger's script tag points at. Lit and the schema are
 * bundled, production mode, minified. The npm entry points are built by tsc (`dist/lib/`).
 */
export default defineConfig({
  plugins: [
    feedSchemaFile,
    minifyHTMLLiterals({
      failOnError: true,
      options: {
        minifyOptions: { removeAttributeQuotes: true },
        shouldMinifyCSS: (template) => defaultShouldMinifyCSS(template) && template.parts.some((part) => part.text.includes('{')),
      },
    }),
    clearLanguageChunks,
  ],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    // Terser compresses harder than Rolldown's minifier (two passes, the whole module as scope);
    // Rolldown's minifier still runs after it and drops the annotations Vite has Terser keep.
    // Terser leaves statements unjoined (no comma sequences): Rolldown's minifier joins them, and
    // what it makes of them gzips smaller.
    minify: 'terser',
    terserOptions: { ecma: 2022, module: true, toplevel: true, compress: { passes: 2, sequences: false }, format: { comments: false } },
    rolldownOptions: {
      // Lib builds keep whitespace by default (for re-bundling); this file is served as is.
      // UI languages other than English are chunks beside the bundle, named after it.
      output: {
        minify: true,
        comments: false,
        chunkFileNames: 'ai-compare-[name]-[hash].js',
        // Chromium compiles the functions of a file marked so while the file streams in, on
        // another thread, instead of one by one on the main thread when first called: most of
        // the bundle's run for the first render, and the feed-fetching chunk's as a `src` widget
        // loads.
        postBanner: (chunk) => (chunk.isEntry || chunk.name === FETCH_FEED ? '//# allFunctionsCalledOnLoad' : ''),
        // The timeout helper that feed fetching and voting share goes in the feed-fetching chunk:
        // on a chunk of its own, it would be found only once that chunk had arrived, and the feed
        // of a `src` widget would wait one more round trip before its request even started.
        codeSplitting: { groups: [{ name: FETCH_FEED, test: /\/(src\/feed\/fetch-feed|contract\/timed-fetch)\.ts$/ }] },
      },
    },
    sourcemap: true,
    lib: {
      entry: 'src/bundle.ts',
      formats: ['es'],
      fileName: () => 'ai-compare.js',
    },
  },
});
