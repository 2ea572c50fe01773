/**
 * The first-stage ranking stated as plainly as possible, for property tests of the ranking core
 * (src/search/top-k.ts, postings.ts, query-plan.ts): every article scored against every query term, by the formula
 * in src/search/ranking.ts, with no index at all. Slow, obviously correct, and summing in the same order as the core
 * (query terms grouped by source in order of first appearance, then expansions, then title before body), so the
 * scores are expected to be bit-identical.
 */
import { analyzeTerm, tokenize } from '../../src/arabic/index.js';
import type { Article } from '../../src/corpus/article.js';
import { SCRIPT_ARABIC, SCRIPT_LATIN, scriptClass } from '../../src/search/postings.js';
import { queryTerms, type QueryTerm } from '../../src/search/query-plan.js';
import { FIELD_BOOST, fuzzyExpansionWeight, idf, prefixExpansionWeight, RANKING, termScore } from '../../src/search/ranking.js';

interface PlainDoc {
  id: string;
  /** Per field (title, body): term → frequency, and the field's length (distinct tokens). */
  tf: Map<string, number>[];
  length: number[];
}

function fieldOf(text: string): { tf: Map<string, number>; length: number } {
  const tokens = tokenize(text);
  const tf = new Map<string, number>();
  for (const token of tokens) {
    const term = analyzeTerm(token);
    if (term) tf.set(term, (tf.get(term) ?? 0) + 1);
  }
  return { tf, length: new Set(tokens).size };
}

/** One edit apart, the new letter (if any) of a script (Arabic or Latin) the original term is written in. */
export function isOneEditVariant(term: string, candidate: string): boolean {
  if (candidate === term) return false;
  const allowed = new Set<number>([...term].map((c) => scriptClass(c.charCodeAt(0))).filter((c) => c === SCRIPT_ARABIC || c === SCRIPT_LATIN));
  const newLetterOk = (ch: string) => ch.length === 1 && allowed.has(scriptClass(ch.charCodeAt(0)));
  if (candidate.length === term.length) {
    const diff = [...Array(term.length).keys()].filter((i) => term[i] !== candidate[i]);
    return diff.length === 1 && newLetterOk(candidate[diff[0]]);
  }
  if (candidate.length === term.length + 1) {
    for (let i = 0; i <= term.length; i++) {
      if (candidate.slice(0, i) + candidate.slice(i + 1) === term) return newLetterOk(candidate[i]);
    }
    return false;
  }
  if (candidate.length === term.length - 1) {
    for (let i = 0; i < term.length; i++) if (term.slice(0, i) + term.slice(i + 1) === candidate) return true;
  }
  return false;
}

export interface PlainRanking {
  ids: string[];
  scores: number[];
  total: number;
}

/** Every matching article, best first (score, then id), with the number of matches. */
export function plainRanking(articles: readonly Article[], query: string): PlainRanking {
  const docs: PlainDoc[] = articles.map((a) => {
    const fields = [fieldOf(a.title), fieldOf(a.paragraphs.join('\n'))];
    return { id: a.id, tf: fields.map((f) => f.tf), length: fields.map((f) => f.length) };
  });
  const N = docs.length;
  const avg = [0, 1].map((f) => docs.reduce((sum, d) => sum + d.length[f], 0) / N);
  const df = (term: string, f: number) => docs.filter((d) => d.tf[f].has(term)).length;
  const vocabulary = [...new Set(docs.flatMap((d) => [...d.tf[0].keys(), ...d.tf[1].keys()]))].sort((a, b) => (a < b ? -1 : 1));

  const expansions = (q: QueryTerm): { text: string; weight: number }[] => {
    const out: { text: string; weight: number }[] = [];
    if (vocabulary.includes(q.term)) out.push({ text: q.term, weight: q.boost });
    const completions = q.prefix ? vocabulary.filter((t) => t !== q.term && t.startsWith(q.term)) : [];
    for (const t of completions) out.push({ text: t, weight: q.boost * prefixExpansionWeight(q.term, t) });
    const heldBy = docs.filter((d) => d.tf[0].has(q.term) || d.tf[1].has(q.term)).length;
    if (q.fuzzy && heldBy < RANKING.fuzzyMaxDf) {
      for (const t of vocabulary) {
        if (!completions.includes(t) && isOneEditVariant(q.term, t)) out.push({ text: t, weight: q.boost * fuzzyExpansionWeight(t) });
      }
    }
    return out;
  };

  // Copies (src/search/copies.ts): an article with the same source, headline and paragraphs as one whose id sorts
  // first is counted in the statistics but never returned.
  const copyKey = (a: Article) => JSON.stringify([a.source, a.title, a.paragraphs]);
  const hidden = new Set(articles.filter((a) => articles.some((b) => b.id < a.id && copyKey(b) === copyKey(a))).map((a) => a.id));

  const terms = queryTerms(query);
  const sources = [...new Set(terms.map((t) => t.term))];
  const grouped = [...terms].sort((a, b) => sources.indexOf(a.term) - sources.indexOf(b.term));
  const scored: { id: string; score: number }[] = [];
  for (const d of docs) {
    let sum = 0;
    const matched = new Set<string>();
    for (const q of grouped) {
      for (const e of expansions(q)) {
        for (let f = 0; f < 2; f++) {
          const tf = d.tf[f].get(e.text);
          if (!tf) continue;
          sum += termScore(e.weight, FIELD_BOOST[f], idf(N, df(e.text, f)), tf, d.length[f], avg[f]);
          matched.add(q.term);
        }
      }
    }
    if (matched.size && !hidden.has(d.id)) scored.push({ id: d.id, score: sum * matched.size });
  }
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ids: scored.map((s) => s.id), scores: scored.map((s) => s.score), total: scored.length };
}
