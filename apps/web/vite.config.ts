import { defineConfig } from 'vite';

// Vite 8 compiles TSX itself (oxc); no React plugin is needed for the production build.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      onwarn(warning, warn) {
        // Fluent UI's modules start with 'use client' (for React Server Components); meaningless in an SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
