import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      // ESM-only packages are bundled into main; native and large CJS deps stay external.
      externalizeDeps: { exclude: ['electron-store', 'ky', 'conf'] },
      rolldownOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          headless: resolve('src/main/headless.ts'),
          // Loaded by headless.ts after its Node version check; an entry of its own so it sits beside it (it finds ../renderer).
          'headless-main': resolve('src/main/headless-main.ts'),
          // worker_threads entries (each found beside the bundle by workers/worker-url.ts):
          // an import session's file and result, big campaigns composed, reads that grow with the data.
          'parse-worker': resolve('src/main/core/contacts/import/parse-worker.ts'),
          'compose-worker': resolve('src/main/core/campaigns/compose-worker.ts'),
          'read-worker': resolve('src/main/core/store/read-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads cannot be ESM and cannot require packages: one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
