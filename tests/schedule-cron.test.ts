import { PermissionFlagsBits } from 'discord.js';
import nodeCron from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CronSyntaxError, latestRunAtOrBefore, nextRun, parseCron, runsBetween, smallestGapMinutes } from '../src/schedule/cron.js';
import { describeCron } from '../src/schedule/describe.js';
import { briefingNoncePrefix, MAX_NONCE_LENGTH, noticeNonce, partNonce } from '../src/schedule/nonce.js';
import { canManageBriefings } from '../src/schedule/permissions.js';
import { checkGuildCap, checkQuery, checkSchedule, MIN_INTERVAL_MINUTES } from '../src/schedule/rules.js';
import { SubscriptionError } from '../src/schedule/types.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Wall-clock time in a zone, read with Intl alone: an oracle independent of src/schedule/timezone.ts. */
function wall(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.weekday} ${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

function expectSubscriptionError(fn: () => unknown, code: string): SubscriptionError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SubscriptionError);
    expect((err as SubscriptionError).code).toBe(code);
    return err as SubscriptionError;
  }
  throw new Error(`expected SubscriptionError ${code}`);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('parseCron', () => {
  it('reads the usual briefing schedules', () => {
    const daily = parseCron('0 8 * * *');
    expect(daily.minutes).toEqual([0]);
    expect(daily.hours).toEqual([8]);
    expect(daily.daysOfWeek).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseCron('30 9 * * mon').daysOfWeek).toEqual([1]);
    expect(parseCron('0 */6 * * *').hours).toEqual([0, 6, 12, 18]);
    expect(parseCron('0 8 * * 1-5').daysOfWeek).toEqual([1, 2, 3, 4, 5]);
    expect(parseCron('0 8 * * 7').daysOfWeek).toEqual([0]); // 7 is Sunday too
    expect(parseCron('0 22-2 * * *').hours).toEqual([0, 1, 2, 22, 23]); // wraps, as node-cron reads it
    expect(parseCron('0 8 1 jan,jul *').months).toEqual([1, 7]);
    expect(parseCron('@daily').source).toBe('0 0 * * *');
    expect(parseCron('  0   8 *  * * ').source).toBe('0 8 * * *');
  });

  it('refuses what is not five-field cron, naming the field', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['0 8 * *', /five fields/],
      ['0 0 8 * * *', /seconds are not supported/],
      ['60 8 * * *', /minute: 60 is outside 0–59/],
      ['0 24 * * *', /hour: 24/],
      ['0 8 0 * *', /day of month: 0/],
      ['0 8 * 13 *', /month: 13/],
      ['0 8 * * 8', /day of week: 8/],
      ['5/15 * * * *', /step needs a range/],
      ['*/0 * * * *', /step/],
      ['0 8 L * *', /not supported/],
      ['0 8 * * 1#2', /not supported/],
      ['0 8 * * foo', /not a number/],
      ['0 0 30 2 *', /never runs/],
    ];
    for (const [expr, message] of cases) {
      expect(() => parseCron(expr), expr).toThrow(CronSyntaxError);
      expect(() => parseCron(expr), expr).toThrow(message);
    }
  });
});

