/**
 * Wall-clock arithmetic in IANA timezones with nothing but Intl (no tz library): enough to compute cron runs
 * exactly the way node-cron picks them (which wall time a DST fold or gap maps to), DST included.
 */

export interface LocalTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday (cron numbering). */
  weekday: number;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** True when Intl knows this IANA zone name (what node-cron and Discord users will type: «Africa/Casablanca»). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's canonical spelling (Intl accepts «africa/casablanca»; we store what Intl reports). */
export function canonicalTimeZone(timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
}

function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, f);
  }
  return f;
}

// Offsets only change on transitions, which fall on quarter hours in every zone in the tz database; caching per
// (zone, UTC quarter hour) makes scanning a year of runs cheap (a year of */15 runs is ~35,000 conversions).
const QUARTER_HOUR_MS = 15 * 60_000;
const offsetCache = new Map<string, number>();

/** Minutes the zone is ahead of UTC at this instant (Casablanca: +60 most of the year, 0 during Ramadan). */
export function offsetMinutes(timeZone: string, instantMs: number): number {
  const key = `${timeZone}|${Math.floor(instantMs / QUARTER_HOUR_MS)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const text = offsetFormatter(timeZone).format(new Date(instantMs));
  const m = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(text);
  const offset = m ? (m[1] === '+' ? 1 : -1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
  if (offsetCache.size > 200_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** The wall-clock time in the zone at this instant. */
export function localTime(timeZone: string, instantMs: number): LocalTime {
  const shifted = new Date(instantMs + offsetMinutes(timeZone, instantMs) * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: shifted.getUTCDay(),
  };
}

/**
 * The instant at which the zone's clocks show this wall time, computed the way node-cron 4 does it
 * (localTimeToTimestamp), so our "next run" is the instant node-cron will really fire:
 * - an ordinary time: the unique instant;
 * - a time skipped by a spring-forward gap: an instant that does NOT read back as that time — callers check with
 *   `readsBack` and skip it, as node-cron does (a 02:30 schedule does not run on the night clocks jump 02:00→03:00);
 * - a time repeated by a fall-back fold: one of the two instants (node-cron's first candidate), so it runs once.
 */
export function wallTimeToInstant(
  timeZone: string,
  t: { year: number; month: number; day: number; hour: number; minute: number },
): number {
  const guess = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  const firstOffset = offsetMinutes(timeZone, guess);
  const candidate1 = guess - firstOffset * 60_000;
  const secondOffset = offsetMinutes(timeZone, candidate1);
  if (secondOffset === firstOffset) return candidate1;
  const candidate2 = guess - secondOffset * 60_000;
  if (readsBack(timeZone, candidate1, t)) return candidate1;
  if (readsBack(timeZone, candidate2, t)) return candidate2;
  return Math.max(candidate1, candidate2);
}

export function readsBack(
  timeZone: string,
  instantMs: number,
  t: { year: number; month: number; day: number; hour: number; minute: number },
): boolean {
  const l = localTime(timeZone, instantMs);
  return l.year === t.year && l.month === t.month && l.day === t.day && l.hour === t.hour && l.minute === t.minute;
}

/** «2026-11-23 08:00» in the zone, for replies and logs. */
export function formatLocal(timeZone: string, instantMs: number): string {
  const l = localTime(timeZone, instantMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${l.year}-${p(l.month)}-${p(l.day)} ${p(l.hour)}:${p(l.minute)}`;
}
