import { analyzeTerm, cliticVariants, tokenize } from '../arabic/index.js';
import { SCRIPT_ARABIC, SCRIPT_LATIN, scriptClass, TERM_HASH_BASE, type InvertedIndex } from './postings.js';
import { fuzzyExpansionWeight, prefixExpansionWeight, RANKING } from './ranking.js';

/** One index term a query term stands for, with its weight (the query term's boost included). */
export interface Expansion {
  term: number;
  text: string;
  weight: number;
}

/** One query term: which source it counts as (for the coordination factor) and the index terms it expands to. */
export interface QuerySpec {
  source: number;
  expansions: Expansion[];
}

/**
 * What a user's query executes: its distinct source terms (own terms and clitic readings) and, per query term in
 * order, the index terms it matches. The same plan serves `nashra search`, autocomplete and the ARCD benchmark.
 */
export interface QueryPlan {
  sources: string[];
  specs: QuerySpec[];
}

/** A query term before expansion: the analyzed term and how it may expand. */
export interface QueryTerm {
  term: string;
  fuzzy: boolean;
  prefix: boolean;
  boost: number;
}

const ENDS_IN_WORD = /[\p{L}\p{M}\p{N}]$/u;

/**
 * The query terms of `query`, in order: each word's own term, then each word's de-cliticized readings («بمراكش»
 * also searches «مراكش») at a lower weight and without fuzzy matching (a reading is already a guess). Prefix
 * expansion applies to the last word only (and to its readings), and only when the query ends inside a word that
 * survives analysis: «التحالف الدو» expands «دو», while a finished question («… العراق؟») or a trailing stopword
 * does not turn the previous word into a prefix. Numbers are never fuzzy: «2014» must not find «2018».
 */
export function queryTerms(query: string, options: PlanOptions = {}): QueryTerm[] {
  const tokens = tokenize(query);
  const last = tokens[tokens.length - 1];
  const prefixLast =
    options.prefix !== false && ENDS_IN_WORD.test(query.trimEnd()) && last !== undefined && analyzeTerm(last) !== null;
  const isPrefix = (term: string) => term.length >= RANKING.prefixMinLength;
  const own = tokens.map((t) => analyzeTerm(t)).filter((t): t is string => t !== null);
  const terms: QueryTerm[] = own.map((term, i) => ({
    term,
    fuzzy: term.length >= RANKING.fuzzyMinLength && !/\d/.test(term),
    prefix: prefixLast && i === own.length - 1 && isPrefix(term),
    boost: 1,
  }));
  tokens.forEach((token, i) => {
    const typing = prefixLast && i === tokens.length - 1;
    for (const variant of cliticVariants(token)) {
      for (const t of tokenize(variant)) {
        const term = analyzeTerm(t);
        if (term) terms.push({ term, fuzzy: false, prefix: typing && isPrefix(term), boost: RANKING.cliticVariantWeight });
      }
    }
  });
  return terms;
}

/**
 * `prefix: false`: the last word is never read as a prefix — for a query submitted whole rather than typed
 * (quotation search), which then never needs the dictionary in term order.
 */
export interface PlanOptions {
  prefix?: boolean;
}

/** Expand every query term against the index's dictionary. */
export function planQuery(query: string, index: InvertedIndex, options: PlanOptions = {}): QueryPlan {
  const sources: string[] = [];
  const sourceOf = new Map<string, number>();
  const specs: QuerySpec[] = [];
  for (const q of queryTerms(query, options)) {
    let source = sourceOf.get(q.term);
    if (source === undefined) {
      source = sources.length;
      sources.push(q.term);
      sourceOf.set(q.term, source);
    }
    specs.push({ source, expansions: expand(q, index) });
  }
  return { sources, specs };
}

/**
 * The index terms one query term matches, in a fixed order: itself; then, when typed as a prefix, its completions
 * (in term order); then, when fuzzy and held by fewer than RANKING.fuzzyMaxDf live articles, its one-edit variants
 * that are not completions (in term order). Only terms some live article holds take part.
 */
export function expand(q: QueryTerm, index: InvertedIndex): Expansion[] {
  const out: Expansion[] = [];
  const exact = index.termId(q.term);
  if (exact !== undefined && index.isLiveTerm(exact)) out.push({ term: exact, text: q.term, weight: q.boost });
  const completions = new Set<number>();
  if (q.prefix) {
    for (const id of index.termsWithPrefix(q.term)) {
      if (id === exact) continue;
      completions.add(id);
      const text = index.termText[id];
      out.push({ term: id, text, weight: q.boost * prefixExpansionWeight(q.term, text) });
    }
  }
  // A term many articles hold is a word, not a typo (RANKING.fuzzyMaxDf): no one-edit variants.
  if (q.fuzzy && (exact === undefined || index.dfAny[exact] < RANKING.fuzzyMaxDf)) {
    const found: { id: number; text: string }[] = [];
    for (const id of oneEditTerms(q.term, index)) {
      if (id === exact || completions.has(id) || !index.isLiveTerm(id)) continue;
      found.push({ id, text: index.termText[id] });
    }
    found.sort((a, b) => (a.text < b.text ? -1 : 1));
    for (const { id, text } of found) out.push({ term: id, text, weight: q.boost * fuzzyExpansionWeight(text) });
  }
  return out;
}

