import { defineConfig } from 'vite';

// Vite 8 compiles TSX itself (oxc); no React plugin is needed for the production build.
export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
