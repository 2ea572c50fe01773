/**
 * Prints one plain closing line, "vitest: N passed, N failed, N skipped", after Vitest's own summary, so CI and
 * humans read the same counts whatever the reporter's colours and layout.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const skippedNames: string[] = [];
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else {
          skipped++;
          skippedNames.push(test.fullName);
        }
      }
      // A file that failed to load (syntax error, failing hook) has no tests but must count as a failure.
      if (mod.state() === 'failed' && ![...mod.children.allTests()].some((t) => t.result().state === 'failed')) failed++;
    }
    failed += unhandledErrors.length;
    // Suites that need what a clone may lack (../shared/data, Chromium) say why in their titles: list them.
    for (const name of skippedNames) process.stdout.write(`skipped: ${name}\n`);
    process.stdout.write(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
