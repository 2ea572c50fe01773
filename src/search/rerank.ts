import { normalizeArabic, STOPWORDS } from '../arabic/index.js';
import type { Article } from '../corpus/article.js';

/**
 * Second-stage ranking of the first stage's best candidates by character 4-gram overlap with the query.
 *
 * Why: on ARCD most first-place misses are the right article's wrong paragraph, lost to a paraphrase whose words
 * share a stretch of letters but not a stem: «استقلت»/«الاستقلال», «تأسست»/«تأسيس», «انتخب»/«الانتخابات».
 * Stemming cannot join these without also joining unrelated words; 4-grams of the normalized, unstemmed word catch
 * the shared stretch and only nudge candidates that already matched. Measured on ARCD (bench/retrieval.ts), weight
 * 0.5 over the top 20: MRR@10 0.859 → 0.868, up on both article-level halves (0.840 → 0.850, 0.903 → 0.909);
 * weights 0.5–0.75 and depths 15–50 are within ±0.002, weights 0.3–0.4 or depth 10 lose 0.004–0.005. Depth 20
 * rather than 30 for speed: the rerank reads each candidate's text (SaudiNewsNet: +4–7 ms per search). Rejected by the same measurement: grams of stemmed words
 * (+0.001), 3-grams (uneven), 5-grams (smaller), an ISRI root-overlap feature (Taghva et al. 2005; alone +0.004,
 * but on top of 4-grams it gains on one half and loses on the other), Snowball Arabic stem overlap (loses),
 * best-sentence coverage (loses on both).
 *
 * The grams are computed from the candidates' stored text at query time, so the saved index does not change and
 * does not grow (a 4-gram field measured about the same and doubled it). Gram weights are inverse document
 * frequencies among the candidates themselves: a gram every candidate shares says nothing about which is best.
 */
export const RERANK = {
  depth: 20,
  gramLength: 4,
  weight: 0.5,
} as const;

/**
 * `results` (best first, first-stage scores) with the first RERANK.depth reordered by
 * score + weight × topScore × gramCoverage, where gramCoverage ∈ [0, 1] is the idf-weighted share of the query's
 * grams found in the article. Every reranked score is ≥ its original score, hence ≥ every score below the depth,
 * so scores stay in descending order and comparable across the whole list.
 */
export function rerankByGrams<T extends { id: string | number; score: number }>(
  query: string,
  results: T[],
  articleOf: (id: string) => Article | undefined,
): T[] {
  if (results.length < 2) return results;
  const queryGrams = [...new Set(contentWords(query).flatMap(wordGrams))];
  if (!queryGrams.length) return results;
  const head = results.slice(0, RERANK.depth);
  const found = head.map((r) => gramsPresent(articleOf(String(r.id)), queryGrams));

  const n = head.length;
  const weights = queryGrams.map((_, i) => {
    const df = found.reduce((count, present) => count + (present[i] ? 1 : 0), 0);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  });
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return results;
  const top = head[0].score;
  const rescored = head.map((r, k) => {
    const covered = weights.reduce((sum, w, i) => sum + (found[k][i] ? w : 0), 0);
    return { ...r, score: r.score + RERANK.weight * top * (covered / total) };
  });
  // Stable: equal scores keep the first stage's order.
  rescored.sort((a, b) => b.score - a.score);
  return [...rescored, ...results.slice(RERANK.depth)];
}

/** The normalized, unstemmed words of `text` that carry meaning (the analyzer's stopwords and lone letters out). */
function contentWords(text: string): string[] {
  return (normalizeArabic(text).match(WORD) ?? []).filter(isContentWord).map(canonicalProclitic);
}

/**
 * One spelling for a word's proclitics, so that «بالرباط», «والرباط», «للرباط» and «الرباط» have the same grams (a
 * query spelled either way reranks alike) while the article «ال» stays: grams spanning it measured better than
 * grams of the bare word (ARCD MRR@10 0.865 vs 0.868, lower on both halves). The conjunction و goes under the
 * stemmer's rule (3+ letters must remain).
 */
function canonicalProclitic(word: string): string {
  if (word.length >= 5 && /^[وبكف]ال/.test(word)) return word.slice(1);
  if (word.length >= 4 && word.startsWith('لل')) return `ا${word.slice(1)}`;
  if (word.length >= 4 && word.startsWith('و')) return word.slice(1);
  return word;
}

// The analyzer's word pattern (analyzer.ts). Normalizing the whole text first and splitting after costs one pass of
// each normalization rule per article instead of one per word, and needs no per-word cache.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** What analyzeTerm keeps, on an already normalized word: not a stopword, not a lone letter. */
function isContentWord(word: string): boolean {
  return !STOPWORDS.has(word) && (word.length > 1 || /\d/.test(word));
}

/** Which of `grams` occur in the article's title or body. The article's content words are joined as «_w1_ _w2_»:
 *  a gram has no space, so it can only match inside one marked word, exactly as if each word were cut into grams. */
function gramsPresent(article: Article | undefined, grams: readonly string[]): boolean[] {
  if (!article) return grams.map(() => false);
  const words = contentWords(`${article.title}\n${article.paragraphs.join('\n')}`);
  const marked = `_${words.join('_ _')}_`;
  return grams.map((g) => marked.includes(g));
}

/** Character n-grams of a normalized word marked with its boundaries («_استقلت_» → «_است», «استق», …, «قلت_»). A
 *  word shorter than the gram is one gram, so short words still count, but only as whole words. */
function wordGrams(word: string): string[] {
  const marked = `_${word}_`;
  if (marked.length <= RERANK.gramLength) return [marked];
  const grams: string[] = [];
  for (let i = 0; i + RERANK.gramLength <= marked.length; i++) grams.push(marked.slice(i, i + RERANK.gramLength));
  return grams;
}
