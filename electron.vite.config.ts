import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const shared = { '@shared': resolve(__dirname, 'src-shared') };

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/main',
      // Native and engine packages stay external: they are loaded from node_modules at run time.
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/entry/electron-main.ts'),
          server: resolve(__dirname, 'src-main/entry/server.ts'),
          // The CSV import's worker thread (src-main/services/leads/import/check-off-thread.ts finds it next to the bundle).
          'lead-csv-worker': resolve(__dirname, 'src-main/services/leads/import/csv-worker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        // A sandboxed preload must be a single CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    // Relative asset links: Electron loads index.html from file://. Server mode serves the same
    // file with <base href="/"> (src-main/transports/http.ts), so any URL depth finds /assets/.
    base: './',
    resolve: { alias: shared },
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
