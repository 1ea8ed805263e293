import { defineConfig } from 'vitest/config';

// Unit and integration tests of the Node core, beside the code. End-to-end flows live in e2e/ (Playwright).
export default defineConfig({
  test: {
    include: ['common/**/*.test.ts', 'main/**/*.test.ts', 'preload/**/*.test.ts', 'scripts/**/*.test.ts', 'renderer/**/*.test.ts'],
    environment: 'node',
    // Generous: a test asserts behaviour, never speed, and CI machines can be slow and busy.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
