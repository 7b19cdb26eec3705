import { defineProject } from 'vitest/config';

// Component and hook tests beside the code (`x.test.tsx` next to `x.tsx`), in jsdom with Testing Library.
export default defineProject({
  test: {
    name: '@ctp/web',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
  },
});
