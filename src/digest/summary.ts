/**
 * Extractive story summaries and the story's strongest quotation. Every sentence and quotation returned is taken
 * verbatim from the story's articles; nothing is rewritten.
 */
import { analyze, tokenize } from '../arabic/index.js';
import type { Quote } from '../quotes/quote.js';
import type { StoryQuote } from './types.js';
import type { AnalyzedArticle, AnalyzedSentence, SparseVector, TermWeights } from './vectors.js';
import { countTerms, dot } from './vectors.js';

/** Sentences shorter than this say too little to stand alone (datelines, captions, «وأضاف:»). */
export const MIN_SUMMARY_WORDS = 6;
/** Longer sentences are run-ons that swamp a Discord card; used only when nothing shorter exists. */
export const MAX_SUMMARY_WORDS = 60;
/** Two sentences sharing more than half their analyzed terms say the same thing (outlets copy agency copy). */
export const NEAR_DUPLICATE_JACCARD = 0.5;
/**
 * …and so does a short sentence whose terms are mostly inside a longer one: outlets pad the agency sentence
 * («قال الفيفا عبر تويتر إن…» / «قال الاتحاد الدولي لكرة القدم "الفيفا"، اليوم (الاثنين)، عبر موقع تويتر…»),
 * which keeps the Jaccard low while the reader learns nothing new.
 */
export const NEAR_DUPLICATE_CONTAINMENT = 0.7;

export function isNearDuplicate(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  const union = a.size + b.size - inter;
  const smaller = Math.min(a.size, b.size);
  return (union > 0 && inter / union > NEAR_DUPLICATE_JACCARD) || (smaller > 0 && inter / smaller > NEAR_DUPLICATE_CONTAINMENT);
}

// Leftovers of site chrome that can survive parsing inside a body paragraph: never summary material.
const CHROME = /(رابط\s+الخبر|اقرأ\s+أيضا|اقرأ\s+ايضا|شاهد\s+أيضا|مقالات\s+ذات\s+صلة|أضف\s+تعليق|اترك\s+تعليق|https?:\/\/|www\.|@\w)/i;
const ARABIC_LETTER = /\p{Script=Arabic}/u;
const SENTENCE_END = /[.!?؟…»”"'):]\s*$/u;

interface Candidate {
  sentence: AnalyzedSentence;
  /** Rank of its article in the story (0 = the most central). */
  articleRank: number;
  score: number;
  termSet: Set<string>;
}

/**
 * 2–3 sentences for a story: central to the story (cosine to its centroid), near the top of their article (news
 * is written lead first), drawn from different articles when they can be, never near-duplicates of each other.
 * `articles` come most central first.
 */
export function summarizeStory(articles: readonly AnalyzedArticle[], center: SparseVector, weights: TermWeights): string[] {
  const all: Candidate[] = [];
  articles.forEach((doc, articleRank) => {
    for (const sentence of doc.sentences) {
      if (CHROME.test(sentence.text) || !ARABIC_LETTER.test(sentence.text)) continue;
      const centrality = dot(weights.vector(countTerms(sentence.terms)), center);
      // Lead prior: the first sentence of a news article is its own summary; the bonus fades with position.
      const lead = 1 + 0.5 / (1 + sentence.position);
      // A line without a closing full stop is usually a photo caption or a subheading, not reporting
      // («المقاومة الشعبية خلال أولى معاركها للسيطرة على زنجبار عاصمة أبين»); kept only if nothing better exists.
      const finished = SENTENCE_END.test(sentence.text) ? 1 : 0.6;
      all.push({ sentence, articleRank, score: centrality * lead * finished, termSet: new Set(sentence.terms) });
    }
  });
  const wellSized = all.filter(
    (c) => c.sentence.terms.length >= 3 && c.sentence.wordCount >= MIN_SUMMARY_WORDS && c.sentence.wordCount <= MAX_SUMMARY_WORDS,
  );
  const chosen: Candidate[] = [];
  extendSummary(chosen, wellSized, 3);
  // Too short or too long sentences only when the well-sized ones give fewer than two (a one-paragraph wire
  // item, a column written as one 90-word sentence, the same report published twice).
  if (chosen.length < 2) extendSummary(chosen, all, 2);
  // Reading order: leads before details, and within the same depth the more central article first.
  return chosen
    .sort((a, b) => a.sentence.position - b.sentence.position || a.articleRank - b.articleRank)
    .map((c) => c.sentence.text);
}

/**
 * Greedy selection: the best remaining candidate that is not a near-duplicate of one already chosen. A second
 * sentence from an article already used must beat the other outlets clearly (coverage); a third sentence is
 * taken only when it still carries the story (at least 40% of the best one's score).
 */
function extendSummary(chosen: Candidate[], pool: readonly Candidate[], limit: number): void {
  while (chosen.length < limit) {
    let best: Candidate | null = null;
    let bestScore = -Infinity;
    for (const c of pool) {
      if (chosen.includes(c) || chosen.some((s) => isNearDuplicate(s.termSet, c.termSet))) continue;
      const score = chosen.some((s) => s.articleRank === c.articleRank) ? c.score * 0.7 : c.score;
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (!best) return;
    if (chosen.length === 2 && bestScore < 0.4 * chosen[0].score) return;
    chosen.push(best);
  }
}

/**
 * The story's strongest quotation: a named speaker over an anonymous one, substance (a full statement rather
 * than a two-word phrase or a pasted paragraph), and closeness to what the story is about.
 */
export function pickQuote(
  quotes: readonly Quote[],
  center: SparseVector,
  weights: TermWeights,
  summary: readonly string[] = [],
): StoryQuote | null {
  let best: StoryQuote | null = null;
  let bestScore = -Infinity;
  for (const q of quotes) {
    const words = tokenize(q.text).length;
    if (words === 0) continue;
    const speaker = q.speaker ? 1 : 0.4;
    const substance = words < 8 ? words / 8 : words > 50 ? 50 / words : 1;
    const centrality = dot(weights.vector(countTerms(analyze(q.text))), center);
    // A quotation the summary already prints in full adds nothing to the briefing: take another when there is one.
    const repeated = summary.some((sentence) => sentence.includes(q.text)) ? 0.25 : 1;
    const score = speaker * substance * (0.5 + centrality) * repeated;
    if (score > bestScore) {
      bestScore = score;
      best = { text: q.text, speaker: q.speaker, articleId: q.articleId };
    }
  }
  return best;
}
