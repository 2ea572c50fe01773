import { nextRun, type CronSpec } from './cron.js';
import type { Timers } from './retry-window.js';

/**
 * The timers that wake each subscription at its cron slots: one setTimeout per subscription, aimed at the slot
 * computed by cron.ts — the very function behind the "next briefing" every reply shows, the start-up catch-up and
 * the retry window — so what a reply says is when the briefing runs.
 *
 * Why not node-cron's scheduler (node-cron still validates every expression, src/schedule/cron.ts, and is the oracle
 * of tests/schedule-cron-fires.test.ts): node-cron 4 computes its first run from the wall-clock time at which the
 * task is armed, and during a repeated hour (a fall-back night) it skips every wall time at or before the current
 * one even when that time's instant is still ahead. Measured: Europe/London, «0,45 1 * * *», armed at 00:00Z on
 * 2026-10-25 (01:00 BST): node-cron fires at 01:45Z and never at 01:00Z (01:00 GMT), where our next run said
 * 01:00Z; «0,15,30,45 1 * * *» armed at 00:50Z loses the whole night's four briefings. The bot arms a task at every
 * start-up and subscription, so which briefings ran depended on when it was started. Armed from slot to slot the two
 * agree (the test checks that too), so these timers fire exactly where node-cron would once it is past the fold,
 * and at the slots it would skip.
 *
 * A timer waits at most MAX_WAIT_MS and then looks again: a wall clock corrected by NTP or a laptop waking from sleep
 * moves the slot's distance, and setTimeout cannot hold more than 24.8 days (a monthly schedule).
 */
export const MAX_WAIT_MS = 10 * 60_000;

interface Armed {
  spec: CronSpec;
  timeZone: string;
  slot: number | null;
  handle?: unknown;
}

export class SlotTimers {
  private readonly armed = new Map<number, Armed>();

  constructor(
    private readonly timers: Timers,
    private readonly clock: () => number,
    /** Called at each slot; the caller runs the subscription (its runs are serialized and recorded per slot). */
    private readonly fire: (id: number, slotMs: number) => void,
  ) {}

  /** (Re)arm a subscription from now. */
  arm(id: number, spec: CronSpec, timeZone: string): void {
    this.disarm(id);
    const entry: Armed = { spec, timeZone, slot: nextRun(spec, timeZone, this.clock()) };
    this.armed.set(id, entry);
    this.wait(id, entry);
  }

  disarm(id: number): void {
    const entry = this.armed.get(id);
    if (entry?.handle !== undefined) this.timers.clearTimeout(entry.handle);
    this.armed.delete(id);
  }

  clear(): void {
    for (const id of [...this.armed.keys()]) this.disarm(id);
  }

  /** The slot the subscription's timer is aimed at (tests), or null when it never runs or is not armed. */
  nextSlot(id: number): number | null {
    return this.armed.get(id)?.slot ?? null;
  }

  private wait(id: number, entry: Armed): void {
    if (entry.slot === null) return;
    const delay = Math.max(0, Math.min(MAX_WAIT_MS, entry.slot - this.clock()));
    entry.handle = this.timers.setTimeout(() => this.wake(id, entry), delay);
  }

  private wake(id: number, entry: Armed): void {
    if (this.armed.get(id) !== entry || entry.slot === null) return; // disarmed or re-armed meanwhile
    entry.handle = undefined;
    const now = this.clock();
    if (now >= entry.slot) {
      const slot = entry.slot;
      // The next slot after this one, or after now when the process slept through several (the run then posts
      // the latest due slot once: BriefingService.runDue).
      entry.slot = nextRun(entry.spec, entry.timeZone, Math.max(now, slot));
      this.fire(id, slot);
    }
    this.wait(id, entry);
  }
}
