import { MAX_QUERY_LENGTH } from '../engine/errors.js';
import { CronSyntaxError, parseCron, smallestGapMinutes, type CronSpec } from './cron.js';
import { canonicalTimeZone, isValidTimeZone } from './timezone.js';
import { SubscriptionError } from './types.js';

/** Briefings more frequent than this are refused: a channel flooded every few minutes is not a briefing. */
export const MIN_INTERVAL_MINUTES = 15;

/**
 * Horizon for the minimum-interval check: a year covers both DST transitions of every zone and every month
 * length, so a schedule that is fine in January but not across a transition is still caught.
 */
const INTERVAL_HORIZON_DAYS = 366;

export interface CheckedSchedule {
  spec: CronSpec;
  /** The zone as Intl spells it (accepts «africa/casablanca», stores «Africa/Casablanca»). */
  timeZone: string;
}

/** Validate a cron expression and timezone for a subscription; throws SubscriptionError with a clear message. */
export function checkSchedule(cron: string, timeZone: string, nowMs: number): CheckedSchedule {
  if (!isValidTimeZone(timeZone.trim())) {
    throw new SubscriptionError(
      'INVALID_TIMEZONE',
      `"${timeZone}" is not an IANA timezone; use a name such as Africa/Casablanca, Asia/Riyadh or UTC`,
    );
  }
  const zone = canonicalTimeZone(timeZone.trim());
  let spec: CronSpec;
  try {
    spec = parseCron(cron);
  } catch (err) {
    if (err instanceof CronSyntaxError) throw new SubscriptionError('INVALID_CRON', `invalid cron "${cron}": ${err.message}`);
    throw err;
  }
  const gap = smallestGapMinutes(spec, zone, nowMs, INTERVAL_HORIZON_DAYS, MIN_INTERVAL_MINUTES);
  if (gap < MIN_INTERVAL_MINUTES) {
    throw new SubscriptionError(
      'TOO_FREQUENT',
      `"${cron}" runs ${gap} minutes apart at times; briefings may run at most every ${MIN_INTERVAL_MINUTES} minutes`,
    );
  }
  return { spec, timeZone: zone };
}

/** A subscription's optional query: trimmed, null when empty, refused when longer than the engine accepts. */
export function checkQuery(query: string | undefined | null): string | null {
  const q = query?.trim() ?? '';
  if (!q) return null;
  if (q.length > MAX_QUERY_LENGTH) {
    throw new SubscriptionError('INVALID_QUERY', `the query is ${q.length} characters long; the limit is ${MAX_QUERY_LENGTH}`);
  }
  return q;
}

export function checkGuildCap(current: number, cap: number): void {
  if (current >= cap) {
    throw new SubscriptionError(
      'GUILD_CAP_REACHED',
      `this server already has ${current} scheduled briefings (the limit is ${cap}); remove one first`,
    );
  }
}
