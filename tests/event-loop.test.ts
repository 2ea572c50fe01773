import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { nextBackgroundTurn } from '../src/event-loop/background-turns.js';

/** Keeps the thread busy for `ms`, as a slice of real background work does. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** Runs `slices` slices of `ms`, each after a yield with `yieldFn` (the caller's own turn is not a slice). */
async function backgroundTask(name: string, slices: number, ms: number, log: string[], yieldFn: () => Promise<void>) {
  for (let i = 0; i < slices; i++) {
    await yieldFn();
    busy(ms);
    log.push(name);
  }
}

/** The longest run of consecutive slices with no timer tick between them. */
function longestRunWithoutTick(log: string[]): number {
  let longest = 0;
  let run = 0;
  for (const entry of log) {
    run = entry === 'tick' ? 0 : run + 1;
    longest = Math.max(longest, run);
  }
  return longest;
}

async function runThreeTasks(yieldFn: () => Promise<void>): Promise<string[]> {
  const log: string[] = [];
  const ticker = setInterval(() => log.push('tick'), 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  await Promise.all(['sync', 'catch-up', 'save'].map((name) => backgroundTask(name, 6, 3, log, yieldFn)));
  clearInterval(ticker);
  return log;
}

describe('background turns', () => {
  it('lets a timer run between any two background slices, however many tasks are slicing', async () => {
    const log = await runThreeTasks(nextBackgroundTurn);
    expect(log.filter((e) => e !== 'tick')).toHaveLength(18);
    expect(longestRunWithoutTick(log)).toBe(1);
  });

  it('is needed: plain setImmediate runs the slices of several tasks back to back', async () => {
    const log = await runThreeTasks(() => new Promise((resolve) => setImmediate(resolve)));
    expect(longestRunWithoutTick(log)).toBeGreaterThanOrEqual(3);
  });

  it('from an I/O callback, resumes only after a due timer has had its turn', async () => {
    const order: string[] = [];
    await new Promise<void>((done) => {
      void readFile(new URL(import.meta.url)).then(async () => {
        setTimeout(() => order.push('timer'), 0);
        busy(3); // the timer is due by now
        await nextBackgroundTurn();
        order.push('slice');
        done();
      });
    });
    expect(order).toEqual(['timer', 'slice']);
  });

  it('releases waiters in the order they asked', async () => {
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => nextBackgroundTurn().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
  });
});
