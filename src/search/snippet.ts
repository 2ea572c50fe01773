import { cleanText, forEachTermSpan, normalizeArabic, normalizedCodeUnits, splitSentences } from '../arabic/index.js';
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
 * boundaries to at most SNIPPET_MAX_CHARS around the matches. `matchedTerms` are analyzed index terms (the
 * article's matched expansions, fuzzy and prefix ones included), so a word is marked exactly when it made the article
 * match. `mayMatch` (termFinder) may be built for a superset of them.
 * When only the title matched, the article's first sentence is shown unmarked.
 */
export function buildSnippet(
  article: Article,
  matchedTerms: ReadonlySet<string>,
  mayMatch: (text: string) => boolean = termFinder(matchedTerms),
): string {
  let best: Candidate | null = null;
  let bestScore = 0;
  let first: string | undefined;
  for (const paragraph of article.paragraphs) {
    // Only a paragraph, then a sentence, that can hold a matched term is analyzed word by word; every other
    // sentence scores 0 and can only be the fallback below.
    const candidate = first === undefined || mayMatch(paragraph);
    if (!candidate) continue;
    for (const sentence of splitSentences(paragraph)) {
      first ??= sentence;
      if (!mayMatch(sentence)) continue;
      const found = findMatches(sentence, matchedTerms);
      // Distinct matched terms first (a sentence naming both «بوريطة» and «بلينكن» beats one repeating either),
      // then the number of matched words; ties go to the earlier sentence, where news puts the essentials.
      const score = new Set(found.spans.map((s) => s.term)).size * 1000 + found.spans.length;
      if (score > bestScore) [best, bestScore] = [found, score];
    }
  }
  // No sentence matched: the article's first sentence, unmarked. An article with no body (a headline-only file)
  // still gets a snippet: its title.
  return renderWindow(best ?? findMatches(first ?? article.title, matchedTerms));
}

/**
 * A fast necessary test for «this text holds a word whose analyzed term is one of `terms`»: does the text's
 * normalized form contain one of the terms? Every analyzed term is a substring of its word's normalized form (the
 * stemmer only strips), so a text this test rejects has no match; one it accepts is then analyzed exactly. One pass
 * over the text's code units (normalizedCodeUnits), a bitmap of the terms' first units, no string built. A test
 * built for a superset of an article's matched terms (a search builds one for all its expansions) is as good.
 */
export function termFinder(terms: Iterable<string>): (text: string) => boolean {
  const list = [...new Set(terms)].filter(Boolean);
  if (!list.length) return () => false;
  const starts = new Uint32Array(0x10000 / 32);
  const byFirst = new Map<number, Uint16Array[]>();
  for (const t of list) {
    const codes = new Uint16Array(t.length);
    for (let i = 0; i < t.length; i++) codes[i] = t.charCodeAt(i);
    starts[codes[0] >>> 5] |= 1 << (codes[0] & 31);
    byFirst.set(codes[0], [...(byFirst.get(codes[0]) ?? []), codes]);
  }
  return (text) => {
    const folded = normalizedCodeUnits(text);
    if (!folded) {
      const normalized = normalizeArabic(text);
      return list.some((t) => normalized.includes(t));
    }
    const { units, length } = folded;
    for (let i = 0; i < length; i++) {
      const c = units[i];
      if (!(starts[c >>> 5] & (1 << (c & 31)))) continue;
      for (const t of byFirst.get(c)!) {
        if (i + t.length > length) continue;
        let j = 1;
        while (j < t.length && units[i + j] === t[j]) j++;
        if (j === t.length) return true;
      }
    }
    return false;
  };
}

function findMatches(sentence: string, matchedTerms: ReadonlySet<string>): Candidate {
  const text = cleanText(sentence).replace(/\s+/g, ' ').trim();
  const spans: Candidate['spans'] = [];
  forEachTermSpan(text, (term, start, end) => {
    if (term !== null && matchedTerms.has(term)) spans.push({ start, end, term });
  });
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
