import type { APIEmbed } from 'discord.js';
import type { Digest, Story } from '../../digest/types.js';
import { stringsFor, type Locale, type Strings } from '../i18n/index.js';
import { LIMITS } from '../limits.js';
import { truncate } from '../split.js';
import { embedTextLength, message, type MessagePayload } from './payload.js';
import { storyDateText } from './provenance.js';
import { guillemets, plainText, safeTextWithin } from './text.js';

/** Per-story budgets: a 2–3 sentence summary and one quotation fit easily; these stop a runaway sentence. */
const SUMMARY_MAX = 2500;
const QUOTE_MAX = 900;
/** The header line is message content, which does not count toward the embeds' 6,000-character total. */
const MESSAGE_EMBED_BUDGET = LIMITS.embedTotal;
/** Compact format: each story's one line is its first summary sentence, cut to this many characters. */
const COMPACT_LINE_MAX = 220;
/** Compact format: a list embed's description is kept under this (Discord allows 4,096). */
const COMPACT_EMBED_MAX = 3800;

export type DigestFormat = 'full' | 'compact';

export interface DigestRenderOptions {
  title?: string;
  /** Shown under the title: the period the digest covers, already in words. */
  period?: string;
  query?: string;
  /** 'full' (default): an embed per story. 'compact': titles and one line each, listed in few embeds. */
  format?: DigestFormat;
  /** The digest's stories before only the first were kept (`/digest now max_stories`): the header says "N of M". */
  storiesFound?: number;
}

/**
 * A digest as one or more messages: a header (title, counts, period) in the first message's content, one embed
 * per story — summary sentences on their own lines, the strongest quotation, the number of sources and the reports'
 * publication days as fields —
 * packed greedily under 10 embeds and 6,000 characters per message. An empty digest is one short line.
 */
export function renderDigestMessages(digest: Digest, t: Strings, options: DigestRenderOptions = {}): MessagePayload[] {
  const title = options.title ?? t.digestTitle;
  const header: string[] = [];
  header.push(`## ${safeTextWithin(title, 200)}`);
  if (options.period) header.push(options.period);
  if (options.query) header.push(`**${t.digestQuery}**`, `> ${safeTextWithin(options.query, 300)}`);

  if (digest.stories.length === 0) {
    header.push(t.digestEmpty);
    return [message({ content: header.join('\n') })];
  }
  const found = options.storiesFound ?? digest.stories.length;
  header.push(
    found > digest.stories.length
      ? t.digestTopStories(digest.stories.length, found, digest.articleCount, digest.omittedCount ?? 0)
      : t.digestSummary(digest.stories.length, digest.articleCount, digest.omittedCount ?? 0),
  );

  const groups: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let used = 0;
  const embeds = options.format === 'compact' ? compactEmbeds(digest.stories, t) : digest.stories.map((story) => storyEmbed(story, t));
  for (const embed of embeds) {
    const size = embedTextLength(embed);
    if (current.length > 0 && (current.length >= LIMITS.embedsPerMessage || used + size > MESSAGE_EMBED_BUDGET)) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(embed);
    used += size;
  }
  if (current.length) groups.push(current);

  return groups.map((embeds, i) =>
    message({
      content: i === 0
        ? header.join('\n') + (groups.length > 1 ? `\n${t.digestContinued(1, groups.length)}` : '')
        : `**${safeTextWithin(title, 200)}** · ${t.digestContinued(i + 1, groups.length)}`,
      embeds,
    }),
  );
}

/**
 * Compact: one line per story — its title in bold and numbered, then its first summary sentence and how many
 * sources report it — packed into as few list embeds as their 4,096-character descriptions allow.
 */
function compactEmbeds(stories: readonly Story[], t: Strings): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  let lines: string[] = [];
  let length = 0;
  stories.forEach((story, i) => {
    const first = story.summary[0] ? safeTextWithin(story.summary[0], COMPACT_LINE_MAX) : '—';
    const when = storyDateText(story, t);
    const entry = `**${i + 1}. ${safeTextWithin(story.title, 200)}**\n${first} · ${t.digestSources(story.sourceCount)}${when ? ` · ${when}` : ''}`;
    if (lines.length > 0 && length + entry.length + 2 > COMPACT_EMBED_MAX) {
      embeds.push({ description: lines.join('\n\n') });
      lines = [];
      length = 0;
    }
    lines.push(entry);
    length += entry.length + 2;
  });
  if (lines.length) embeds.push({ description: lines.join('\n\n') });
  return embeds;
}

function storyEmbed(story: Story, t: Strings): APIEmbed {
  const summary = story.summary.map((sentence) => safeTextWithin(sentence, SUMMARY_MAX)).join('\n');
  const embed: APIEmbed = {
    title: safeTextWithin(story.title, LIMITS.embedTitle),
    description: truncate(summary || '—', SUMMARY_MAX),
    fields: [],
  };
  if (story.quote) {
    const who = story.quote.speaker ? `\n— ${safeTextWithin(story.quote.speaker, 200)}` : '';
    embed.fields!.push({
      name: t.digestQuote,
      value: truncate(guillemets(safeTextWithin(story.quote.text, QUOTE_MAX)) + who, LIMITS.fieldValue),
    });
  }
  embed.fields!.push({ name: t.source, value: t.digestSources(story.sourceCount), inline: true });
  // The summary may say only «أمس» or «الخميس»: the reports' days keep "when" for a briefing read later.
  const when = storyDateText(story, t);
  if (when) embed.fields!.push({ name: t.date, value: when, inline: true });
  return embed;
}

/**
 * For the scheduled briefing service (src/schedule): a digest as REST message bodies for
 * POST /channels/{id}/messages, each within Discord's limits, a long digest spread over several messages. Every
 * body has `allowed_mentions: { parse: [] }`; the caller adds its nonce/enforce_nonce. An empty digest gives one
 * short line — the service decides whether to post it (BRIEFING_WHEN_EMPTY).
 */
export function renderBriefingMessages(
  digest: Digest,
  locale: Locale,
  options: { title?: string; period?: string; format?: DigestFormat } = {},
): MessagePayload[] {
  return renderDigestMessages(digest, stringsFor(locale), options);
}

/** Discord's limit on a thread's (a forum post's) name. */
const THREAD_NAME_MAX = 100;

/**
 * A forum post's title: the briefing's day in the subscription's timezone and language, then its top story
 * («23 November 2026 · …», «23 نوفمبر 2026 · …»), within Discord's 100 characters. Thread names are plain text
 * (no markdown), so the headline is cleaned (bidi controls, line breaks), not escaped.
 */
export function forumPostTitle(digest: Digest, slotMs: number, timeZone: string, locale: Locale, fallback: string): string {
  const day = new Intl.DateTimeFormat(locale === 'ar' ? 'ar-u-nu-latn' : 'en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(slotMs));
  const top = digest.stories[0]?.title ? plainText(digest.stories[0].title).replace(/\s+/g, ' ').trim() : fallback;
  return truncate(`${day} · ${top}`, THREAD_NAME_MAX);
}
