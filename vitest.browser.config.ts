import { defineConfig } from 'vitest/config';

// The real-browser tests: Debian's chromium driven by playwright-core (`npm run test:browser`; see the README).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/setup/compile.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
