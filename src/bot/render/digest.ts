import type { APIEmbed } from 'discord.js';
import type { Digest, Story } from '../../digest/types.js';
import { stringsFor, type Locale, type Strings } from '../i18n/index.js';
import { LIMITS } from '../limits.js';
import { truncate } from '../split.js';
import { embedTextLength, message, type MessagePayload } from './payload.js';
import { guillemets, safeTextWithin } from './text.js';

/** Per-story budgets: a 2–3 sentence summary and one quotation fit easily; these stop a runaway sentence. */
const SUMMARY_MAX = 2500;
const QUOTE_MAX = 900;
/** The header line is message content, which does not count toward the embeds' 6,000-character total. */
const MESSAGE_EMBED_BUDGET = LIMITS.embedTotal;

export interface DigestRenderOptions {
  title?: string;
  /** Shown under the title: the period the digest covers, already in words. */
  period?: string;
  query?: string;
}

/**
 * A digest as one or more messages: a header (title, counts, period) in the first message's content, one embed
 * per story — summary sentences on their own lines, the strongest quotation and the number of sources as fields —
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
  header.push(t.digestSummary(digest.stories.length, digest.articleCount));

  const groups: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let used = 0;
  for (const story of digest.stories) {
    const embed = storyEmbed(story, t);
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
  return embed;
}

/**
 * For the scheduled briefing service (src/schedule): a digest as REST message bodies for
 * POST /channels/{id}/messages, each within Discord's limits, a long digest spread over several messages. Every
 * body has `allowed_mentions: { parse: [] }`; the caller adds its nonce/enforce_nonce. An empty digest gives one
 * short line — the service decides whether to post it (BRIEFING_WHEN_EMPTY).
 */
export function renderBriefingMessages(digest: Digest, locale: Locale, options: { title?: string; period?: string } = {}): MessagePayload[] {
  return renderDigestMessages(digest, stringsFor(locale), options);
}