describe('next run in a timezone', () => {
  it('runs at 08:00 Casablanca time, which moves against UTC during Ramadan (GMT+1 → GMT+0)', () => {
    const spec = parseCron('0 8 * * *');
    // Morocco leaves GMT+1 for GMT+0 on 2027-02-07 and comes back on 2027-03-14 (tz database).
    const runs = runsBetween(spec, 'Africa/Casablanca', at('2027-02-05T12:00:00Z'), at('2027-02-09T12:00:00Z'));
    expect(runs.map(iso)).toEqual([
      '2027-02-06T07:00:00.000Z',
      '2027-02-07T08:00:00.000Z',
      '2027-02-08T08:00:00.000Z',
      '2027-02-09T08:00:00.000Z',
    ]);
    for (const r of runs) expect(wall(r, 'Africa/Casablanca')).toMatch(/ 08:00$/);
  });

  it('skips a time that does not exist on the spring-forward night, and runs a repeated time once in the fall', () => {
    const spec = parseCron('30 2 * * *');
    // Paris: 2027-03-28 02:00 → 03:00, so there is no 02:30 that night; 2026-10-25 03:00 → 02:00, two 02:30s.
    const spring = runsBetween(spec, 'Europe/Paris', at('2027-03-26T12:00:00Z'), at('2027-03-30T12:00:00Z'));
    expect(spring.map((r) => wall(r, 'Europe/Paris'))).toEqual([
      'Sat 2027-03-27 02:30',
      'Mon 2027-03-29 02:30',
      'Tue 2027-03-30 02:30',
    ]);
    const fall = runsBetween(spec, 'Europe/Paris', at('2026-10-24T12:00:00Z'), at('2026-10-26T12:00:00Z'));
    expect(fall).toHaveLength(2);
    expect(fall.map((r) => wall(r, 'Europe/Paris'))).toEqual(['Sun 2026-10-25 02:30', 'Mon 2026-10-26 02:30']);
  });

  it('gives exactly the instants node-cron itself schedules, across DST in several zones', () => {
    const zones = ['Africa/Casablanca', 'Europe/Paris', 'America/New_York', 'Asia/Riyadh', 'Australia/Sydney', 'UTC'];
    const crons = ['0 8 * * *', '30 2 * * *', '0 */6 * * *', '30 9 * * mon', '15,45 1-3 * * *', '0 0 1 * *'];
    const bases = ['2026-10-24T20:00:00Z', '2027-03-13T20:00:00Z', '2027-02-06T12:00:00Z', '2027-04-03T10:00:00Z'];
    vi.useFakeTimers({ toFake: ['Date'] });
    let compared = 0;
    for (const zone of zones) {
      for (const expr of crons) {
        for (const base of bases) {
          vi.setSystemTime(new Date(base));
          const task = nodeCron.createTask(expr, () => {}, { timezone: zone });
          const theirs = task.getNextRuns(8).map((d) => d.toISOString());
          void task.destroy();
          const ours: string[] = [];
          let t = at(base);
          for (let i = 0; i < 8; i++) {
            t = nextRun(parseCron(expr), zone, t)!;
            ours.push(iso(t)!);
          }
          expect(ours, `${expr} in ${zone} from ${base}`).toEqual(theirs);
          compared++;
        }
      }
    }
    expect(compared).toBe(zones.length * crons.length * bases.length);
  });

  it('finds only the latest slot at or before now (what a catch-up posts)', () => {
    const spec = parseCron('0 8 * * *');
    const now = at('2026-11-25T10:00:00Z'); // 11:00 in Casablanca
    expect(iso(latestRunAtOrBefore(spec, 'Africa/Casablanca', now, at('2026-11-21T00:00:00Z')))).toBe('2026-11-25T07:00:00.000Z');
    // Nothing after the last recorded slot yet.
    expect(latestRunAtOrBefore(spec, 'Africa/Casablanca', now, at('2026-11-25T07:00:00Z'))).toBeNull();
    // A slot exactly at now is due.
    expect(iso(latestRunAtOrBefore(spec, 'Africa/Casablanca', at('2026-11-25T07:00:00Z'), 0))).toBe('2026-11-25T07:00:00.000Z');
  });
});

describe('minimum interval', () => {
  const now = at('2026-11-22T12:00:00Z');

  it('accepts every 15 minutes and refuses anything more frequent, also across midnight', () => {
    expect(smallestGapMinutes(parseCron('*/15 * * * *'), 'UTC', now)).toBe(15);
    expect(checkSchedule('*/15 * * * *', 'Africa/Casablanca', now).timeZone).toBe('Africa/Casablanca');
    expectSubscriptionError(() => checkSchedule('*/10 * * * *', 'UTC', now), 'TOO_FREQUENT');
    expectSubscriptionError(() => checkSchedule('* * * * *', 'UTC', now), 'TOO_FREQUENT');
    expectSubscriptionError(() => checkSchedule('0,5 8 * * *', 'UTC', now), 'TOO_FREQUENT');
    // 23:55 and then 00:00 the next day: 5 minutes apart although no two times of day are.
    expectSubscriptionError(() => checkSchedule('0,55 0,23 * * *', 'UTC', now), 'TOO_FREQUENT');
    // Frequent, but only on 29 February, which is more than a year away: still refused.
    expectSubscriptionError(() => checkSchedule('*/5 * 29 2 *', 'UTC', now), 'TOO_FREQUENT');
    expect(MIN_INTERVAL_MINUTES).toBe(15);
  });

  it('measures real gaps in the zone: a fall-back night does not shorten a 30-minute schedule', () => {
    expect(smallestGapMinutes(parseCron('0,30 * * * *'), 'Europe/Paris', now)).toBe(30);
    expect(smallestGapMinutes(parseCron('0 8 * * *'), 'Africa/Casablanca', now)).toBe(23 * 60); // GMT+1 → GMT+0 day
  });
});

describe('schedule and timezone validation', () => {
  const now = at('2026-11-22T12:00:00Z');
  it('maps bad input to SubscriptionError codes', () => {
    expect(expectSubscriptionError(() => checkSchedule('0 8 * *', 'UTC', now), 'INVALID_CRON').message).toMatch(/five fields/);
    expectSubscriptionError(() => checkSchedule('0 8 * * *', 'Mars/Olympus_Mons', now), 'INVALID_TIMEZONE');
    expectSubscriptionError(() => checkSchedule('0 8 * * *', '', now), 'INVALID_TIMEZONE');
    expect(checkSchedule('0 8 * * *', 'africa/casablanca', now).timeZone).toBe('Africa/Casablanca');
    expectSubscriptionError(() => checkQuery('ا'.repeat(301)), 'INVALID_QUERY');
    expect(checkQuery('  ')).toBeNull();
    expect(checkQuery(' المغرب ')).toBe('المغرب');
    expect(() => checkGuildCap(9, 10)).not.toThrow();
    expectSubscriptionError(() => checkGuildCap(10, 10), 'GUILD_CAP_REACHED');
  });
});

