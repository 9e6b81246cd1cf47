import { defineConfig } from 'vite';

/**
 * `dist/ai-compare.js`: the one file a blogger's script tag points at. Lit and the schema are
 * bundled, production mode, minified. The npm entry points are built by tsc (`dist/lib/`).
 */
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: 'oxc',
    rolldownOptions: {
      // Lib builds keep whitespace by default (for re-bundling); this file is served as is.
      // UI languages other than English are chunks beside the bundle, named after it.
      output: { minify: true, comments: false, chunkFileNames: 'ai-compare-[name]-[hash].js' },
    },
    sourcemap: true,
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: () => 'ai-compare.js',
    },
  },
});
