import { ButtonStyle, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { Article } from '../../corpus/article.js';
import type { Quote } from '../../quotes/quote.js';
import type { Strings } from '../i18n/index.js';
import { LIMITS } from '../limits.js';
import { splitText, truncate } from '../split.js';
import { button, row } from './components.js';
import { message, safeUrl, type MessagePayload } from './payload.js';
import { dateText, sourceAndDate } from './provenance.js';
import { escapedLengthBound, guillemets, safeText, safeTextWithin } from './text.js';

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

/** An article laid out in pages; each page's embed is built (and its text escaped) only when asked for. */
export interface ArticlePages {
  readonly count: number;
  page(index: number): APIEmbed;
}

/**
 * An article as one-embed pages: its paragraphs split at paragraph/sentence boundaries, then its quotations as
 * fields (on the last text page when they fit, else on pages of their own). Text is shown as the article wrote it,
 * escaped for markdown.
 *
 * The layout is computed once per article (and language) and kept while the article object lives (the engine hands
 * out the same object while the article is recently read, and a changed article is always a new object): paging through a 2 MB article must not re-split
 * and re-escape all of it at every click. The text is split BEFORE escaping, into chunks whose escaped length is
 * bounded (escapedLengthBound) under the page budget; a page's text is escaped when the page is shown.
 */
export function articlePages(article: Article, quotes: readonly Quote[], t: Strings): ArticlePages {
  let byLocale = layouts.get(article);
  if (!byLocale) layouts.set(article, (byLocale = new Map()));
  let layout = byLocale.get(t);
  // (An article without quotations gets a fresh empty list from the engine each time: that is the same list.)
  const same = layout && (layout.quotes === quotes || (layout.quotes.length === 0 && quotes.length === 0));
  if (!layout || !same) byLocale.set(t, (layout = layoutArticle(article, quotes, t)));
  const l = layout;
  return { count: l.pages.length, page: (index) => buildPage(l, index, t) };
}

/** Every page at once (tests, and the share copy of small articles). */
export function renderArticlePages(article: Article, quotes: readonly Quote[], t: Strings): APIEmbed[] {
  const pages = articlePages(article, quotes, t);
  return Array.from({ length: pages.count }, (_, i) => pages.page(i));
}

interface PagePlan {
  /** Index into Layout.chunks for a text page; undefined for a page of quotations only. */
  chunk?: number;
  fields: APIEmbedField[];
}

interface Layout {
  quotes: readonly Quote[];
  /** «source · date», the footer of every page (a reader's words, not a file id). */
  provenance: string;
  title: string;
  url?: string;
  chunks: string[];
  /** Escaped text of each chunk, filled in when its page is first shown. */
  escaped: (string | undefined)[];
  pages: PagePlan[];
}

const layouts = new WeakMap<Article, Map<Strings, Layout>>();

function layoutArticle(article: Article, quotes: readonly Quote[], t: Strings): Layout {
  const title = safeTextWithin(article.title || article.id, LIMITS.embedTitle);
  const url = safeUrl(article.url);
  const chunks = boundedChunks(article.paragraphs.join('\n\n'), BODY_PER_PAGE);
  const layout: Layout = { quotes, provenance: sourceAndDate(article, t), title, url, chunks, escaped: [], pages: [] };
  layout.pages = chunks.length ? chunks.map((_, i) => ({ chunk: i, fields: [] })) : [{ chunk: -1, fields: [] }];
  layout.pages[0].fields.push(
    { name: t.date, value: dateText(article, t), inline: true },
    { name: t.source, value: article.source ? safeTextWithin(article.source, 200) : '—', inline: true },
  );

  const quoteFields = quotes.map((q) => quoteField(q, t));
  const last = layout.pages[layout.pages.length - 1];
  if (quoteFields.length === 0) last.fields.push({ name: t.articleQuotations, value: t.articleNoQuotations });
  // Quotations join the last text page while they fit; the rest get pages of their own.
  const header = (plan: PagePlan) => plan.chunk === undefined
    ? truncate(`${title} — ${t.articleQuotations}`, LIMITS.embedTitle).length
    : title.length + (plan.chunk === -1 ? 1 : chunkText(layout, plan.chunk).length);
  let target = last;
  let used = header(target) + target.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  for (const field of quoteFields) {
    const size = field.name.length + field.value.length;
    const budget = target.chunk === undefined ? QUOTES_PER_PAGE_CHARS : TEXT_PAGE_WITH_QUOTES_CHARS;
    if (target.fields.length >= QUOTE_FIELDS_PER_PAGE + 2 || used + size > budget) {
      target = { fields: [] };
      layout.pages.push(target);
      used = header(target);
    }
    target.fields.push(field);
    used += size;
  }
  return layout;
}

/**
 * Split raw text into chunks whose ESCAPED text fits `max`: split at `max`, and split again, smaller, any chunk whose
 * escaped length could pass it (text dense in markdown characters can double when escaped).
 */
function boundedChunks(text: string, max: number, budget: number = max): string[] {
  return splitText(text, budget).flatMap((chunk) =>
    escapedLengthBound(chunk) <= max ? [chunk] : boundedChunks(chunk, max, Math.max(1, Math.floor(budget / 2))),
  );
}

function chunkText(layout: Layout, chunk: number): string {
  if (chunk < 0) return '—';
  return (layout.escaped[chunk] ??= safeText(layout.chunks[chunk]));
}

function buildPage(layout: Layout, index: number, t: Strings): APIEmbed {
  const count = layout.pages.length;
  const plan = layout.pages[Math.min(Math.max(0, index), count - 1)];
  const i = layout.pages.indexOf(plan);
  const title =
    plan.chunk === undefined
      ? truncate(`${layout.title} — ${t.articleQuotations}`, LIMITS.embedTitle)
      : i === 0
        ? layout.title
        : truncate(`${layout.title} ${t.articleContinued}`, LIMITS.embedTitle);
  return {
    title,
    ...(layout.url ? { url: layout.url } : {}),
    ...(plan.chunk !== undefined ? { description: chunkText(layout, plan.chunk) } : {}),
    ...(plan.fields.length ? { fields: plan.fields.map((f) => ({ ...f })) } : {}),
    footer: { text: `${t.page(i + 1, count)} · ${layout.provenance}` },
  };
}

/** A quotation as an embed field: the speaker (and role) as its name, the words in guillemets as its value. */
function quoteField(q: Quote, t: Strings): APIEmbedField {
  const who = q.speaker ? [q.speaker, q.speakerRole].filter(Boolean).join(' — ') : t.quoteUnattributed;
  return {
    name: safeTextWithin(who, LIMITS.fieldName),
    value: truncate(guillemets(safeTextWithin(q.text, LIMITS.fieldValue - 2)), LIMITS.fieldValue),
  };
}

/** One page as a message, with Prev/Next/Share when `controls` are given. */
export function renderArticlePage(pages: readonly APIEmbed[] | ArticlePages, index: number, t: Strings, controls?: ArticleControls): MessagePayload {
  const count = isEmbedList(pages) ? pages.length : pages.count;
  const page = Math.min(Math.max(0, index), count - 1);
  const embed = isEmbedList(pages) ? pages[page] : pages.page(page);
  const components = controls
    ? [
        row(
          ...(count > 1
            ? [
                button(controls.prevId, `◀ ${t.prev}`, { disabled: page === 0 }),
                button(controls.nextId, `${t.next} ▶`, { disabled: page === count - 1 }),
              ]
            : []),
          button(controls.shareId, t.share, { style: ButtonStyle.Success }),
        ),
      ]
    : [];
  return message({ embeds: [embed], components });
}

function isEmbedList(pages: readonly APIEmbed[] | ArticlePages): pages is readonly APIEmbed[] {
  return Array.isArray(pages);
}
