import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Subscription } from '../../schedule/types.js';
import type { Strings } from '../i18n/index.js';
import { LIMITS } from '../limits.js';
import { truncate } from '../split.js';
import { discordTime, message, safeUrl, type MessagePayload } from './payload.js';
import { safeText, safeTextWithin } from './text.js';

/** What only Discord's cache knows, for showing a subscription (a forum tag's name). */
export interface SubscriptionNames {
  tag?: (tagId: string) => string | undefined;
}

function listed(items: readonly string[]): string {
  return truncate(items.map((x) => safeTextWithin(x, 100)).join('، '), LIMITS.fieldValue);
}

function subscriptionEmbed(sub: Subscription, t: Strings, names: SubscriptionNames): APIEmbed {
  const where = `<#${sub.channelId}>`;
  const target = sub.targetKind === 'thread' ? t.subscriptionTargetThread(where) : sub.targetKind === 'forum' ? t.subscriptionTargetForum(where) : where;
  const fields: APIEmbedField[] = [
    { name: t.subscriptionSchedule, value: truncate(`${safeText(sub.scheduleText)}\n\`${sub.cron}\``, LIMITS.fieldValue) },
    { name: t.subscriptionTarget, value: target, inline: true },
    { name: t.subscriptionLanguage, value: sub.language, inline: true },
    {
      name: t.subscriptionNextRun,
      value: sub.nextRunAt ? `${discordTime(sub.nextRunAt, 'F')} (${discordTime(sub.nextRunAt, 'R')})` : '—',
      inline: false,
    },
  ];
  if (sub.forumTagId) fields.push({ name: t.subscriptionTag, value: safeTextWithin(names.tag?.(sub.forumTagId) ?? sub.forumTagId, 100), inline: true });
  // Shown as a mention (Discord draws the role's name); this reply's allowed_mentions pings nobody.
  if (sub.mentionRoleId) fields.push({ name: t.subscriptionMention, value: `<@&${sub.mentionRoleId}>`, inline: true });
  if (sub.identity) {
    const avatar = safeUrl(sub.identity.avatarUrl);
    fields.push({ name: t.subscriptionIdentity, value: truncate(`${safeTextWithin(sub.identity.name, 80)}${avatar ? ` · <${avatar}>` : ''}`, LIMITS.fieldValue), inline: true });
  }
  fields.push({
    name: t.subscriptionFormat,
    value: `${sub.format === 'compact' ? t.subscriptionFormatCompact : t.subscriptionFormatFull}${sub.maxStories ? ` · ${t.subscriptionMaxStories} ${t.subscriptionStories(sub.maxStories)}` : ''}`,
    inline: false,
  });
  if (sub.query) fields.push({ name: t.subscriptionQuery, value: safeTextWithin(sub.query, LIMITS.fieldValue), inline: false });
  if (sub.filters.excludeWords.length) fields.push({ name: t.subscriptionExclude, value: listed(sub.filters.excludeWords), inline: false });
  if (sub.filters.includeSources.length) fields.push({ name: t.subscriptionSources, value: listed(sub.filters.includeSources), inline: true });
  if (sub.filters.excludeSources.length) fields.push({ name: t.subscriptionExcludeSources, value: listed(sub.filters.excludeSources), inline: true });
  if (sub.filters.minSources > 1) fields.push({ name: t.subscriptionMinSources, value: t.subscriptionAtLeastSources(sub.filters.minSources), inline: true });
  if (sub.status === 'failing') {
    fields.push({ name: '⚠', value: truncate(t.subscriptionStatusFailing(safeTextWithin(sub.failureReason ?? '?', 500)), LIMITS.fieldValue), inline: false });
  }
  return { title: `#${sub.id}`, fields };
}

export function renderSubscribed(sub: Subscription, t: Strings, names: SubscriptionNames = {}): MessagePayload {
  const say =
    sub.outcome === 'existing' ? t.subscribedExisting : sub.outcome === 'resumed' ? t.subscribedResumed : sub.outcome === 'edited' ? t.subscribedEdited : t.subscribed;
  return message({ content: say(sub.id), embeds: [subscriptionEmbed(sub, t, names)] });
}

export function renderUnsubscribed(sub: Subscription, t: Strings, names: SubscriptionNames = {}): MessagePayload {
  return message({ content: t.unsubscribed(sub.id), embeds: [subscriptionEmbed(sub, t, names)] });
}

/** Up to ten subscriptions as embeds (a guild's cap is 10 by default); the rest are counted in the header. */
export function renderSubscriptionList(subs: readonly Subscription[], t: Strings, names: SubscriptionNames = {}): MessagePayload {
  if (subs.length === 0) return message({ content: t.subscriptionsNone });
  return message({
    content: t.subscriptionsTitle(subs.length),
    embeds: subs.slice(0, LIMITS.embedsPerMessage).map((s) => subscriptionEmbed(s, t, names)),
  });
}
