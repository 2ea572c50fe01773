import type { BriefingLanguage } from './types.js';

/**
 * The briefing service's own words, in both languages, in one place. (Everything the commands say lives in
 * src/bot/i18n; these are the texts the service posts by itself, with no interaction to answer.)
 */
export interface BriefingStrings {
  title: string;
  /** The one short line posted when nothing is new (BRIEFING_WHEN_EMPTY=line). */
  nothingNew: (schedule: string) => string;
  /** Period covered, with Discord timestamps so every reader sees their own timezone. */
  period: (fromTag: string, toTag: string) => string;
  reasonChannelGone: string;
  reasonForbidden: string;
  failureNotice: (id: number, channelId: string, schedule: string, reason: string) => string;
}

const en: BriefingStrings = {
  title: 'Nashra briefing',
  nothingNew: (schedule) => `**Nashra briefing** · nothing new since the last briefing (${schedule}).`,
  period: (from, to) => `Articles first seen ${from} – ${to}`,
  reasonChannelGone: 'the channel no longer exists',
  reasonForbidden: 'Nashra is not allowed to post in the channel (missing access or permission)',
  failureNotice: (id, channel, schedule, reason) =>
    `⚠ Scheduled briefing #${id} for <#${channel}> (${schedule}) is paused: ${reason}. ` +
    `Fix the channel, then run /digest subscribe again with the same settings to resume it, or remove it with /digest unsubscribe.`,
};

const ar: BriefingStrings = {
  title: 'نشرة',
  nothingNew: (schedule) => `**نشرة** · لا جديد منذ النشرة السابقة (${schedule}).`,
  period: (from, to) => `مقالات ظهرت بين ${from} و${to}`,
  reasonChannelGone: 'القناة لم تعد موجودة',
  reasonForbidden: 'لا يُسمح لنشرة بالنشر في القناة (صلاحية ناقصة)',
  failureNotice: (id, channel, schedule, reason) =>
    `⚠ النشرة المجدولة رقم ${id} في <#${channel}> (${schedule}) متوقفة: ${reason}. ` +
    `أصلحوا القناة ثم أعيدوا /digest subscribe بالإعدادات نفسها لاستئنافها، أو احذفوها بـ /digest unsubscribe.`,
};

export function briefingStrings(language: BriefingLanguage): BriefingStrings {
  return language === 'ar' ? ar : en;
}
