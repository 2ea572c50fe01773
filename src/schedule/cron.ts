import nodeCron from 'node-cron';
import { localTime, offsetMinutes, readsBack, wallTimeToInstant } from './timezone.js';

/**
 * Our reading of a five-field cron expression, checked against node-cron's (which validates it too). We compute the
 * run instants ourselves, and the service's slot timers (slot-timer.ts) fire at them, so "next run", catch-up after a
 * restart, the minimum-interval rule and the retry window all use one function and work with an injected clock.
 *
 * Accepted: numbers, `*`, ranges `a-b`, steps `* /n` and `a-b/n`, lists, month and weekday names (jan, mon…),
 * 0 or 7 for Sunday, `?` in the day fields, and node-cron's nicknames (@daily, @hourly, @weekly, @monthly,
 * @yearly). An inverted range wraps (hour `22-2` = 22,23,0,1,2), as node-cron reads it.
 * Refused: a sixth (seconds) field, and node-cron's Quartz extensions (L, W, #): they are rare in briefing
 * schedules and we would have to describe and test them in two languages.
 *
 * Day-of-month and day-of-week are combined with AND, not Vixie cron's OR, because that is what node-cron does
 * (see its README, "Note on Quartz"): `0 9 1 * mon` runs on a 1st that is a Monday.
 */
export interface CronSpec {
  source: string;
  minutes: number[];
  hours: number[];
  daysOfMonth: number[];
  months: number[];
  /** 0 = Sunday … 6 = Saturday. */
  daysOfWeek: number[];
  /** Which fields were written as a bare `*` (or `?`): the describer needs to know. */
  wildcard: { minute: boolean; hour: boolean; dayOfMonth: boolean; month: boolean; dayOfWeek: boolean };
  /** The raw text of each field, for the describer. */
  fields: [string, string, string, string, string];
}

export class CronSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronSyntaxError';
  }
}

const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldRule {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Value of the first name (months start at 1, weekdays at 0). */
  namesFrom?: number;
}

const FIELD_RULES: FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, namesFrom: 1 },
  // 7 is accepted as Sunday and folded to 0 below.
  { name: 'day of week', min: 0, max: 7, names: WEEKDAY_NAMES, namesFrom: 0 },
];

/** Parse and validate; throws CronSyntaxError with a message that names the field that is wrong. */
export function parseCron(expression: string): CronSpec {
  const trimmed = expression.trim().replace(/\s+/g, ' ');
  if (!trimmed) throw new CronSyntaxError('the cron expression is empty');
  if (trimmed.length > 100) throw new CronSyntaxError('the cron expression is too long');
  const text = NICKNAMES[trimmed.toLowerCase()] ?? trimmed;
  const parts = text.split(' ');
  if (parts.length === 6) {
    throw new CronSyntaxError('six fields given: seconds are not supported, use five (minute hour day month weekday)');
  }
  if (parts.length !== 5) {
    throw new CronSyntaxError(`expected five fields (minute hour day month weekday), got ${parts.length}`);
  }
  const values = parts.map((field, i) => parseField(field, FIELD_RULES[i], i >= 2 && i !== 3));
  // Both readers must agree that it is valid: ours (above, with the clearer messages) and node-cron's, which runs
  // it. node-cron also refuses dates that never exist, such as «0 0 30 2 *».
  if (!nodeCron.validate(text)) throw new CronSyntaxError(`"${text}" never runs or is not valid cron`);
  const daysOfWeek = [...new Set(values[4].map((d) => (d === 7 ? 0 : d)))].sort((a, b) => a - b);
  const isWild = (f: string) => f === '*' || f === '?';
  return {
    source: text,
    minutes: values[0],
    hours: values[1],
    daysOfMonth: values[2],
    months: values[3],
    daysOfWeek,
    wildcard: {
      minute: isWild(parts[0]),
      hour: isWild(parts[1]),
      dayOfMonth: isWild(parts[2]),
      month: isWild(parts[3]),
      dayOfWeek: isWild(parts[4]),
    },
    fields: parts as CronSpec['fields'],
  };
}

