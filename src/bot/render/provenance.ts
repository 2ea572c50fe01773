import type { DayWithoutYear } from '../../corpus/dates.js';
import type { Story } from '../../digest/types.js';
import type { Strings } from '../i18n/index.js';
import { plainText } from './text.js';

/** What a result says about where and when it was published. */
export interface Provenance {
  source: string | null;
  date: string | null;
  dayWithoutYear?: DayWithoutYear;
}

/** The date as a reader would say it: YYYY-MM-DD, else the day the text gives without a year, else "no date". */
export function dateText(p: Provenance, t: Strings): string {
  if (p.date) return p.date;
  if (p.dayWithoutYear) return t.dayWithoutYear(p.dayWithoutYear.weekday, p.dayWithoutYear.day, p.dayWithoutYear.month);
  return t.noDate;
}

/**
 * An embed footer that reads as a source and a date («وكالة الأنباء المغربية الرسمية · 2022-05-12»), not a file id.
 * Footers are plain text in Discord (no markdown, no mentions), so nothing is escaped; bidi controls still go.
 */
export function sourceAndDate(p: Provenance, t: Strings): string {
  return `${p.source ? plainText(p.source.replace(/\s+/g, ' ').trim(), 200) : t.noSource} · ${dateText(p, t)}`;
}

/**
 * When a story's reports were published, as a reader would say it: one day, or the first and last («2015-07-22 –
 * 2015-07-24»), else the day one gives without a year; null when none says.
 */
export function storyDateText(story: Pick<Story, 'published' | 'publishedDayWithoutYear'>, t: Pick<Strings, 'dayWithoutYear'>): string | null {
  if (story.published) return story.published.first === story.published.last ? story.published.first : `${story.published.first} – ${story.published.last}`;
  const d = story.publishedDayWithoutYear;
  return d ? t.dayWithoutYear(d.weekday, d.day, d.month) : null;
}
