import { describe, expect, it } from 'vitest';
import { buildDigest } from '../src/digest/digest.js';
import { articleSentenceFeatures, SENTENCE_FEATURES } from '../src/digest/summary.js';
import { termStatisticsOf } from '../src/digest/term-statistics.js';
import { analyzeArticle, TermWeights } from '../src/digest/vectors.js';
import type { Article } from '../src/corpus/article.js';

// Sentences written for this test: a report of four sentences, the third one a dependent continuation.
const report: Article = {
  id: 'r1',
  title: 'افتتاح معرض الكتاب في جدة',
  date: '2015-07-22',
  source: 'test',
  url: null,
  addedAt: '2015-07-22T08:00:00.000Z',
  paragraphs: [
    'افتتح أمير منطقة مكة المكرمة معرض الكتاب الدولي في جدة بمشاركة خمسمئة دار نشر من ثلاثين دولة.',
    'ويستمر المعرض عشرة أيام في مركز جدة للمعارض ويضم ندوات وأمسيات شعرية يومية للزوار.',
    'وأضاف أن الدورة المقبلة ستشهد مشاركة أوسع من دور النشر العربية والأجنبية في المعرض.',
    'وتبلغ مساحة المعرض هذا العام عشرين ألف متر مربع موزعة على ثلاث قاعات كبيرة للعرض.',
  ],
};
const other: Article = { ...report, id: 'r2', title: 'سعر الذهب', paragraphs: ['تراجع سعر الذهب في الأسواق العالمية اليوم بعد ارتفاع الدولار أمام العملات الرئيسية.'] };

describe('learned sentence scorer hook', () => {
  const termStatistics = termStatisticsOf([report, other]);

  it('computes one value per SENTENCE_FEATURES name for every window sentence', () => {
    const features = articleSentenceFeatures(analyzeArticle(report), new TermWeights(termStatistics));
    expect(features).toHaveLength(4);
    for (const f of features) expect(f).toHaveLength(SENTENCE_FEATURES.length);
    const at = (name: (typeof SENTENCE_FEATURES)[number]) => SENTENCE_FEATURES.indexOf(name);
    expect(features.map((f) => f[at('lead')])).toEqual([1, 0, 0, 0]);
    expect(features.map((f) => f[at('dependent')])).toEqual([0, 0, 1, 0]);
    expect(features.every((f) => f[at('paragraphFirst')] === 1 && f[at('finished')] === 1)).toBe(true);
  });

  it('replaces the position prior when given, and still never opens on a dependent sentence', () => {
    const digest = (summaryScorer?: (x: readonly number[]) => number) =>
      buildDigest({ articles: [report], termStatistics, quotesByArticle: new Map(), summaryScorer }).stories[0].summary;
    expect(digest()[0]).toBe(report.paragraphs[0]);
    // A scorer that prefers later sentences: they are chosen (in reading order), and the dependent one does not open.
    const late = digest((x) => x[SENTENCE_FEATURES.indexOf('relativePosition')] + 0.01);
    expect(late[0]).toBe(report.paragraphs[1]);
    expect(late).toContain(report.paragraphs[3]);
    expect(late[0]).not.toBe(report.paragraphs[2]);
  });
});
