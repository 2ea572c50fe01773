/**
 * Our next-run computation (src/schedule/cron.ts) against when node-cron 4 really FIRES — tasks armed under fake
 * timers and run through the clock changes of zones with DST — and against our own slot timers (slot-timer.ts),
 * which the briefing service uses to wake each subscription.
 *
 * What the comparison found (issue 11's London case): armed during a repeated hour, node-cron skips the wall times
 * at or before the current one although their instants are still ahead; armed anywhere else, or from slot to slot,
 * it fires exactly our instants. The fix is on our side: the service no longer relies on node-cron's walk.
 */
import nodeCron from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextRun, parseCron } from '../src/schedule/cron.js';
import { SlotTimers } from '../src/schedule/slot-timer.js';
import { offsetMinutes } from '../src/schedule/timezone.js';

afterEach(() => {
  vi.useRealTimers();
});

const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

/** Every instant in [from, to) at which the zone's UTC offset changes, to the minute. */
function transitions(zone: string, from: number, to: number): { at: number; before: number; after: number }[] {
  const found: { at: number; before: number; after: number }[] = [];
  for (let t = from; t < to; t += HOUR) {
    const a = offsetMinutes(zone, t);
    const b = offsetMinutes(zone, t + HOUR);
    if (a === b) continue;
    let lo = t;
    let hi = t + HOUR;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetMinutes(zone, mid) === a) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, before: a, after: b });
  }
  return found;
}

/** The instants at which node-cron's task, armed at `armAt`, fires before `until` (fake Date and setTimeout). */
async function nodeCronFires(expr: string, zone: string, armAt: number, until: number): Promise<number[]> {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.setSystemTime(armAt);
  const fires: number[] = [];
  const task = nodeCron.schedule(expr, () => void fires.push(Date.now()), { timezone: zone });
  await vi.advanceTimersByTimeAsync(until - armAt);
  await task.destroy();
  vi.useRealTimers();
  return fires.filter((t) => t < until);
}

/** Our instants from `armAt`: nextRun, then nextRun from each slot (what the slot timers walk). */
function ourRuns(expr: string, zone: string, armAt: number, until: number): number[] {
  const spec = parseCron(expr);
  const runs: number[] = [];
  for (let t = nextRun(spec, zone, armAt); t !== null && t < until; t = nextRun(spec, zone, t)) runs.push(t);
  return runs;
}

/** The instants at which our slot timers, armed at `armAt`, fire before `until`. */
async function slotTimerFires(expr: string, zone: string, armAt: number, until: number): Promise<number[]> {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.setSystemTime(armAt);
  const fires: number[] = [];
  const timers = new SlotTimers(
    { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
    () => Date.now(),
    (_id, slot) => {
      expect(Date.now()).toBe(slot); // fired at the slot itself, never before or late
      fires.push(slot);
    },
  );
  timers.arm(1, parseCron(expr), zone);
  await vi.advanceTimersByTimeAsync(until - armAt);
  timers.clear();
  vi.useRealTimers();
  return fires.filter((t) => t < until);
}

describe('next run against node-cron firing, across clock changes', () => {
  it('finds issue 11’s London case: armed at 01:00 BST on the fall-back night, node-cron skips 01:00 GMT', async () => {
    const armAt = Date.parse('2026-10-25T00:00:00Z'); // 01:00 BST; the clocks go back to 01:00 GMT at 01:00Z
    const until = Date.parse('2026-10-25T03:00:00Z');
    expect((await nodeCronFires('0,45 1 * * *', 'Europe/London', armAt, until)).map(iso)).toEqual(['2026-10-25T01:45:00.000Z']);
    expect(ourRuns('0,45 1 * * *', 'Europe/London', armAt, until).map(iso)).toEqual(['2026-10-25T01:00:00.000Z', '2026-10-25T01:45:00.000Z']);
    // Our timers run both, at our instants: 01:00 and 01:45 GMT (each wall time once, as node-cron picks it).
    expect((await slotTimerFires('0,45 1 * * *', 'Europe/London', armAt, until)).map(iso)).toEqual([
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T01:45:00.000Z',
    ]);
    // Armed at 00:50Z (01:50 BST), node-cron loses the night's four briefings; ours posts them.
    const late = Date.parse('2026-10-25T00:50:00Z');
    expect(await nodeCronFires('0,15,30,45 1 * * *', 'Europe/London', late, until)).toEqual([]);
    expect(await slotTimerFires('0,15,30,45 1 * * *', 'Europe/London', late, until)).toHaveLength(4);
  });

  it('agrees with node-cron everywhere else, and our timers fire exactly our instants', async () => {
    const zones = ['Europe/London', 'Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'America/Santiago', 'Africa/Casablanca'];
    const crons = ['0,45 1 * * *', '*/15 * * * *', '30 2 * * *', '0 * * * *', '15,45 1-3 * * *', '0 8 * * *'];
    const from = Date.parse('2026-09-01T00:00:00Z');
    const to = Date.parse('2027-09-01T00:00:00Z');
    let compared = 0;
    let skippedByNodeCron = 0;
    for (const zone of zones) {
      const changes = transitions(zone, from, to);
      expect(changes.length, zone).toBeGreaterThanOrEqual(2); // a fall-back and a spring-forward at least
      for (const change of changes) {
        const fold = change.after < change.before; // clocks go back: the wall times of (after, before] repeat
        for (const expr of crons) {
          const until = change.at + 4 * HOUR;
          // Arm every 20 minutes from three hours before the change to two after.
          for (let armAt = change.at - 3 * HOUR; armAt <= change.at + 2 * HOUR; armAt += 20 * 60_000) {
            const theirs = await nodeCronFires(expr, zone, armAt, until);
            const ours = ourRuns(expr, zone, armAt, until);
            expect(await slotTimerFires(expr, zone, armAt, until), `${expr} ${zone} armed ${iso(armAt)}`).toEqual(ours);
            // node-cron never fires at an instant that is not one of our slots…
            for (const t of theirs) expect(ours, `${expr} ${zone} armed ${iso(armAt)}: node-cron fired ${iso(t)}`).toContain(t);
            // The repeated wall times happen twice: in the hour before the change and again in the hour after it.
            const foldMs = (change.before - change.after) * 60_000;
            const insideFold = fold && armAt >= change.at - foldMs && armAt < change.at + foldMs;
            if (!insideFold) {
              // …and armed outside a repeated hour it fires exactly ours.
              expect(theirs.map(iso), `${expr} ${zone} armed ${iso(armAt)}`).toEqual(ours.map(iso));
            } else {
              // Inside one, it only ever drops slots of the repeated hour (the fault the timers avoid).
              const dropped = ours.filter((t) => !theirs.includes(t));
              for (const t of dropped) expect(Math.abs(t - change.at), `${expr} ${zone} armed ${iso(armAt)}`).toBeLessThan(foldMs);
              skippedByNodeCron += dropped.length;
            }
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(skippedByNodeCron).toBeGreaterThan(0); // the London case is not alone
  }, 120_000);
});
