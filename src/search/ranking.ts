/**
 * Ranking parameters and the scoring formula, chosen by measurement on ARCD (bench/retrieval.ts, figures in
 * docs/benchmarks.md). The benchmark and query-time search both go through ArticleIndex, so they always use these
 * same values. The formula is the one the ranking was tuned with (MiniSearch 7's BM25+ with its coordination
 * factor), now computed by our own core (top-k.ts); tests/support/plain-bm25.ts restates it in the plainest form.
 *
 *   score(d) = matchedSources(d) × Σ_spec Σ_expansion weight × Σ_field boost_field × bm25+(term, field, d)
 *   bm25+(t, f, d) = idf(t, f) × (δ + tf × (k + 1) / (tf + k × (1 − b + b × len(f, d) / avgLen(f))))   when tf > 0
 *   idf(t, f) = ln(1 + (N − df(t, f) + 0.5) / (df(t, f) + 0.5))
 *
 * - N counts live articles; df(t, f) counts live articles whose field f holds t; len(f, d) is the number of distinct
 *   word tokens (before analysis, stopwords included) of field f: the measure the tuning used.
 * - matchedSources(d) is the number of distinct query terms (the own terms and clitic readings, not their fuzzy or
 *   prefix expansions) that article d matched: an article matching three of the query's words beats one matching
 *   one word three times.
 */
export const RANKING = {
  // Title matches count double. Measured: 1 → MRR@10 −0.007, 1.5 → −0.001, 3 → −0.003.
  titleBoost: 2,
  // BM25+: b = 1 (full length normalization) measured +0.014 MRR@10 over MiniSearch's 0.7: a long article
  // repeating a name should not outrank a short one that answers the query. k and d were flat around defaults.
  bm25: { k: 1.2, b: 1, d: 0.5 },
  // Fuzzy matching only for terms of 4+ letters (after stemming), within one edit, with a low weight: it rescues
  // spelling variants and broken stems without letting «عام» stand in for «عالم». Measured: +0.011 MRR@10 at
  // weight 0.1 vs. no fuzzy; 5+ letters −0.009; weights 0.05–0.2 and 20–25% of the length instead of one edit
  // within ±0.001, so one edit it is. The weight of a variant t′ is fuzzyWeight × |t′| / (|t′| + 1).
  fuzzyMinLength: 4,
  fuzzyWeight: 0.1,
  // ... and only for a term fewer than this many live articles hold (title or body). A word a hundred articles use is
  // a word, not a typo: its one-edit neighbours are other words («سعود» / «سعيد», «امير» / «امين»), each a long
  // posting list at weight 0.1 that reorders little; on SaudiNewsNet they were ~60 % of a query's postings. A rare or
  // unknown term (a misspelling, a rare transliteration) still expands. Measured (2026-12-07, 31k SaudiNewsNet
  // articles, the search bench's 201 queries and known items): known-item MRR@10 0.593 → 0.600 (a second draw of
  // 1,000 items: see docs/benchmarks.md), ARCD 0.868 unchanged (its terms are all rarer), a query's postings −49 to
  // −57 %.
  fuzzyMaxDf: 100,
  // Prefix matching (autocomplete) on the last query term only, when the query ends in the middle of a word, from
  // 3 letters: a 2-letter stem prefixes thousands of terms on a news-sized vocabulary and narrows nothing.
  // The weight of a completion t′ of p is prefixWeight × |t′| / (|t′| + 0.3 × (|t′| − |p|)).
  prefixMinLength: 3,
  prefixWeight: 0.375,
  // A query word read without an attached proclitic («بمراكش» as «مراكش», see cliticVariants) counts half as much
  // as the word's own term. Measured: 0.2–0.5 equal (+0.003 MRR@10), 1.0 slightly lower.
  cliticVariantWeight: 0.5,
} as const;

export const FIELD_TITLE = 0;
export const FIELD_BODY = 1;
export const FIELD_COUNT = 2;
/** Boost per field id. */
export const FIELD_BOOST: readonly number[] = [RANKING.titleBoost, 1];

/** BM25 inverse document frequency (always > 0). */
export function idf(documentCount: number, df: number): number {
  return Math.log(1 + (documentCount - df + 0.5) / (df + 0.5));
}

/** Weight of a fuzzy variant (one edit) of a query term. */
export function fuzzyExpansionWeight(variant: string): number {
  return (RANKING.fuzzyWeight * variant.length) / (variant.length + 1);
}

/** Weight of a completion of a query term typed as a prefix. */
export function prefixExpansionWeight(prefix: string, completion: string): number {
  return (RANKING.prefixWeight * completion.length) / (completion.length + 0.3 * (completion.length - prefix.length));
}

/**
 * One posting's contribution: `weight` (the query term's boost × the expansion's weight) × the field's boost ×
 * BM25+ of a term present `tf` times in a field of length `length`. The scorer's inner loop inlines exactly this
 * expression (same operations, same order), so its scores are bit-identical to this function's.
 */
export function termScore(weight: number, fieldBoost: number, termIdf: number, tf: number, length: number, avgLength: number): number {
  const { k, b, d } = RANKING.bm25;
  return weight * fieldBoost * (termIdf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / avgLength))));
}
