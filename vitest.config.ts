import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser tests need Debian's chromium: they run with `npm run test:browser`.
    exclude: [...configDefaults.exclude, 'test/browser/**'],
    globalSetup: ['test/setup/compile.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
