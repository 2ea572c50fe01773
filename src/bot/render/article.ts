import { ButtonStyle, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { Article } from '../../corpus/article.js';
import type { Quote } from '../../quotes/quote.js';
import type { Strings } from '../i18n/index.js';
import { LIMITS } from '../limits.js';
import { splitText, truncate } from '../split.js';
import { button, row } from './components.js';
import { embedsTextLength, message, safeUrl, type MessagePayload } from './payload.js';
import { dateText, sourceAndDate } from './provenance.js';
import { guillemets, safeText } from './text.js';

/**
 * Body text per page. Below the 4,096 description limit so the title, the date/source fields and the footer fit
 * in the same embed under the 6,000 total, and short enough to read on a phone without endless scrolling.
 */
const BODY_PER_PAGE = 3500;
/** Quotation fields share a page up to this many characters (of the 6,000 a message may hold). */
const QUOTES_PER_PAGE_CHARS = 4500;
/** Text page plus quotations: stop at 5,500 so the footer (page number and id) still fits under the 6,000 total. */
const TEXT_PAGE_WITH_QUOTES_CHARS = 5500;
const QUOTE_FIELDS_PER_PAGE = 10;

export interface ArticleControls {
  prevId: string;
  nextId: string;
  shareId: string;
}

/**
 * An article as a list of one-embed pages: its paragraphs split at paragraph/sentence boundaries, then its
 * quotations as fields (on the last text page when they fit, else on pages of their own). Text is shown as the
 * article wrote it, escaped for markdown.
 */
export function renderArticlePages(article: Article, quotes: readonly Quote[], t: Strings): APIEmbed[] {
  const title = truncate(safeText(article.title || article.id), LIMITS.embedTitle);
  const url = safeUrl(article.url);
  const body = article.paragraphs.map(safeText).join('\n\n');
  const chunks = splitText(body, BODY_PER_PAGE);
  if (chunks.length === 0) chunks.push('—');

  const pages: APIEmbed[] = chunks.map((chunk, i) => ({
    title: i === 0 ? title : truncate(`${title} ${t.articleContinued}`, LIMITS.embedTitle),
    ...(url ? { url } : {}),
    description: chunk,
  }));
  pages[0].fields = [
    { name: t.date, value: dateText(article, t), inline: true },
    { name: t.source, value: article.source ? truncate(safeText(article.source), 200) : '—', inline: true },
  ];

  const quoteFields = quotes.map((q) => quoteField(q, t));
  if (quoteFields.length === 0) {
    pages[pages.length - 1].fields = [
      ...(pages[pages.length - 1].fields ?? []),
      { name: t.articleQuotations, value: t.articleNoQuotations },
    ];
  }
  let target = pages[pages.length - 1];
  for (const field of quoteFields) {
    const fields = target.fields ?? [];
    const fits =
      fields.length < QUOTE_FIELDS_PER_PAGE + 2 &&
      embedsTextLength([{ ...target, fields: [...fields, field] }]) <= (target.description === undefined ? QUOTES_PER_PAGE_CHARS : TEXT_PAGE_WITH_QUOTES_CHARS);
    if (!fits) {
      target = { title: truncate(`${title} — ${t.articleQuotations}`, LIMITS.embedTitle), ...(url ? { url } : {}), fields: [] };
      pages.push(target);
    }
    target.fields = [...(target.fields ?? []), field];
  }
  return pages.map((page, i) => ({
    ...page,
    footer: { text: `${t.page(i + 1, pages.length)} · ${sourceAndDate(article, t)}` },
  }));
}

/** A quotation as an embed field: the speaker (and role) as its name, the words in guillemets as its value. */
function quoteField(q: Quote, t: Strings): APIEmbedField {
  const who = q.speaker ? [q.speaker, q.speakerRole].filter(Boolean).join(' — ') : t.quoteUnattributed;
  return {
    name: truncate(safeText(who), LIMITS.fieldName),
    value: truncate(guillemets(safeText(q.text)), LIMITS.fieldValue),
  };
}

/** One page as a message, with Prev/Next/Share when `controls` are given. */
export function renderArticlePage(pages: readonly APIEmbed[], index: number, t: Strings, controls?: ArticleControls): MessagePayload {
  const page = Math.min(Math.max(0, index), pages.length - 1);
  const components = controls
    ? [
        row(
          ...(pages.length > 1
            ? [
                button(controls.prevId, `◀ ${t.prev}`, { disabled: page === 0 }),
                button(controls.nextId, `${t.next} ▶`, { disabled: page === pages.length - 1 }),
              ]
            : []),
          button(controls.shareId, t.share, { style: ButtonStyle.Success }),
        ),
      ]
    : [];
  return message({ embeds: [pages[page]], components });
}
