import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Fails the run if a test leaves a vmvc-* folder in the temp directory.
    globalSetup: ['tests/support/leftovers.ts'],
  },
});
