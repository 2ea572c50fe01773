import type { BotContext, QuoteSession, SearchSession } from './command.js';
import { fitsCustomId, makeCustomId } from './custom-id.js';
import { UserInputError } from './inputs.js';
import { articlePages, renderArticlePage } from './render/article.js';
import type { MessagePayload } from './render/payload.js';
import { QUOTES_PER_MESSAGE, renderQuoteCards } from './render/quotes.js';
import { renderSearchPage, searchPageCount } from './render/search.js';
import { safeText } from './render/text.js';
import { shareCustomId } from './share.js';
import { truncate } from './split.js';

/**
 * The views behind the commands: one engine call, one renderer, and the buttons that go with it. Commands and
 * button handlers both come here, so a page looks the same whether it was opened by a command or a click.
 */

/** One page of a stored search. The page is clamped: the corpus may have shrunk since the search was made. */
export function searchView(ctx: BotContext, session: SearchSession, key: string, page: number): MessagePayload {
  const { query, from, to, source } = session;
  const pageSize = ctx.searchPageSize;
  let response = ctx.engine.search(query, { limit: pageSize, offset: page * pageSize, from, to, source });
  const lastPage = searchPageCount(response.total, pageSize) - 1;
  if (page > lastPage) {
    page = lastPage;
    response = ctx.engine.search(query, { limit: pageSize, offset: page * pageSize, from, to, source });
  }
  const input = {
    response,
    page,
    pageSize,
    filters: { from, to, source },
    articleOf: (id: string) => (ctx.engine.hasArticle(id) ? ctx.engine.article(id) : null),
  };
  if (response.results.length === 0) return renderSearchPage(input, ctx.t);
  const shareId = shareCustomId(ctx, [renderSearchPage(input, ctx.t)]);
  return renderSearchPage(input, ctx.t, {
    prevId: makeCustomId('search', 'page', key, page - 1),
    nextId: makeCustomId('search', 'page', key, page + 1),
    openId: makeCustomId('search', 'open', key),
    shareId,
  });
}

/** One page of an article (throws UNKNOWN_ARTICLE), with Prev/Next and Share. */
export function articleView(ctx: BotContext, articleId: string, page: number): MessagePayload {
  if (!ctx.engine.hasArticle(articleId)) {
    throw new UserInputError((t) => t.errorUnknownArticle(safeText(truncate(articleId, 100))));
  }
  const article = ctx.engine.article(articleId);
  // Laid out once per article; only the page shown is escaped (a 2 MB article pages in milliseconds).
  const pages = articlePages(article, ctx.engine.quotesFor(article.id), ctx.t);
  const index = Math.min(Math.max(0, page), pages.count - 1);
  // Seed ids are ~20 characters; an id too long for a custom_id is kept server-side like a search.
  const ref = fitsCustomId('article', 'page', 999, article.id) ? article.id : `~${ctx.articleRefs.put(article.id)}`;
  return renderArticlePage(pages, index, ctx.t, {
    prevId: makeCustomId('article', 'page', index - 1, ref),
    nextId: makeCustomId('article', 'page', index + 1, ref),
    shareId: shareCustomId(ctx, [renderArticlePage(pages, index, ctx.t)]),
  });
}

/** Resolve the article reference of an article button (an id, or `~key` of a stored id). */
export function articleIdFromRef(ctx: BotContext, ref: string): string | undefined {
  return ref.startsWith('~') ? ctx.articleRefs.get(ref.slice(1)) : ref;
}

/** Most quotations a /quote answer pages through; more is a sign the query should be narrower. */
const QUOTES_MAX = 100;

/** One page of quotation cards for /quote, with Prev/Next (when there are more) and Share. */
export function quotesView(ctx: BotContext, session: QuoteSession, key: string, page: number): MessagePayload {
  const quotes = ctx.engine.quotes(session.query ?? '', { speaker: session.speaker, limit: QUOTES_MAX });
  const pages = Math.max(1, Math.ceil(quotes.length / QUOTES_PER_MESSAGE));
  const index = Math.min(Math.max(0, page), pages - 1);
  const first = index * QUOTES_PER_MESSAGE;
  const cards = quotes.slice(first, first + QUOTES_PER_MESSAGE).map((quote) => ({
    quote,
    article: ctx.engine.hasArticle(quote.articleId) ? ctx.engine.article(quote.articleId) : null,
  }));
  const base = { query: session.query, speaker: session.speaker, first };
  if (cards.length === 0) return renderQuoteCards(cards, quotes.length, ctx.t, base);
  return renderQuoteCards(cards, quotes.length, ctx.t, {
    ...base,
    controls: {
      prevId: makeCustomId('quote', 'page', key, index - 1),
      nextId: makeCustomId('quote', 'page', key, index + 1),
      shareId: shareCustomId(ctx, [renderQuoteCards(cards, quotes.length, ctx.t, base)]),
    },
  });
}
