import { existsSync, readdirSync, rmSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

/** The previous build's editor chunks (content-named) would pile up in `dist/`; clear them. */
const clearEditorChunks: Plugin = {
  name: 'clear-editor-chunks',
  apply: 'build',
  buildStart() {
    if (!existsSync('dist')) return;
    for (const entry of readdirSync('dist', { withFileTypes: true })) {
      if (entry.isFile() && /^editor-.+\.js(\.map|\.br|\.gz)?$/.test(entry.name)) rmSync(`dist/${entry.name}`);
    }
  },
};

/**
 * `dist/editor.js`: the feed editor page's script (demo/editor.html). It bundles the widget from
 * source for the live preview and the feed check for the problems; it is not part of what
 * readers' pages load, so it is outside the widget's size budget. Its language chunks are named
 * after it, apart from the widget's own.
 */
export default defineConfig({
  plugins: [clearEditorChunks],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: 'oxc',
    rolldownOptions: { output: { minify: true, comments: false, chunkFileNames: 'editor-[name]-[hash].js' } },
    sourcemap: true,
    lib: {
      entry: 'demo/editor/feed-editor.ts',
      formats: ['es'],
      fileName: () => 'editor.js',
    },
  },
});
