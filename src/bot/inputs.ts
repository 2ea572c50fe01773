import type { Strings } from './i18n/index.js';
import { safeText } from './render/text.js';

/**
 * A mistake in what the user typed, told back to them privately in their interface language. Commands throw it;
 * the interaction handler renders `describe(t)`.
 */
export class UserInputError extends Error {
  constructor(readonly describe: (t: Strings) => string) {
    super('user input error');
    this.name = 'UserInputError';
  }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YYYY-MM-DD naming a real calendar day (2022-02-30 is refused), as the search filters take it. */
export function checkDay(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const m = DAY.exec(v);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
    throw new UserInputError((t) => t.errorInvalidDate(safeText(value.slice(0, 40))));
  }
  return v;
}

/** What /digest now covers when `since` is not given: the last day, the usual on-demand "what's new". */
export const DEFAULT_SINCE = '24h';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * The `since` option of /digest now. Accepts:
 * - a relative period: `90m`, `24h`, `7d`, `2w` (minutes, hours, days, weeks before now);
 * - a day `YYYY-MM-DD` (from 00:00 UTC that day);
 * - an ISO 8601 time with a time zone or Z (`2022-05-11T08:00:00Z`, `2022-05-11T08:00+01:00`);
 * - `all` (or Arabic «الكل»): the whole corpus.
 * Returns the instant, or null for `all`. Anything else, or a time in the future, is a UserInputError.
 */
export function parseSince(value: string | undefined, now: Date = new Date()): Date | null {
  const v = (value ?? DEFAULT_SINCE).trim().toLowerCase();
  if (v === 'all' || v === 'الكل') return null;
  const relative = /^(\d{1,5})\s*([mhdw])$/.exec(v);
  let at: Date | null = null;
  if (relative) {
    at = new Date(now.getTime() - Number(relative[1]) * UNIT_MS[relative[2]]);
  } else if (DAY.test(v)) {
    at = new Date(`${checkDay(v)}T00:00:00Z`);
  } else if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})$/.test(v)) {
    const ms = Date.parse(v.toUpperCase());
    at = Number.isNaN(ms) ? null : new Date(ms);
  }
  // The user's own text goes back into a message: escaped, so it cannot format or mention.
  const shown = safeText((value ?? '').slice(0, 40));
  if (!at) throw new UserInputError((t) => t.errorInvalidSince(shown));
  if (at.getTime() > now.getTime()) throw new UserInputError((t) => t.errorSinceInFuture(shown));
  return at;
}
