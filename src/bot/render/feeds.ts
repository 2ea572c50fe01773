import type { APIEmbed } from 'discord.js';
import { httpUrl } from '../../ingest/http.js';
import type { AddFeedResult } from '../../ingest/ingest.js';
import type { FeedRecord } from '../../store/feeds.js';
import type { Strings } from '../i18n/index.js';
import { LIMITS } from '../limits.js';
import { truncate } from '../split.js';
import { discordTime, message, type MessagePayload } from './payload.js';
import { safeText } from './text.js';

/**
 * A URL shown in a reply, wrapped in <…> so Discord neither unfurls a preview of every feed nor reads markdown
 * inside it. Only a parsed http(s) URL is shown that way (the parser has percent-encoded spaces, quotes and «<>»);
 * anything else the user typed is shown as escaped text.
 */
export function shownUrl(url: string, max = 500): string {
  const parsed = httpUrl(url);
  if (parsed && parsed.href.length <= max) return `<${parsed.href}>`;
  return safeText(truncate(url, max));
}

function feedStatus(feed: FeedRecord, t: Strings): string {
  if (feed.failures > 0) {
    const next = feed.nextPollAt ? discordTime(feed.nextPollAt, 'R') : '—';
    return t.feedsFailing(feed.failures, safeText(truncate(feed.lastError ?? '?', 300)), next);
  }
  return feed.lastOkAt ? t.feedsOk(discordTime(feed.lastOkAt, 'R')) : t.feedsNotPolled;
}

/** One field per feed (at most 25, Discord's limit); the rest are counted. */
export function renderFeedList(feeds: readonly FeedRecord[], t: Strings): MessagePayload {
  if (feeds.length === 0) return message({ content: t.feedsNone });
  const shown = feeds.slice(0, LIMITS.embedFields);
  const embed: APIEmbed = {
    title: t.feedsTitle(feeds.length),
    fields: shown.map((f) => ({
      name: truncate(safeText(f.title ? f.title.replace(/\s+/g, ' ') : new URL(f.url).hostname), LIMITS.fieldName),
      value: truncate(`${shownUrl(f.url, 400)}\n${feedStatus(f, t)}`, LIMITS.fieldValue),
    })),
  };
  const more = feeds.length - shown.length;
  return message({ content: more > 0 ? t.feedsMore(more) : undefined, embeds: [embed] });
}

export function renderFeedAdded(result: AddFeedResult, t: Strings): MessagePayload {
  if (result.kind === 'failed') return message({ content: t.feedsAddFailed(safeText(truncate(result.message, 1500))) });
  const url = shownUrl(result.feed.url);
  return message({ content: result.kind === 'added' ? t.feedsAdded(url, result.itemCount) : t.feedsExists(url) });
}

export function renderFeedRemoved(removed: FeedRecord | null, url: string, t: Strings): MessagePayload {
  return message({ content: removed ? t.feedsRemoved(shownUrl(removed.url)) : t.feedsUnknown(shownUrl(url)) });
}
