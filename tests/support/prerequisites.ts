/**
 * What some tests need beyond the repository: the benchmark data in ../shared/data (not redistributable, so never
 * in the repository) and Debian's Chromium for the browser test. On a clone without them, `npm test` still passes:
 * those suites are skipped and their titles say why. `.ci/run` sets NASHRA_REQUIRE_ALL_TESTS=1, which turns a
 * missing prerequisite into a failure, so CI can never pass by silently skipping.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** ../shared/data beside the repository. */
export const SHARED_DATA = path.resolve(ROOT, '..', 'shared', 'data');
export const REQUIRE_ALL_TESTS = process.env.NASHRA_REQUIRE_ALL_TESTS === '1';

export interface Prerequisite {
  /** Pass to describe.skipIf / it.skipIf. */
  skip: boolean;
  /** ' (skipped: why)' when missing, '' when present: append it to the suite's title. */
  note: string;
}

export function prerequisite(present: boolean, missingReason: string): Prerequisite {
  if (!present && REQUIRE_ALL_TESTS) {
    throw new Error(`${missingReason} — NASHRA_REQUIRE_ALL_TESTS=1 (set by .ci/run) makes this a failure, not a skip`);
  }
  return { skip: !present, note: present ? '' : ` (skipped: ${missingReason})` };
}

/** A file of the benchmark data, e.g. benchmarkData('saudinewsnet/saudinewsnet.jsonl.gz'). */
export function benchmarkData(relative: string): Prerequisite & { file: string } {
  const file = path.join(SHARED_DATA, relative);
  return { file, ...prerequisite(existsSync(file), `../shared/data/${relative} not found (the benchmark data lives beside the repository)`) };
}

/** Debian's chromium package: `.ci/run` installs it (apt-get install -y chromium). */
export const CHROMIUM = '/usr/bin/chromium';
export function chromium(): Prerequisite {
  return prerequisite(existsSync(CHROMIUM), `${CHROMIUM} not found (apt-get install chromium)`);
}
