import { defineConfig } from 'vitest/config';
import SummaryReporter from './tests/support/summary-reporter.js';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    reporters: ['default', new SummaryReporter()],
    // The end-to-end suites start a sandbox server and the real bot; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
