import { ButtonStyle, type APIEmbed } from 'discord.js';
import type { SearchHit, SearchResponse } from '../../search/types.js';
import type { Strings } from '../i18n/index.js';
import { LIMITS } from '../limits.js';
import { truncate } from '../split.js';
import { button, row, selectMenu, type ActionRow } from './components.js';
import { message, safeUrl, type MessagePayload } from './payload.js';
import type { Article } from '../../corpus/article.js';
import { sourceAndDate } from './provenance.js';
import { neutralizeMentions, plainText, safeTextWithin } from './text.js';

export const SEARCH_PAGE_SIZE = 5;
/** A snippet is one sentence; long Arabic sentences are cut so five results stay well under 6,000 characters. */
const SNIPPET_MAX = 700;

export interface SearchPageInput {
  response: SearchResponse;
  /** 0-based page number; `response.results` holds that page's hits. */
  page: number;
  pageSize?: number;
  filters?: { from?: string; to?: string; source?: string };
  /** The article behind a hit, for what the hit does not carry (its URL, a day given without its year). */
  articleOf?: (id: string) => Pick<Article, 'url' | 'dayWithoutYear'> | null;
}

/** Custom ids of the interactive parts; without them the page is rendered static (for sharing). */
export interface SearchControls {
  prevId: string;
  nextId: string;
  shareId: string;
  /** Select menu to open a result; omitted when no id fits a select option value. */
  openId?: string;
}

export function searchPageCount(total: number, pageSize = SEARCH_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** One page of ranked results: a header in `content`, one embed per result, paging and share controls. */
export function renderSearchPage(input: SearchPageInput, t: Strings, controls?: SearchControls): MessagePayload {
  const pageSize = input.pageSize ?? SEARCH_PAGE_SIZE;
  const { response, page } = input;
  const header: string[] = [];
  // The query is the user's own text (often Arabic): on its own quoted line, so it is not mixed into a Latin label.
  header.push(`**${t.searchQuery}**`, `> ${safeTextWithin(response.query, 500)}`);
  const filters = describeFilters(input.filters, t);
  if (filters) header.push(filters);

  if (response.results.length === 0) {
    header.push('', t.searchNoResults);
    return message({ content: header.join('\n') });
  }
  const first = page * pageSize + 1;
  const last = page * pageSize + response.results.length;
  header.push(`${t.searchSummary(first, last, response.total)} · ${t.page(page + 1, searchPageCount(response.total, pageSize))}`);

  const embeds = response.results.map((hit, i) => resultEmbed(hit, first + i, t, input.articleOf?.(hit.id) ?? null));
  const components: ActionRow[] = [];
  if (controls) {
    const pages = searchPageCount(response.total, pageSize);
    components.push(
      row(
        button(controls.prevId, `◀ ${t.prev}`, { disabled: page <= 0 }),
        button(controls.nextId, `${t.next} ▶`, { disabled: page >= pages - 1 }),
        button(controls.shareId, t.share, { style: ButtonStyle.Success }),
      ),
    );
    const openable = response.results.filter((h) => h.id.length <= LIMITS.selectOptionValue);
    if (controls.openId && openable.length > 0) {
      components.push(
        row(
          selectMenu(
            controls.openId,
            t.searchOpen,
            openable.map((h) => ({
              // Menu labels are plain text (no markdown), but bidi controls are removed like everywhere else.
              label: plainText(`${first + response.results.indexOf(h)}. ${h.title || h.id}`, LIMITS.selectOptionLabel),
              value: h.id,
              description: plainText(sourceAndDate({ source: h.source, date: h.date, dayWithoutYear: input.articleOf?.(h.id)?.dayWithoutYear }, t), LIMITS.selectOptionDescription),
            })),
          ),
        ),
      );
    }
  }
  return message({ content: header.join('\n'), embeds, components });
}

function resultEmbed(hit: SearchHit, rank: number, t: Strings, article: Pick<Article, 'url' | 'dayWithoutYear'> | null): APIEmbed {
  const embed: APIEmbed = {
    title: truncate(`${rank}. ${safeTextWithin(hit.title || hit.id, LIMITS.embedTitle)}`, LIMITS.embedTitle),
    // The engine's snippet is already markdown-escaped with **marks** around matched words; only mentions remain.
    description: truncate(neutralizeMentions(truncate(hit.snippet, SNIPPET_MAX)), SNIPPET_MAX) || '—',
    // Where and when, as a reader says it (issue 10: not the file's id); the result menu opens the article.
    footer: { text: sourceAndDate({ source: hit.source, date: hit.date, dayWithoutYear: article?.dayWithoutYear }, t) },
  };
  const link = safeUrl(article?.url);
  if (link) embed.url = link;
  return embed;
}

function describeFilters(filters: SearchPageInput['filters'], t: Strings): string | null {
  if (!filters) return null;
  const parts: string[] = [];
  if (filters.from) parts.push(`${t.searchFrom} ${filters.from}`);
  if (filters.to) parts.push(`${t.searchTo} ${filters.to}`);
  if (filters.source) parts.push(`${t.source}: ${safeTextWithin(filters.source, 100)}`);
  return parts.length ? `${t.searchFilters}: ${parts.join(' · ')}` : null;
}