describe('schedule in words', () => {
  const words = (cron: string, tz: string, lang: 'en' | 'ar') => describeCron(parseCron(cron), tz, lang);
  it('says the common schedules in English and Arabic', () => {
    expect(words('0 8 * * *', 'Africa/Casablanca', 'en')).toBe('every day at 08:00, Africa/Casablanca');
    expect(words('0 8 * * *', 'Africa/Casablanca', 'ar')).toBe('كل يوم الساعة 08:00، Africa/Casablanca');
    expect(words('30 9 * * 1', 'Asia/Riyadh', 'en')).toBe('every Monday at 09:30, Asia/Riyadh');
    expect(words('30 9 * * mon', 'Asia/Riyadh', 'ar')).toBe('كل يوم الاثنين الساعة 09:30، Asia/Riyadh');
    expect(words('0 */6 * * *', 'UTC', 'en')).toBe('at minute 0 past every 6th hour, UTC');
    expect(words('0 */6 * * *', 'UTC', 'ar')).toBe('عند الدقيقة 0 من كل 6 ساعات، UTC');
    expect(words('0 8,18 * * *', 'UTC', 'en')).toBe('every day at 08:00 and 18:00, UTC');
    expect(words('0 7 * * 1-5', 'UTC', 'en')).toBe('every weekday (Monday to Friday) at 07:00, UTC');
    expect(words('0 7 * * 1,4', 'UTC', 'ar')).toBe('أيام الاثنين والخميس الساعة 07:00، UTC');
    expect(words('*/30 * * * *', 'UTC', 'en')).toBe('every 30 minutes, UTC');
    expect(words('0 9 1 * *', 'UTC', 'en')).toBe('on day 1 of every month at 09:00, UTC');
    expect(words('15 * * * *', 'UTC', 'en')).toBe('at minute 15 past every hour, UTC');
  });
  it('falls back to the cron text for shapes it does not put into words', () => {
    expect(words('0 9 1 1,7 *', 'UTC', 'en')).toBe('on the cron schedule «0 9 1 1,7 *», UTC');
    expect(words('0,30 8-10 * * *', 'UTC', 'ar')).toContain('«0,30 8-10 * * *»');
  });
});

describe('Manage Server check', () => {
  it('reads bit 0x20 (or Administrator) from the decimal permissions string', () => {
    expect(canManageBriefings('32')).toBe(true); // exactly MANAGE_GUILD
    expect(canManageBriefings('8')).toBe(true); // ADMINISTRATOR implies it
    expect(canManageBriefings('2147483647')).toBe(true);
    // A moderator's usual set, spelled with discord.js's own flag constants.
    const { ViewChannel, SendMessages, ManageMessages, ReadMessageHistory, ManageGuild } = PermissionFlagsBits;
    const moderator = ViewChannel | SendMessages | ManageMessages | ReadMessageHistory;
    expect(canManageBriefings((moderator | ManageGuild).toString())).toBe(true);
    expect(canManageBriefings(moderator.toString())).toBe(false);
    expect(canManageBriefings('0')).toBe(false);
    expect(canManageBriefings('16')).toBe(false);
    // Above 2^53: BigInt, not Number, or the bit is misread.
    expect(canManageBriefings((2n ** 60n + 0x20n).toString())).toBe(true);
    expect(canManageBriefings((2n ** 60n + 0x10n).toString())).toBe(false);
    expect(canManageBriefings('')).toBe(false);
    expect(canManageBriefings(undefined)).toBe(false);
    expect(canManageBriefings('0x20')).toBe(false);
  });
});

describe('nonces', () => {
  it('are deterministic per run and part and fit Discord’s 25 characters even far ahead', () => {
    const prefix = briefingNoncePrefix(1, at('2026-11-23T07:00:00Z'));
    expect(partNonce(prefix, 0)).toBe(partNonce(briefingNoncePrefix(1, at('2026-11-23T07:00:00Z')), 0));
    expect(partNonce(prefix, 0)).not.toBe(partNonce(prefix, 1));
    expect(partNonce(prefix, 0)).not.toBe(partNonce(briefingNoncePrefix(2, at('2026-11-23T07:00:00Z')), 0));
    const far = partNonce(briefingNoncePrefix(2 ** 31, at('2999-12-31T23:59:00Z')), 35);
    expect(far.length).toBeLessThanOrEqual(MAX_NONCE_LENGTH);
    expect(noticeNonce(2 ** 31, at('2999-12-31T23:59:00Z')).length).toBeLessThanOrEqual(MAX_NONCE_LENGTH);
  });
});
