/**
 * Light stemmer in the family of Larkey's light10 and Lucene's ArabicStemmer, tuned on ARCD (see
 * docs/benchmarks.md): strip one proclitic group, then up to two suffixes. Input must already be normalized
 * (normalizeArabic), so ة is ه and hamza seats are folded.
 *
 * Rules, each one kept because it measured better than its alternative on ARCD retrieval:
 * - Definite-article groups (وال بال كال فال لل ال) go when at least 2 letters remain; only one group is stripped.
 * - A lone conjunction و goes only when at least 3 letters remain: «ولد» (born) keeps its root letter, «وزير»
 *   becomes «زير» in both documents and queries, which costs less than missing «وقال» ↔ «قال».
 *   Lone ب/ك/ل/ف are NOT stripped (measured worse: «بلد», «فرنسا», «كتاب», «لبنان» lose a root letter), so
 *   «بالمغرب» matches through «بال». A query's «بمراكش» still finds «مراكش»: search also tries each query word
 *   without such a proclitic (cliticVariants in analyzer.ts), at a lower weight, instead of stripping documents.
 * - Suffixes leave at least 3 letters. ة becomes ت before a pronoun («عاصمتها» = «عاصمة» + «ها»), hence
 *   تها/تهم/ته/تي — except after ا, where the ت is the plural ات («سياساتها» = «سياسات» + «ها»). Two passes
 *   catch stacked endings («سياساتهم» → «سياسات» → «سياس»).
 */
const DEFINITE_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const MIN_AFTER_DEFINITE = 2;
const MIN_AFTER_CONJUNCTION = 3;
// Order matters: the first suffix that fits is taken, so longer endings come before their own tails.
const SUFFIXES = ['تهما', 'تها', 'تهم', 'ته', 'تي', 'هما', 'هم', 'ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];
const MIN_STEM = 3;
const SUFFIX_PASSES = 2;

export function lightStem(word: string): string {
  let w = stripPrefix(word);
  for (let pass = 0; pass < SUFFIX_PASSES; pass++) {
    const suffix = SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= MIN_STEM && !isPluralTa(w, s));
    if (!suffix) break;
    w = w.slice(0, -suffix.length);
  }
  return w;
}

function stripPrefix(word: string): string {
  for (const p of DEFINITE_PREFIXES) {
    if (word.startsWith(p) && word.length - p.length >= MIN_AFTER_DEFINITE) return word.slice(p.length);
  }
  if (word.startsWith('و') && word.length - 1 >= MIN_AFTER_CONJUNCTION) return word.slice(1);
  return word;
}

/** «ات» + pronoun: the ت belongs to the plural ending, not to a ة, so only the pronoun goes in this pass. */
function isPluralTa(word: string, suffix: string): boolean {
  return suffix.startsWith('ت') && word.at(-suffix.length - 1) === 'ا';
}
