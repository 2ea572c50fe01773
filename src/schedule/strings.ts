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
  /**
   * The last line of every briefing message: which subscription and slot it is (and which part of how many). It
   * tells the reader what they are looking at, and makes each message's content unique, which is how the service
   * recognizes a part it already posted once Discord's nonce has expired (src/schedule/delivery.ts).
   */
  caption: (id: number, slotTag: string, part: number, parts: number) => string;
  /** Reported once when a briefing could not be delivered within its retry window. */
  missedNotice: (id: number, channelId: string, schedule: string, slotTag: string, window: string, detail: string) => string;
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
  caption: (id, slot, part, parts) => `-# Briefing #${id} · ${slot}${parts > 1 ? ` · ${part}/${parts}` : ''}`,
  missedNotice: (id, channel, schedule, slot, window, detail) =>
    `⚠ Scheduled briefing #${id} for <#${channel}> (${schedule}) of ${slot} could not be delivered: Discord did not ` +
    `accept it within ${window} (${detail}). Its articles will be in the next briefing.`,
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
  caption: (id, slot, part, parts) => `-# النشرة رقم ${id} · ${slot}${parts > 1 ? ` · ${part}/${parts}` : ''}`,
  missedNotice: (id, channel, schedule, slot, window, detail) =>
    `⚠ تعذّر نشر النشرة المجدولة رقم ${id} في <#${channel}> (${schedule}) الخاصة بـ ${slot}: لم يقبلها ديسكورد خلال ${window} (${detail}). ` +
    `ستكون مقالاتها في النشرة التالية.`,
};

export function briefingStrings(language: BriefingLanguage): BriefingStrings {
  return language === 'ar' ? ar : en;
}
