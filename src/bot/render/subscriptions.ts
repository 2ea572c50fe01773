import type { APIEmbed } from 'discord.js';
import type { Subscription } from '../../schedule/types.js';
import type { Strings } from '../i18n/index.js';
import { LIMITS } from '../limits.js';
import { truncate } from '../split.js';
import { discordTime, message, type MessagePayload } from './payload.js';
import { safeText, safeTextWithin } from './text.js';

function subscriptionEmbed(sub: Subscription, t: Strings): APIEmbed {
  const fields = [
    { name: t.subscriptionSchedule, value: truncate(`${safeText(sub.scheduleText)}\n\`${sub.cron}\``, LIMITS.fieldValue) },
    { name: t.subscriptionChannel, value: `<#${sub.channelId}>`, inline: true },
    { name: t.subscriptionLanguage, value: sub.language, inline: true },
    {
      name: t.subscriptionNextRun,
      value: sub.nextRunAt ? `${discordTime(sub.nextRunAt, 'F')} (${discordTime(sub.nextRunAt, 'R')})` : '—',
      inline: false,
    },
  ];
  if (sub.query) fields.push({ name: t.subscriptionQuery, value: safeTextWithin(sub.query, LIMITS.fieldValue), inline: false });
  if (sub.status === 'failing') {
    fields.push({ name: '⚠', value: truncate(t.subscriptionStatusFailing(safeTextWithin(sub.failureReason ?? '?', 500)), LIMITS.fieldValue), inline: false });
  }
  return { title: `#${sub.id}`, fields };
}

export function renderSubscribed(sub: Subscription, t: Strings): MessagePayload {
  const say = sub.outcome === 'existing' ? t.subscribedExisting : sub.outcome === 'resumed' ? t.subscribedResumed : t.subscribed;
  return message({ content: say(sub.id), embeds: [subscriptionEmbed(sub, t)] });
}

export function renderUnsubscribed(sub: Subscription, t: Strings): MessagePayload {
  return message({ content: t.unsubscribed(sub.id), embeds: [subscriptionEmbed(sub, t)] });
}

/** Up to ten subscriptions as embeds (a guild's cap is 10 by default); the rest are counted in the header. */
export function renderSubscriptionList(subs: readonly Subscription[], t: Strings): MessagePayload {
  if (subs.length === 0) return message({ content: t.subscriptionsNone });
  return message({
    content: t.subscriptionsTitle(subs.length),
    embeds: subs.slice(0, LIMITS.embedsPerMessage).map((s) => subscriptionEmbed(s, t)),
  });
}