function parseField(field: string, rule: FieldRule, questionMarkAllowed: boolean): number[] {
  if (/[LW#]/i.test(field.replace(/[a-z]{3}/gi, (w) => (rule.names?.includes(w.toLowerCase()) ? '0' : w)))) {
    throw new CronSyntaxError(`${rule.name}: L, W and # are not supported in briefing schedules`);
  }
  const out = new Set<number>();
  for (const token of field.split(',')) {
    if (token === '') throw new CronSyntaxError(`${rule.name}: empty list item in "${field}"`);
    const [rangeText, stepText, extra] = token.split('/');
    if (extra !== undefined) throw new CronSyntaxError(`${rule.name}: "${token}" has two steps`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1 || !/^\d+$/.test(stepText ?? '1')) {
      throw new CronSyntaxError(`${rule.name}: step "${stepText}" must be a whole number of at least 1`);
    }
    let from: number;
    let to: number;
    if (rangeText === '*' || (rangeText === '?' && questionMarkAllowed)) {
      from = rule.min;
      to = rule.name === 'day of week' ? 6 : rule.max;
    } else if (rangeText.includes('-')) {
      const [a, b] = rangeText.split('-');
      from = value(a, rule);
      to = value(b, rule);
    } else {
      from = value(rangeText, rule);
      // node-cron reads "5/15" literally and rejects it; only ranges and * take a step.
      if (stepText !== undefined) throw new CronSyntaxError(`${rule.name}: a step needs a range or *, as in */${step}`);
      to = from;
    }
    const size = rule.max - rule.min + 1;
    const span = from <= to ? to - from : ((to - from) % size) + size; // inverted range wraps, like node-cron
    for (let offset = 0; offset <= span; offset += step) {
      let v = from + offset;
      if (v > rule.max) v -= size;
      out.add(v);
    }
  }
  return [...out].sort((a, b) => a - b);
}

function value(text: string, rule: FieldRule): number {
  const lower = text.toLowerCase();
  const named = rule.names?.indexOf(lower) ?? -1;
  if (named >= 0) return named + (rule.namesFrom ?? 0);
  if (!/^\d{1,2}$/.test(text)) throw new CronSyntaxError(`${rule.name}: "${text}" is not a number`);
  const n = Number(text);
  if (n < rule.min || n > rule.max) {
    throw new CronSyntaxError(`${rule.name}: ${n} is outside ${rule.min}–${rule.max}`);
  }
  return n;
}

function dayMatches(spec: CronSpec, year: number, month: number, day: number): boolean {
  if (!spec.months.includes(month) || !spec.daysOfMonth.includes(day)) return false;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return spec.daysOfWeek.includes(weekday);
}

// node-cron searches up to 100 years; a schedule that has not run within eight years (e.g. «0 0 30 2 *») is
// treated as never running.
const SEARCH_DAYS = 366 * 8;

/**
 * The runs on one local calendar day, in order, as instants. A wall time that does not exist (spring-forward gap)
 * does not read back and is skipped, as node-cron skips it; a repeated one (fall-back fold) runs once.
 */
function runsOnDay(spec: CronSpec, timeZone: string, year: number, month: number, day: number): number[] {
  if (!dayMatches(spec, year, month, day)) return [];
  const runs: number[] = [];
  // Fast path for the ~363 days a year without a clock change: the offset is the same from well before this
  // local day starts until well after it ends (offsets lie within −12h…+14h), so every wall time maps with it.
  // Transitions are weeks apart in every zone, so an equal offset at both ends means none in between.
  const midnightUtc = Date.UTC(year, month - 1, day);
  const offset = offsetMinutes(timeZone, midnightUtc - 14 * 3_600_000);
  if (offset === offsetMinutes(timeZone, midnightUtc + 36 * 3_600_000)) {
    for (const hour of spec.hours) {
      for (const minute of spec.minutes) runs.push(midnightUtc + (hour * 60 + minute - offset) * 60_000);
    }
    return runs;
  }
  for (const hour of spec.hours) {
    for (const minute of spec.minutes) {
      const t = { year, month, day, hour, minute };
      const instant = wallTimeToInstant(timeZone, t);
      if (readsBack(timeZone, instant, t)) runs.push(instant);
    }
  }
  return runs;
}

/** Local calendar days from the one containing `fromMs`, as [year, month, day]. */
function* localDays(timeZone: string, fromMs: number, count: number): Generator<[number, number, number]> {
  const start = localTime(timeZone, fromMs);
  // Start one day early: a fold can put the first wall times of a day before the instant's own local date.
  let cursor = Date.UTC(start.year, start.month - 1, start.day) - 86_400_000;
  for (let i = 0; i <= count; i++, cursor += 86_400_000) {
    const d = new Date(cursor);
    yield [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  }
}

/** The first run strictly after `afterMs`, in the zone; null when the schedule never runs. */
export function nextRun(spec: CronSpec, timeZone: string, afterMs: number): number | null {
  for (const [y, m, d] of localDays(timeZone, afterMs, SEARCH_DAYS)) {
    if (!dayMatches(spec, y, m, d)) continue;
    const found = runsOnDay(spec, timeZone, y, m, d).find((t) => t > afterMs);
    if (found !== undefined) return found;
  }
  return null;
}

/** Runs in (afterMs, untilMs], in order; stops after `limit` runs. */
export function runsBetween(spec: CronSpec, timeZone: string, afterMs: number, untilMs: number, limit = 100_000): number[] {
  const runs: number[] = [];
  let t = afterMs;
  while (runs.length < limit) {
    const next = nextRun(spec, timeZone, t);
    if (next === null || next > untilMs) break;
    runs.push(next);
    t = next;
  }
  return runs;
}

/**
 * The latest run at or before `nowMs` and strictly after `notBeforeMs` (e.g. the previous briefing's slot), or null.
 * This is what a tick or a start-up catch-up posts: only the LATEST missed slot, never one post per missed slot.
 */
export function latestRunAtOrBefore(spec: CronSpec, timeZone: string, nowMs: number, notBeforeMs: number): number | null {
  // Walk back day by day from tomorrow (a fold can put today's wall times on either side of the date line) for at
  // most a year: a bot down for longer still catches up once, on the latest slot within that year.
  const today = localTime(timeZone, nowMs);
  let cursor = Date.UTC(today.year, today.month - 1, today.day) + 86_400_000;
  const oldest = Math.max(notBeforeMs, nowMs - 367 * 86_400_000);
  for (; cursor >= oldest - 2 * 86_400_000; cursor -= 86_400_000) {
    const d = new Date(cursor);
    const runs = runsOnDay(spec, timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    for (let i = runs.length - 1; i >= 0; i--) {
      if (runs[i] <= nowMs) return runs[i] > notBeforeMs ? runs[i] : null;
    }
  }
  return null;
}

/**
 * The smallest gap, in minutes, between consecutive runs over the horizon in the zone (DST transitions included),
 * or Infinity when it runs at most once. Stops early once a gap below `stopBelow` is seen.
 */
export function smallestGapMinutes(
  spec: CronSpec,
  timeZone: string,
  fromMs: number,
  horizonDays = 366,
  stopBelow = 0,
): number {
  // Same-day gaps do not depend on the calendar: check the wall-clock times of day first, so that a frequent
  // schedule on a rare day («* /5 * 29 2 *») is caught even when that day is years away.
  let smallest = Infinity;
  const times = spec.hours.flatMap((h) => spec.minutes.map((m) => h * 60 + m));
  for (let i = 1; i < times.length; i++) smallest = Math.min(smallest, times[i] - times[i - 1]);
  if (smallest < stopBelow) return smallest;
  const first = nextRun(spec, timeZone, fromMs);
  if (first === null) return smallest;
  // Then the real instants, day by day over the horizon: midnight wrap-arounds («55 23» then «0 0») and DST.
  let previous: number | null = null;
  for (const [y, m, d] of localDays(timeZone, first, horizonDays)) {
    for (const run of runsOnDay(spec, timeZone, y, m, d)) {
      if (previous !== null && run > previous) {
        smallest = Math.min(smallest, (run - previous) / 60_000);
        if (smallest < stopBelow) return smallest;
      }
      if (previous === null || run > previous) previous = run;
    }
  }
  return smallest;
}
