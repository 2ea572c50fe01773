import type { Options, Query, SearchOptions as MiniSearchQueryOptions } from 'minisearch';
import { analyzeTerm, cliticVariants, tokenize } from '../arabic/index.js';

/** What MiniSearch indexes for one article. */
export interface IndexedDoc {
  id: string;
  title: string;
  body: string;
}

/**
 * Ranking parameters, chosen by measurement on ARCD (bench/retrieval.ts, figures in docs/benchmarks.md). The
 * benchmark and query-time search both go through ArticleIndex, so they always use these same values.
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
  // within ±0.001, so one edit it is (two edits on long words cost time on a large vocabulary for nothing).
  fuzzyMinLength: 4,
  fuzzyEdits: 1,
  fuzzyWeight: 0.1,
  // Prefix matching (autocomplete) on the last query term only, when the query ends in the middle of a word, from
  // 3 letters: a 2-letter stem prefixes thousands of terms on a news-sized vocabulary and narrows nothing
  // (SaudiNewsNet, 31k articles: autocomplete p95 ~300 ms with 2 letters, ~40 ms with 3).
  prefixMinLength: 3,
  prefixWeight: 0.375,
  // A query word read without an attached proclitic («بمراكش» as «مراكش», see cliticVariants) counts half as much
  // as the word's own term. Measured: 0.2–0.5 equal (+0.003 MRR@10), 1.0 slightly lower.
  cliticVariantWeight: 0.5,
} as const;

/** MiniSearch construction options. fromJSON must pass exactly these (MiniSearch.loadJS requires the same
 *  fields, tokenizer and term processing as at build time). */
export const INDEX_OPTIONS: Options<IndexedDoc> = {
  fields: ['title', 'body'],
  storeFields: [],
  // Our analyzer does normalization, stopwords and stemming; MiniSearch only splits. Same at query time.
  tokenize: (text: string) => tokenize(text),
  processTerm: (term: string) => analyzeTerm(term),
};

const ENDS_IN_WORD = /[\p{L}\p{M}\p{N}]$/u;

/** A MiniSearch query tree and the options to run it with: what `nashra search`, autocomplete and the ARCD
 *  benchmark all execute for a user's query. */
export interface PreparedQuery {
  query: Query;
  options: MiniSearchQueryOptions;
}

/**
 * The query tree for `query`: the query itself, OR'd with each word's de-cliticized readings («بمراكش» also
 * searches «مراكش») at a lower weight. Prefix expansion applies to the last word only (and to its readings), and
 * only when the query ends inside a word that survives analysis: «التحالف الدو» expands «دو», while a finished
 * question («… العراق؟») or a trailing stopword does not turn the previous word into a prefix.
 */
export function prepareQuery(query: string): PreparedQuery {
  const tokens = tokenize(query);
  const last = tokens[tokens.length - 1];
  const prefixLast = ENDS_IN_WORD.test(query.trimEnd()) && last !== undefined && analyzeTerm(last) !== null;
  const isPrefix = (term: string) => term.length >= RANKING.prefixMinLength;
  const options: MiniSearchQueryOptions = {
    combineWith: 'OR',
    boost: { title: RANKING.titleBoost },
    bm25: RANKING.bm25,
    weights: { fuzzy: RANKING.fuzzyWeight, prefix: RANKING.prefixWeight },
    // Numbers are never fuzzy: «2014» must not find «2018».
    fuzzy: (term) => (term.length >= RANKING.fuzzyMinLength && !/\d/.test(term) ? RANKING.fuzzyEdits : false),
  };
  const own: Query = {
    queries: [query],
    prefix: (term, i, terms) => prefixLast && i === terms.length - 1 && isPrefix(term),
  };
  const readings: Query[] = tokens.flatMap((token, i) => {
    const variants = cliticVariants(token);
    if (!variants.length) return [];
    const typing = prefixLast && i === tokens.length - 1;
    const reading: Query = {
      queries: [variants.join(' ')],
      boostTerm: () => RANKING.cliticVariantWeight,
      // The reading is already a guess: no fuzzy matching on top of it.
      fuzzy: false,
      prefix: (term: string) => typing && isPrefix(term),
    };
    return [reading];
  });
  return { query: readings.length ? { combineWith: 'OR', queries: [own, ...readings] } : own, options };
}
