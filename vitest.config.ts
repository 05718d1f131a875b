import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Fails the run if a test leaves a vmvc-* folder in the temp directory.
    globalSetup: ['tests/support/leftovers.ts'],
    // A timeout ends a hung test; it never judges speed. Measured with both
    // cores held by busy loops, the slowest test that sets no timeout of its
    // own took 4.0 s (2.9 s idle), against vitest's default of 5 s: 30 s
    // leaves room for a machine several times as loaded.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
