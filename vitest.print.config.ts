import { defineConfig } from 'vitest/config';

// What is printed, read back by OCR (Debian's poppler-utils and tesseract-ocr, and fonts in every format):
// `npm run test:print`, which CI runs after installing them; `npm test` needs no system package.
export default defineConfig({
  test: {
    include: ['test/print/**/*.test.ts'],
    globalSetup: ['test/setup/compile.ts'],
    setupFiles: ['test/setup/leftovers.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