/**
 * Ids of the dictionary's terms among oneEditVariants(term), each once, found without building the variants: each
 * variant's hash follows from the term's prefix and suffix hashes (termHash), and only a hash hit compares code
 * units. ~450 variants of a 6-letter Arabic word cost a few microseconds instead of ~450 strings and Set and Map
 * operations (what `oneEditVariants` states plainly; tests compare both).
 */
export function oneEditTerms(term: string, index: InvertedIndex): number[] {
  const n = term.length;
  const classes: number[] = [];
  for (let i = 0; i < n; i++) {
    const cls = scriptClass(term.charCodeAt(i));
    if ((cls === SCRIPT_ARABIC || cls === SCRIPT_LATIN) && !classes.includes(cls)) classes.push(cls);
  }
  // scriptClass order as the Set in oneEditVariants would see them does not matter: alphabetOf sorts.
  const letters = index.alphabetCodes(classes);
  const B = TERM_HASH_BASE;
  const pow = new Int32Array(n + 2);
  pow[0] = 1;
  for (let i = 1; i < n + 2; i++) pow[i] = Math.imul(pow[i - 1], B);
  const prefix = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = (Math.imul(prefix[i], B) + term.charCodeAt(i)) | 0;
  const suffix = new Int32Array(n + 1);
  for (let i = n - 1; i >= 0; i--) suffix[i] = (Math.imul(term.charCodeAt(i), pow[n - 1 - i]) + suffix[i + 1]) | 0;
  const out: number[] = [];
  // The variant being probed: term[0..i) + (ch when ≥ 0) + term[skip..n).
  let at = 0;
  let ch = -1;
  let skip = 0;
  const matches = (text: string): boolean => {
    const length = at + (ch >= 0 ? 1 : 0) + (n - skip);
    if (text.length !== length) return false;
    for (let k = 0; k < at; k++) if (text.charCodeAt(k) !== term.charCodeAt(k)) return false;
    let k = at;
    if (ch >= 0 && text.charCodeAt(k++) !== ch) return false;
    for (let j = skip; j < n; j++, k++) if (text.charCodeAt(k) !== term.charCodeAt(j)) return false;
    return true;
  };
  const probe = (hash: number): void => {
    const id = index.findHashed(hash, matches);
    if (id >= 0 && !out.includes(id)) out.push(id);
  };
  for (let i = 0; i < n; i++) {
    at = i;
    skip = i + 1;
    ch = -1;
    probe((Math.imul(prefix[i], pow[n - i - 1]) + suffix[i + 1]) | 0);
    const own = term.charCodeAt(i);
    const head = Math.imul(prefix[i], B);
    for (let l = 0; l < letters.length; l++) {
      ch = letters[l];
      if (ch === own) continue;
      probe((Math.imul((head + ch) | 0, pow[n - i - 1]) + suffix[i + 1]) | 0);
    }
  }
  for (let i = 0; i <= n; i++) {
    at = i;
    skip = i;
    const head = Math.imul(prefix[i], B);
    for (let l = 0; l < letters.length; l++) {
      ch = letters[l];
      probe((Math.imul((head + ch) | 0, pow[n - i]) + suffix[i]) | 0);
    }
  }
  return out;
}

/**
 * Every string one edit (deletion, substitution, insertion of a code unit) from `term`, distinct and different from
 * it, whose new letter is one the dictionary uses in the term's own script (Arabic or Latin). The dictionary is a
 * hash map, so generating ~450 candidates for a 6-letter Arabic word and looking each up costs tens of microseconds,
 * where walking a trie under an edit-distance automaton would cost more and hold more memory.
 */
export function oneEditVariants(term: string, index: InvertedIndex): Set<string> {
  const classes = new Set<number>();
  for (let i = 0; i < term.length; i++) {
    const cls = scriptClass(term.charCodeAt(i));
    if (cls === SCRIPT_ARABIC || cls === SCRIPT_LATIN) classes.add(cls);
  }
  const letters = index.alphabetOf(classes).filter((ch) => ch.length === 1);
  const out = new Set<string>();
  for (let i = 0; i < term.length; i++) {
    const head = term.slice(0, i);
    const rest = term.slice(i + 1);
    out.add(head + rest);
    for (const ch of letters) {
      if (ch !== term[i]) out.add(head + ch + rest);
    }
  }
  for (let i = 0; i <= term.length; i++) {
    const head = term.slice(0, i);
    const tail = term.slice(i);
    for (const ch of letters) out.add(head + ch + tail);
  }
  out.delete(term);
  return out;
}
