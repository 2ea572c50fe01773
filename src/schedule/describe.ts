import type { CronSpec } from './cron.js';
import type { BriefingLanguage } from './types.js';

/**
 * The schedule in words for replies: «every day at 08:00, Africa/Casablanca», «every Monday at 09:30, …»,
 * «at minute 0 past every 6th hour, …». Only the shapes people actually use for briefings are put into words;
 * anything else falls back to the cron text itself, which is at least exact.
 */

const WEEKDAYS: Record<BriefingLanguage, string[]> = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  ar: ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'],
};

// Lists longer than this read worse than the cron text.
const MAX_LISTED = 6;

type TimePhrase =
  | { kind: 'clock'; times: string[] }
  | { kind: 'minute-past-every-nth-hour'; minute: number; step: number }
  | { kind: 'minute-past-every-hour'; minute: number }
  | { kind: 'every-n-minutes'; step: number };

type DayPhrase =
  | { kind: 'every-day' }
  | { kind: 'weekdays'; days: number[] }
  | { kind: 'days-of-month'; days: number[] };

const pad = (n: number) => String(n).padStart(2, '0');

function timePhrase(spec: CronSpec): TimePhrase | null {
  const [minuteField, hourField] = spec.fields;
  const minuteStep = /^\*\/(\d+)$/.exec(minuteField);
  if (minuteStep && spec.wildcard.hour) return { kind: 'every-n-minutes', step: Number(minuteStep[1]) };
  if (spec.minutes.length !== 1) return null;
  const minute = spec.minutes[0];
  if (spec.wildcard.hour) return { kind: 'minute-past-every-hour', minute };
  const hourStep = /^(?:\*|0-23)\/(\d+)$/.exec(hourField);
  if (hourStep) return { kind: 'minute-past-every-nth-hour', minute, step: Number(hourStep[1]) };
  if (spec.hours.length > MAX_LISTED) return null;
  return { kind: 'clock', times: spec.hours.map((h) => `${pad(h)}:${pad(minute)}`) };
}

function dayPhrase(spec: CronSpec): DayPhrase | null {
  if (!spec.wildcard.month) return null;
  if (spec.wildcard.dayOfMonth && spec.wildcard.dayOfWeek) return { kind: 'every-day' };
  if (spec.wildcard.dayOfMonth) return { kind: 'weekdays', days: spec.daysOfWeek };
  if (spec.wildcard.dayOfWeek && spec.daysOfMonth.length <= 3) return { kind: 'days-of-month', days: spec.daysOfMonth };
  return null;
}

function joinList(items: string[], language: BriefingLanguage): string {
  if (items.length <= 1) return items.join('');
  if (language === 'ar') return items.join(' و');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

const isMondayToFriday = (days: number[]) => days.join() === '1,2,3,4,5';

function dayWordsEn(day: DayPhrase, leading: boolean): string {
  switch (day.kind) {
    case 'every-day':
      return 'every day';
    case 'weekdays':
      if (isMondayToFriday(day.days)) return leading ? 'every weekday (Monday to Friday)' : 'Monday to Friday';
      return `${leading ? 'every' : 'on'} ${joinList(day.days.map((d) => WEEKDAYS.en[d]), 'en')}`;
    case 'days-of-month':
      return `on day${day.days.length > 1 ? 's' : ''} ${joinList(day.days.map(String), 'en')} of every month`;
  }
}

function dayWordsAr(day: DayPhrase): string {
  switch (day.kind) {
    case 'every-day':
      return 'كل يوم';
    case 'weekdays':
      if (isMondayToFriday(day.days)) return 'من الاثنين إلى الجمعة';
      if (day.days.length === 1) return `كل يوم ${WEEKDAYS.ar[day.days[0]]}`;
      return `أيام ${joinList(day.days.map((d) => WEEKDAYS.ar[d]), 'ar')}`;
    case 'days-of-month':
      return day.days.length === 1
        ? `في اليوم ${day.days[0]} من كل شهر`
        : `في الأيام ${joinList(day.days.map(String), 'ar')} من كل شهر`;
  }
}

function timeWordsEn(time: TimePhrase): string {
  switch (time.kind) {
    case 'clock':
      return `at ${joinList(time.times, 'en')}`;
    case 'minute-past-every-nth-hour':
      return `at minute ${time.minute} past every ${ordinal(time.step)} hour`;
    case 'minute-past-every-hour':
      return `at minute ${time.minute} past every hour`;
    case 'every-n-minutes':
      return `every ${time.step} minutes`;
  }
}

function timeWordsAr(time: TimePhrase): string {
  switch (time.kind) {
    case 'clock':
      return `الساعة ${joinList(time.times, 'ar')}`;
    case 'minute-past-every-nth-hour':
      return `عند الدقيقة ${time.minute} من كل ${time.step} ساعات`;
    case 'minute-past-every-hour':
      return `عند الدقيقة ${time.minute} من كل ساعة`;
    case 'every-n-minutes':
      return `كل ${time.step} دقيقة`;
  }
}

export function describeCron(spec: CronSpec, timeZone: string, language: BriefingLanguage): string {
  const time = timePhrase(spec);
  const day = dayPhrase(spec);
  if (!time || !day) {
    return language === 'ar' ? `حسب جدول cron ‏«${spec.source}»، ${timeZone}` : `on the cron schedule «${spec.source}», ${timeZone}`;
  }
  if (language === 'ar') {
    const sentence =
      time.kind === 'clock'
        ? `${dayWordsAr(day)} ${timeWordsAr(time)}`
        : `${timeWordsAr(time)}${day.kind === 'every-day' ? '' : `، ${dayWordsAr(day)}`}`;
    return `${sentence}، ${timeZone}`;
  }
  const sentence =
    time.kind === 'clock'
      ? `${dayWordsEn(day, true)} ${timeWordsEn(time)}`
      : `${timeWordsEn(time)}${day.kind === 'every-day' ? '' : `, ${dayWordsEn(day, false)}`}`;
  return `${sentence}, ${timeZone}`;
}
