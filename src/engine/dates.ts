/**
 * The one reader of dates that people type: `nashra search --from/--to`, `nashra digest --since`, and the bot's
 * `/search from/to` and `/digest now since`. Every surface reads the same text the same way; each only words its
 * own error (a CLI flag, a localized reply).
 *
 * Why our own and not `new Date(text)`: the Date parser rolls impossible days over («2022-02-30» becomes 2 March),
 * reads a time without a zone in the server's local time, and accepts forms nobody documented. Here every field is
 * checked: the day must exist in the calendar, hours 00–23, minutes and seconds 00–59, and a time must say its
 * zone (`Z` or `±HH:MM`) — a reader of a Discord command cannot know the server's zone.
 */

/** `YYYY-MM-DD` naming a real calendar day, returned as written (trimmed); null for anything else. */
export function parseDay(text: string): string | null {
  const v = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m || !isCalendarDay(+m[1], +m[2], +m[3])) return null;
  return v;
}

/**
 * An instant: a day `YYYY-MM-DD` (00:00 UTC that day), or an ISO 8601 time `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z`
 * or an offset (`+01:00`, `+0100`, `+01`); a space may stand for the `T`. Null for anything else.
 */
export function parseInstant(text: string): Date | null {
  const v = text.trim();
  const day = parseDay(v);
  if (day) return new Date(`${day}T00:00:00.000Z`);
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/.exec(v);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', zulu, sign, oh, om = '0'] = m;
  if (!isCalendarDay(+y, +mo, +d) || +h > 23 || +mi > 59 || +s > 59) return null;
  if (!zulu && (+oh > 23 || +om > 59)) return null;
  const offsetMinutes = zulu ? 0 : (sign === '-' ? -1 : 1) * (+oh * 60 + +om);
  const ms = Math.floor(Number(`0.${frac || '0'}`) * 1000);
  return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, ms) - offsetMinutes * 60_000);
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

export type ParsedSince =
  /** `at` null means the whole corpus (`all`). `inFuture`: each surface decides whether that is an error. */
  | { ok: true; at: Date | null; inFuture: boolean }
  | { ok: false };

/**
 * A `since` period: `all` (or Arabic «الكل») for everything; a relative period `90m`, `24h`, `7d`, `2w` (minutes,
 * hours, days, weeks before `now`); or an instant as parseInstant reads it.
 */
export function parseSince(text: string, now: Date): ParsedSince {
  const v = text.trim().toLowerCase();
  if (v === 'all' || v === 'الكل') return { ok: true, at: null, inFuture: false };
  const relative = /^(\d{1,5})\s*([mhdw])$/.exec(v);
  const at = relative ? new Date(now.getTime() - Number(relative[1]) * UNIT_MS[relative[2]]) : parseInstant(v);
  if (!at) return { ok: false };
  return { ok: true, at, inFuture: at.getTime() > now.getTime() };
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0–99 to 1900–1999; the round trip below then fails, so such years are refused too.
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
