import { parseDay, parseSince as readSince } from '../engine/dates.js';
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

/** YYYY-MM-DD naming a real calendar day (2022-02-30 is refused), as the search filters take it. */
export function checkDay(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const day = parseDay(value);
  if (day === null) throw new UserInputError((t) => t.errorInvalidDate(safeText(value.slice(0, 40))));
  return day;
}

/** What /digest now covers when `since` is not given: the last day, the usual on-demand "what's new". */
export const DEFAULT_SINCE = '24h';

/**
 * The `since` option of /digest now, read by src/engine/dates.ts exactly as `nashra digest --since` reads it:
 * - a relative period: `90m`, `24h`, `7d`, `2w` (minutes, hours, days, weeks before now);
 * - a day `YYYY-MM-DD` (from 00:00 UTC that day);
 * - an ISO 8601 time with a time zone or Z (`2022-05-11T08:00:00Z`, `2022-05-11T08:00+01:00`);
 * - `all` (or Arabic «الكل»): the whole corpus.
 * Returns the instant, or null for `all`. Anything else, or a time in the future, is a UserInputError (a member
 * asking for "since next week" has made a typo; the CLI, used by scripts, answers it with an empty digest instead).
 */
export function parseSince(value: string | undefined, now: Date = new Date()): Date | null {
  const since = readSince(value ?? DEFAULT_SINCE, now);
  // The user's own text goes back into a message: escaped, so it cannot format or mention.
  const shown = safeText((value ?? '').slice(0, 40));
  if (!since.ok) throw new UserInputError((t) => t.errorInvalidSince(shown));
  if (since.inFuture) throw new UserInputError((t) => t.errorSinceInFuture(shown));
  return since.at;
}
