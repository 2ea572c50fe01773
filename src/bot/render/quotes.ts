import { ButtonStyle, type APIEmbed } from 'discord.js';
import type { Article } from '../../corpus/article.js';
import type { Quote } from '../../quotes/quote.js';
import type { Strings } from '../i18n/index.js';
import { LIMITS } from '../limits.js';
import { truncate } from '../split.js';
import { button, row } from './components.js';
import { message, safeUrl, type MessagePayload } from './payload.js';
import { sourceAndDate } from './provenance.js';
import { guillemets, plainText, safeTextWithin } from './text.js';

/** Cards per message: five quotations read as a set; more would bury them. */
export const QUOTES_PER_MESSAGE = 5;
const QUOTE_TEXT_MAX = 900;

export interface QuoteCardInput {
  quote: Quote;
  /** The article the quotation comes from (null when it vanished in a reload between the query and the render). */
  article: Article | null;
}

/**
 * Quotation cards: the words (in guillemets, on their own so Arabic reads right to left undisturbed), the speaker
 * and role as the card's author line, the article title (linked when it has a URL) and date as fields.
 */
export interface QuoteControls {
  prevId: string;
  nextId: string;
  shareId: string;
}

/** `cards` is one page (at most QUOTES_PER_MESSAGE); `first` is the 0-based rank of its first card among `total`. */
export function renderQuoteCards(
  cards: readonly QuoteCardInput[],
  total: number,
  t: Strings,
  options: { query?: string; speaker?: string; first?: number; controls?: QuoteControls } = {},
): MessagePayload {
  const header: string[] = [];
  if (options.query) header.push(`**${t.searchQuery}**`, `> ${safeTextWithin(options.query, 300)}`);
  if (options.speaker) header.push(`**${t.quoteSpeaker}**`, `> ${safeTextWithin(options.speaker, 200)}`);
  if (cards.length === 0) {
    header.push(t.quotesNone);
    return message({ content: header.join('\n') });
  }
  const shown = cards.slice(0, QUOTES_PER_MESSAGE);
  const first = options.first ?? 0;
  header.push(t.quotesSummary(first + 1, first + shown.length, total));
  const embeds = shown.map(({ quote, article }) => quoteCard(quote, article, t));
  const c = options.controls;
  const paged = total > QUOTES_PER_MESSAGE;
  const components = c
    ? [
        row(
          ...(paged
            ? [
                button(c.prevId, `◀ ${t.prev}`, { disabled: first === 0 }),
                button(c.nextId, `${t.next} ▶`, { disabled: first + shown.length >= total }),
              ]
            : []),
          button(c.shareId, t.share, { style: ButtonStyle.Success }),
        ),
      ]
    : [];
  return message({ content: header.join('\n'), embeds, components });
}

function quoteCard(quote: Quote, article: Article | null, t: Strings): APIEmbed {
  // An unnamed source is shown by its description («مصدر أمني»), which is all the article gives.
  const who = quote.speaker
    ? [quote.speaker, quote.speakerRole].filter(Boolean).join(' — ')
    : quote.speakerKind === 'unnamed' && quote.speakerRole
      ? quote.speakerRole
      : t.quoteUnattributed;
  const title = safeTextWithin(article?.title || quote.articleId, 400);
  const url = safeUrl(article?.url);
  return {
    author: { name: plainText(who, LIMITS.authorName) },
    description: truncate(guillemets(safeTextWithin(quote.text, QUOTE_TEXT_MAX - 2)), QUOTE_TEXT_MAX),
    fields: [
      { name: t.article, value: truncate(url ? `[${truncate(title, 400)}](${url})` : title, LIMITS.fieldValue) },
    ],
    footer: { text: article ? sourceAndDate(article, t) : t.noSource },
  };
}
