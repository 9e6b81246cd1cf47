import { defineConfig } from 'vite';

/**
 * `dist/editor.js`: the feed editor page's script (demo/editor.html). It bundles the widget from
 * source for the live preview and the feed contract for the checks; it is not part of what
 * readers' pages load, so it is outside the widget's size budget.
 */
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: 'oxc',
    rolldownOptions: { output: { minify: true, comments: false } },
    sourcemap: true,
    lib: {
      entry: 'demo/editor/feed-editor.ts',
      formats: ['es'],
      fileName: () => 'editor.js',
    },
  },
});
