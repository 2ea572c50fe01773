import { normalizeArabic } from './normalize.js';
import { STOPWORDS } from './stopwords.js';
import { lightStem } from './stem.js';

/** Split text into word tokens (Arabic letters, Latin letters, digits). Keeps original forms. */
export function tokenize(text: string): string[] {
  return text.normalize('NFKC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

/** Map one raw token to its index term, or null when it carries no meaning for search (stopword). */
export function analyzeTerm(token: string): string | null {
  const norm = normalizeArabic(token);
  if (!norm || STOPWORDS.has(norm)) return null;
  return lightStem(norm);
}

/** The analyzer: the same function at index and query time. */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = analyzeTerm(token);
    if (term) terms.push(term);
  }
  return terms;
}
