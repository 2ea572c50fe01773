import { nextRun, type CronSpec } from './cron.js';

/**
 * How long a briefing that Discord would not take keeps being retried, and how often.
 *
 * A short outage at slot time must not cost a whole period (a daily briefing a day late), and a retried briefing
 * must not arrive so late that it runs into the next one. So a run is retried until the earlier of one hour or half
 * the time to the subscription's next slot, counted from when the run started (a catch-up run after a restart
 * starts at start-up, not at its slot): a daily briefing gets an hour, a 15-minute one seven and a half minutes.
 * Past that, the run is given up and reported once; its period is not consumed, so the next briefing carries its
 * articles.
 */
export const RETRY_WINDOW_MAX_MS = 60 * 60_000;

/** Waits between retries of a whole run (each retry is itself a short burst, see delivery.ts): 30 s doubling to 15 min. */
const RETRY_FIRST_MS = 30_000;
const RETRY_MAX_DELAY_MS = 15 * 60_000;

/**
 * A retry timer fires a little late (event-loop load, a suspended laptop): an attempt this soon after the deadline
 * still counts as within it, so the last retry scheduled AT the deadline is made rather than given up.
 */
export const DEADLINE_SLACK_MS = 60_000;

/** When retrying a run stops: `startedAt` + min(1 h, half the gap from its slot to the next slot). */
export function retryDeadline(spec: CronSpec, timeZone: string, slotMs: number, startedAtMs: number): number {
  const next = nextRun(spec, timeZone, slotMs);
  const half = next === null ? RETRY_WINDOW_MAX_MS : Math.floor((next - slotMs) / 2);
  return startedAtMs + Math.min(RETRY_WINDOW_MAX_MS, half);
}

/**
 * When to try again after `failures` failed attempts (1 for the first), or null when the window is over. The last
 * retry is placed at the deadline itself when a full backoff step would pass it.
 */
export function nextRetryAt(nowMs: number, failures: number, deadlineMs: number): number | null {
  if (nowMs >= deadlineMs) return null;
  const wait = Math.min(RETRY_MAX_DELAY_MS, RETRY_FIRST_MS * 2 ** Math.max(0, failures - 1));
  return Math.min(nowMs + wait, deadlineMs);
}

/** «1 hour», «7.5 minutes»: the window in words, for the report. */
export function windowInWords(ms: number, language: 'en' | 'ar'): string {
  const minutes = Math.round((ms / 60_000) * 10) / 10;
  if (minutes >= 60 && minutes % 60 === 0) {
    const hours = minutes / 60;
    return language === 'ar' ? (hours === 1 ? 'ساعة' : `${hours} ساعات`) : hours === 1 ? '1 hour' : `${hours} hours`;
  }
  return language === 'ar' ? `${minutes} دقيقة` : `${minutes} minutes`;
}

/** setTimeout/clearTimeout, injectable so tests fire retries in controlled time. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The runs waiting for a retry: when each is due, its timer, and how many of its attempts failed (so a run that
 * fails again, even after a resume, backs off further). In memory: after a restart, start-up resumes every run
 * still 'posting' in the store, and this starts again from zero.
 */
export class RetryBook {
  private readonly entries = new Map<number, { failures: number; dueAt: number; handle?: unknown }>();

  constructor(private readonly timers: Timers = REAL_TIMERS) {}

  failures(runId: number): number {
    return this.entries.get(runId)?.failures ?? 0;
  }

  /** True for a run with no retry booked (e.g. left by an earlier process) or whose retry time has come. */
  isDue(runId: number, nowMs: number): boolean {
    const entry = this.entries.get(runId);
    return !entry || entry.dueAt <= nowMs;
  }

  /** Book the next retry at `atMs`; `fire` runs then (no timer when `arm` is false: a stopped service). */
  book(runId: number, failures: number, atMs: number, nowMs: number, fire: () => void, arm: boolean): void {
    this.pause(runId);
    const entry: { failures: number; dueAt: number; handle?: unknown } = { failures, dueAt: atMs };
    if (arm) {
      entry.handle = this.timers.setTimeout(() => {
        entry.handle = undefined;
        fire();
      }, Math.max(0, atMs - nowMs));
    }
    this.entries.set(runId, entry);
  }

  /** Drop the timer, keep the failure count. */
  pause(runId: number): void {
    const entry = this.entries.get(runId);
    if (entry?.handle !== undefined) this.timers.clearTimeout(entry.handle);
    if (entry) entry.handle = undefined;
  }

  /** The run is done (delivered, refused or given up). */
  forget(runId: number): void {
    this.pause(runId);
    this.entries.delete(runId);
  }

  clear(): void {
    for (const id of this.entries.keys()) this.pause(id);
    this.entries.clear();
  }
}
