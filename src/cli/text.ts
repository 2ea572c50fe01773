/** Readable terminal output for the CLI (the default, without --json). */
import type { Article } from '../corpus/article.js';
import { en } from '../bot/i18n/en.js';
import { storyDateText } from '../bot/render/provenance.js';
import type { Digest } from '../digest/types.js';
import type { Quote } from '../quotes/quote.js';
import type { SearchResponse } from '../search/types.js';

export interface TextStyle {
  /** Use ANSI bold for matched words (only on a terminal). */
  color: boolean;
}

/** Snippets carry Discord markdown (**match**, backslash escapes); a terminal wants plain text or ANSI. */
export function markdownToTerminal(snippet: string, style: TextStyle): string {
  const bold = style.color ? (s: string) => `\u001b[1m${s}\u001b[22m` : (s: string) => s;
  return snippet
    .replace(/\*\*(.+?)\*\*/g, (_, inner: string) => bold(inner))
    .replace(/\\([\\*_~`|>#[\]().-])/g, '$1')
    .replace(/\u200b/g, '');
}

function meta(parts: (string | null | undefined)[]): string {
  return parts.filter(Boolean).join(' · ');
}

export function searchText(response: SearchResponse, style: TextStyle): string {
  if (response.results.length === 0) return `No articles match «${response.query}».\n`;
  const lines = [`${response.total} article(s) match «${response.query}»:`, ''];
  response.results.forEach((r, i) => {
    lines.push(`${i + 1}. ${r.title}`);
    lines.push(`   ${meta([r.id, r.date, r.source, `score ${r.score}`])}`);
    if (r.snippet) lines.push(`   ${markdownToTerminal(r.snippet, style)}`);
    lines.push('');
  });
  return lines.join('\n');
}

function quoteLines(q: Quote): string[] {
  const who = q.speaker ? `— ${q.speaker}${q.speakerRole ? `، ${q.speakerRole}` : ''}` : '— (speaker not named)';
  return [`«${q.text}»`, `   ${who}`, `   [${q.articleId}, paragraph ${q.paragraph + 1}]`];
}

export function articleText(article: Article, quotes: Quote[]): string {
  const lines = [article.title, meta([article.id, article.date, article.source, article.url]), ''];
  for (const p of article.paragraphs) lines.push(p, '');
  if (quotes.length) {
    lines.push(`Quotations (${quotes.length}):`, '');
    for (const q of quotes) lines.push(...quoteLines(q), '');
  }
  return lines.join('\n');
}

export function quotesText(quotes: Quote[]): string {
  if (quotes.length === 0) return 'No quotations match.\n';
  return quotes.map((q) => quoteLines(q).join('\n')).join('\n\n') + '\n';
}

export function digestText(digest: Digest): string {
  if (digest.stories.length === 0) return `No new articles (digest generated ${digest.generatedAt}).\n`;
  const omitted = digest.omittedCount ? ` (the latest; ${digest.omittedCount} older article(s) of the period left out)` : '';
  const lines = [`Digest — ${digest.articleCount} article(s)${omitted}, ${digest.stories.length} story(ies)`, ''];
  digest.stories.forEach((s, i) => {
    lines.push(`${i + 1}. ${s.title}`);
    const when = storyDateText(s, en);
    lines.push(`   ${s.sourceCount} source(s)${when ? `, published ${when}` : ''}: ${s.articleIds.join(', ')}`);
    for (const sentence of s.summary) lines.push(`   • ${sentence}`);
    if (s.quote) lines.push(`   «${s.quote.text}» — ${s.quote.speaker ?? '?'}`);
    lines.push('');
  });
  return lines.join('\n');
}
