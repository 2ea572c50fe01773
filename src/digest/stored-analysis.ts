import type { Article } from '../corpus/article.js';
import { primeAnalysis, type AnalyzedArticle, type AnalyzedSentence } from './vectors.js';

/**
 * An article's digest analysis (vectors.ts, analyzeArticle) as text to keep beside it in the store, made once when
 * the article is parsed: a digest of a news day (~2,000 articles) then reads it instead of analyzing every article
 * again, which was ~40 % of the day's `/digest now`.
 *
 * Exactness: decoding gives back exactly what analyzeArticle gives (the same terms, counts in the same order, the
 * same sentences), so a digest is the same either way (tests/digest.test.ts). Sentences are kept as offsets into
 * the article's paragraphs when they are slices of them (they always are today), else as text. Bump
 * DIGEST_ANALYSIS_FORMAT whenever analyzeArticle's output could change (its analyzer, window or budget): the
 * engine's analysis version includes it, so the stored corpus is analyzed again once.
 *
 * Layout (JSON): { d: distinct terms, body's in first-count order then the title's others; b: the body's counts,
 * aligned with d; t: title terms as indexes into d; s: per sentence [paragraph, from, to, wordCount, ...term indexes]
 * or [text, wordCount, ...term indexes] }.
 *
 * 2: a run of spaces before a bullet ends a sentence (src/arabic/sentences.ts).
 */
export const DIGEST_ANALYSIS_FORMAT = 2;

interface Stored {
  d: string[];
  b: number[];
  t: number[];
  s: (number | string)[][];
}

export function encodeAnalysis(analyzed: AnalyzedArticle): string {
  const index = new Map<string, number>();
  const d: string[] = [];
  const b: number[] = [];
  const idOf = (term: string): number => {
    let i = index.get(term);
    if (i === undefined) {
      i = d.length;
      index.set(term, i);
      d.push(term);
    }
    return i;
  };
  for (const [term, count] of analyzed.bodyCounts) (idOf(term), b.push(count));
  const t = analyzed.titleTerms.map(idOf);
  const paragraphs = analyzed.article.paragraphs;
  let p = 0;
  let cursor = 0;
  const s = analyzed.sentences.map((sentence) => {
    const terms = sentence.terms.map(idOf);
    // Sentences come in text order: look from where the last one was found.
    for (let q = p; q < paragraphs.length; q++) {
      const at = paragraphs[q].indexOf(sentence.text, q === p ? cursor : 0);
      if (at >= 0) {
        p = q;
        cursor = at + sentence.text.length;
        return [q, at, cursor, sentence.wordCount, ...terms];
      }
    }
    return [sentence.text, sentence.wordCount, ...terms];
  });
  const stored: Stored = { d, b, t, s };
  return JSON.stringify(stored);
}

/**
 * The analysis `encoded` holds for `article`, registered as its analysis (analyzeArticle then answers with it), or
 * null when it does not fit the article (damaged, or stored for another text): the caller analyzes as usual.
 */
export function decodeAnalysis(article: Article, encoded: string): AnalyzedArticle | null {
  let stored: Stored;
  try {
    stored = JSON.parse(encoded) as Stored;
  } catch {
    return null;
  }
  const { d, b, t, s } = stored ?? ({} as Stored);
  if (!Array.isArray(d) || !Array.isArray(b) || !Array.isArray(t) || !Array.isArray(s) || b.length > d.length) return null;
  const termAt = (i: unknown): string => {
    if (typeof i !== 'number' || !(i >= 0 && i < d.length)) throw new RangeError('term index');
    return d[i];
  };
  try {
    const bodyCounts = new Map<string, number>();
    for (let i = 0; i < b.length; i++) bodyCounts.set(d[i], b[i]);
    const titleTerms = t.map(termAt);
    const sentences: AnalyzedSentence[] = s.map((entry, position) => {
      let text: string;
      let rest: number;
      if (typeof entry[0] === 'string') {
        text = entry[0];
        rest = 1;
      } else {
        const [q, from, to] = entry as number[];
        const paragraph = article.paragraphs[q];
        if (paragraph === undefined || !(from >= 0 && to >= from && to <= paragraph.length)) throw new RangeError('sentence');
        text = paragraph.slice(from, to);
        rest = 3;
      }
      const wordCount = entry[rest] as number;
      if (typeof wordCount !== 'number') throw new RangeError('word count');
      return { text, position, wordCount, terms: entry.slice(rest + 1).map(termAt) };
    });
    const titleCounts = new Map<string, number>();
    for (const term of titleTerms) titleCounts.set(term, (titleCounts.get(term) ?? 0) + 1);
    return primeAnalysis({ article, titleTerms, sentences, bodyCounts, titleCounts });
  } catch {
    return null;
  }
}

/**
 * The term sequences a stored analysis holds, without the article: its distinct terms, and the title and the
 * sentence window (its sentences' terms one after another) as indexes into them — what analyzeArticle's titleTerms
 * and sentences' terms are, for a reader that only counts shingles (src/engine/formula-counts.ts). Null when it
 * cannot be read.
 */
export function storedTermSequences(encoded: string): { terms: string[]; title: number[]; run: number[] } | null {
  let stored: Stored;
  try {
    stored = JSON.parse(encoded) as Stored;
  } catch {
    return null;
  }
  const { d, t, s } = stored ?? ({} as Stored);
  if (!Array.isArray(d) || !Array.isArray(t) || !Array.isArray(s)) return null;
  const fits = (i: unknown): i is number => typeof i === 'number' && i >= 0 && i < d.length;
  const run: number[] = [];
  for (const entry of s) {
    if (!Array.isArray(entry)) return null;
    // [paragraph, from, to, wordCount, ...terms] or [text, wordCount, ...terms] (encodeAnalysis).
    const from = typeof entry[0] === 'string' ? 2 : 4;
    for (let i = from; i < entry.length; i++) {
      if (!fits(entry[i])) return null;
      run.push(entry[i] as number);
    }
  }
  if (!t.every(fits)) return null;
  return { terms: d, title: t, run };
}
