import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/** Files that mock modules or reset them: they get a module registry of their own. */
const isolated = [
  'test/unit/output-faults.test.ts',
  'test/unit/read-only-disk.test.ts',
  'test/e2e/reproducible.test.ts',
  'test/e2e/release-no-renderer.test.ts',
];
// The browser tests need Debian's chromium (`npm run test:browser`); the printed-glyph tests need OCR (`npm run test:print`).
const browser = 'test/browser/**';
const print = 'test/print/**';

export default defineConfig({
  test: {
    globalSetup: ['test/setup/compile.ts'],
    // Each file's temporary folder, and a check that the file leaves no file or process behind.
    setupFiles: ['test/setup/leftovers.ts'],
    // Only a last guard against a hang: tests wait for events and conditions, never for a fixed time, so a loaded
    // machine makes them slower, not red.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Vitest leaves a core free by default: on a 2-core machine that is one file at a time.
    maxWorkers: availableParallelism(),
    projects: [
      // The rest share each worker's loaded modules: importing the pipeline once per worker, not once per file.
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, browser, print, ...isolated],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: isolated } },
    ],
  },
});
