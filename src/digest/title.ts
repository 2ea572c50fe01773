/**
 * The story's title: the headline, of any of its articles, that best names the event the articles share; a lead
 * clause when none does. Outlets title one event differently, often by an angle of their own (the seeds'
 * Marrakech story: «أمريكا تشيد بدور المغرب…» is one outlet's angle, «التحالف الدولي لمحاربة داعش يجتمع في
 * المغرب…» names the meeting), so the most central article's headline is not necessarily the one.
 */
import { titleFromSentence } from '../corpus/parse.js';
import type { AnalyzedArticle, SparseVector, TermWeights } from './vectors.js';
import { dot, normalize } from './vectors.js';

/**
 * A headline this far from the story's common content (cosine) names something else: a teaser («هل تعرف ماذا
 * حدث؟»), a column's name. The story then takes a lead clause instead.
 */
export const MIN_HEADLINE_FIT = 0.05;

/**
 * The story's common content: its centroid, each term weighted by the share of the story's articles that use it
 * (title or body). One outlet's angle weighs less than what every report of the event says.
 */
export function commonContent(docs: readonly AnalyzedArticle[], center: SparseVector): SparseVector {
  if (docs.length < 2) return center;
  const out: SparseVector = new Map();
  for (const [t, w] of center) {
    let n = 0;
    for (const d of docs) if (d.bodyCounts.has(t) || d.titleCounts.has(t)) n++;
    out.set(t, (w * n) / docs.length);
  }
  return normalize(out);
}

/** The real headline (not one cut from a first sentence) that best covers `common`, or null when none fits. */
export function pickHeadline(docs: readonly AnalyzedArticle[], common: SparseVector, weights: TermWeights): AnalyzedArticle | null {
  let best: AnalyzedArticle | null = null;
  let bestFit = MIN_HEADLINE_FIT;
  for (const d of docs) {
    if (d.article.titleInferred) continue;
    const fit = dot(weights.vector(d.titleCounts), common);
    // Ties go to the earlier (more central) article.
    if (fit > bestFit + 1e-12) {
      best = d;
      bestFit = fit;
    }
  }
  return best;
}

/**
 * The section labels the Saudi Press Agency puts before its headlines («عام / بلدية القريات تعقد…», «اقتصادي /
 * غرفة الرياض…»): 364 of SaudiNewsNet's 30,676 headlines. They file the report, they do not name the event.
 */
const SECTION_LABELS = new Set(['عام', 'اقتصادي', 'إقتصادي', 'سياسي', 'ثقافي', 'رياضي', 'اجتماعي', 'إجتماعي', 'تقرير']);
const SECTION_LABEL = /^\s*([\p{L}]+)\s*\/\s*(?=\S)/u;

/** The headline as a story title: without an agency's section label before it. */
export function storyTitle(headline: string): string {
  const label = SECTION_LABEL.exec(headline);
  return label && SECTION_LABELS.has(label[1]) ? headline.slice(label[0].length) : headline;
}

/** A title from the summary's opening sentence, cut at a clause boundary (see titleFromSentence). */
export function leadClauseTitle(openingSentence: string): string {
  return titleFromSentence(openingSentence);
}
