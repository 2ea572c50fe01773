import { MAX_QUERY_LENGTH } from '../engine/errors.js';
import { CronSyntaxError, parseCron, smallestGapMinutes, type CronSpec } from './cron.js';
import { canonicalTimeZone, isValidTimeZone } from './timezone.js';
import { SubscriptionError, type BriefingFilters, type BriefingIdentity } from './types.js';

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

/** Limits on a subscription's filters: enough for a desk's beat, small enough to stay a briefing's settings. */
export const MAX_FILTER_ITEMS = 10;
export const MAX_FILTER_ITEM_LENGTH = 100;
export const MAX_MIN_SOURCES = 20;
export const MAX_STORIES_LIMIT = 25;

/** A comma- or «،»-separated list as typed in a slash-command option: trimmed, empty items dropped, duplicates once. */
export function splitList(text: string | null | undefined): string[] {
  if (!text) return [];
  return [...new Set(text.split(/[,،;\n]/).map((s) => s.trim().replace(/\s+/g, ' ')).filter(Boolean))];
}

export function checkFilters(filters: Partial<BriefingFilters> | undefined): BriefingFilters {
  const out: BriefingFilters = {
    excludeWords: [...(filters?.excludeWords ?? [])],
    includeSources: [...(filters?.includeSources ?? [])],
    excludeSources: [...(filters?.excludeSources ?? [])],
    minSources: filters?.minSources ?? 1,
  };
  for (const [name, list] of [['words to exclude', out.excludeWords], ['sources', out.includeSources], ['sources to exclude', out.excludeSources]] as const) {
    if (list.length > MAX_FILTER_ITEMS) {
      throw new SubscriptionError('INVALID_FILTER', `${list.length} ${name} given; the limit is ${MAX_FILTER_ITEMS}`);
    }
    const long = list.find((item) => item.length > MAX_FILTER_ITEM_LENGTH);
    if (long) throw new SubscriptionError('INVALID_FILTER', `one of the ${name} is ${long.length} characters long; the limit is ${MAX_FILTER_ITEM_LENGTH}`);
  }
  if (!Number.isInteger(out.minSources) || out.minSources < 1 || out.minSources > MAX_MIN_SOURCES) {
    throw new SubscriptionError('INVALID_FILTER', `the minimum number of sources must be a whole number from 1 to ${MAX_MIN_SOURCES}`);
  }
  return out;
}

export function checkMaxStories(max: number | null | undefined): number | null {
  if (max === null || max === undefined) return null;
  if (!Number.isInteger(max) || max < 1 || max > MAX_STORIES_LIMIT) {
    throw new SubscriptionError('INVALID_MAX_STORIES', `the number of stories must be a whole number from 1 to ${MAX_STORIES_LIMIT}`);
  }
  return max;
}

/**
 * A webhook identity as Discord takes it: the name (a message's `username`) 1–80 characters without «clyde» or
 * «discord» (Discord refuses those), the avatar an http(s) URL of at most 2,048 characters.
 */
export function checkIdentity(identity: BriefingIdentity | null | undefined): { name: string; avatarUrl: string | null } | null {
  if (!identity) return null;
  const name = identity.name.trim().replace(/\s+/g, ' ');
  if (!name || [...name].length > 80) throw new SubscriptionError('INVALID_IDENTITY', 'the name must be 1 to 80 characters long');
  if (/clyde|discord/i.test(name)) throw new SubscriptionError('INVALID_IDENTITY', 'Discord refuses a webhook name containing "discord" or "clyde"');
  const avatar = identity.avatarUrl?.trim() || null;
  if (avatar) {
    let url: URL | null = null;
    try {
      url = new URL(avatar);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || avatar.length > 2048) {
      throw new SubscriptionError('INVALID_IDENTITY', 'the avatar must be an http(s) link to an image, at most 2,048 characters');
    }
  }
  return { name, avatarUrl: avatar };
}
