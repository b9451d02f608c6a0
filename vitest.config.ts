import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/services/**/*.test.ts', 'tests/contract/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // argon2id hashing at OWASP cost and real databases make some tests take seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
