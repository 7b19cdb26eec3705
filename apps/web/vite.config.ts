import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Vite 8 compiles TSX itself (oxc); no React plugin is needed for the production build.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Source maps (several MB, the whole source) only on request: WEB_SOURCEMAP=1 pnpm --filter @ctp/web build.
    sourcemap: process.env.WEB_SOURCEMAP === '1',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // redirect.html is MSAL's redirect bridge (see src/auth/redirect-bridge.ts).
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        redirect: resolve(import.meta.dirname, 'redirect.html'),
      },
      onwarn(warning, warn) {
        // Fluent UI's modules start with 'use client' (for React Server Components); meaningless in an SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
