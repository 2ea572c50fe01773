import { analyzeTerm, cleanText, splitSentences, tokenSpans } from '../arabic/index.js';
import type { Article } from '../corpus/article.js';
import { markSpans, type Span } from './markdown.js';

/** Longest snippet text, in characters before markdown escaping (an embed description holds 4,096; a result list
 *  of ten must stay readable). */
export const SNIPPET_MAX_CHARS = 300;
const ELLIPSIS = '…';

interface Candidate {
  text: string;
  spans: (Span & { term: string })[];
}

/**
 * The best-matching sentence of an article, markdown-escaped, with matched words in **bold**, trimmed at word
 * boundaries to at most SNIPPET_MAX_CHARS around the matches. `matchedTerms` are analyzed index terms (as MiniSearch
 * reports them, fuzzy and prefix expansions included), so a word is marked exactly when it made the article match.
 * When only the title matched, the article's first sentence is shown unmarked.
 */
export function buildSnippet(article: Article, matchedTerms: ReadonlySet<string>): string {
  let best: Candidate | null = null;
  let bestScore = -1;
  for (const paragraph of article.paragraphs) {
    for (const sentence of splitSentences(paragraph)) {
      const candidate = findMatches(sentence, matchedTerms);
      // Distinct matched terms first (a sentence naming both «بوريطة» and «بلينكن» beats one repeating either),
      // then the number of matched words; ties go to the earlier sentence, where news puts the essentials.
      const score = new Set(candidate.spans.map((s) => s.term)).size * 1000 + candidate.spans.length;
      if (score > bestScore) [best, bestScore] = [candidate, score];
    }
  }
  // An article with no body (a headline-only file) still gets a snippet: its title.
  return renderWindow(best ?? findMatches(article.title, matchedTerms));
}

function findMatches(sentence: string, matchedTerms: ReadonlySet<string>): Candidate {
  const text = cleanText(sentence).replace(/\s+/g, ' ').trim();
  const spans: Candidate['spans'] = [];
  for (const t of tokenSpans(text)) {
    const term = analyzeTerm(t.token);
    if (term && matchedTerms.has(term)) spans.push({ start: t.start, end: t.end, term });
  }
  return { text, spans };
}

/** Cut the sentence to the SNIPPET_MAX_CHARS window holding the most matches, then escape and mark it. */
function renderWindow({ text, spans }: Candidate): string {
  if (text.length <= SNIPPET_MAX_CHARS) return markSpans(text, spans);
  const budget = SNIPPET_MAX_CHARS - 2 * ELLIPSIS.length;
  // Start a little before a match so the reader sees what leads up to it.
  const lead = Math.floor(budget / 5);
  let start = 0;
  let bestCount = -1;
  for (const anchor of spans.length ? spans : [{ start: 0, end: 0 }]) {
    const from = Math.max(0, Math.min(anchor.start - lead, text.length - budget));
    const count = spans.filter((s) => s.start >= from && s.end <= from + budget).length;
    if (count > bestCount) [start, bestCount] = [from, count];
  }
  let end = Math.min(text.length, start + budget);
  // Snap to word boundaries: never show half a word.
  if (start > 0) {
    const space = text.indexOf(' ', start - 1);
    start = space === -1 || space >= end ? start : space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    end = space > start ? space : end;
  }
  const inside = spans
    .filter((s) => s.start >= start && s.end <= end)
    .map((s) => ({ start: s.start - start, end: s.end - start }));
  const body = markSpans(text.slice(start, end), inside);
  return `${start > 0 ? ELLIPSIS : ''}${body}${end < text.length ? ELLIPSIS : ''}`;
}
