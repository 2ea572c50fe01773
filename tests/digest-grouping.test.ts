/**
 * Same-event grouping on reports shaped like SaudiNewsNet's (written for these tests, not taken from any outlet):
 * one emir's two different events told with the same boilerplate about him, and one death told from three sides
 * (the family, the ministry's inquiry, the university's statement). Each case is also briefed with the headline
 * check off (headlineAgreement: 0), which is how the grouping was before it: the mixed pair must merge there, or the
 * test would pass whatever the clustering does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/article.js';
import { loadCorpus } from '../src/corpus/load.js';
import { parseArticle } from '../src/corpus/parse.js';
import { type ClusterOptions, DEFAULT_CLUSTER_OPTIONS, clusterArticles, headlineFactor } from '../src/digest/cluster.js';
import { buildDigest } from '../src/digest/digest.js';
import { termStatisticsOf } from '../src/digest/term-statistics.js';
import type { SparseVector } from '../src/digest/vectors.js';
import { UNRELATED_REPORTS, reportFileText } from './support/unrelated-reports.js';

function report(id: string, title: string, source: string, paragraphs: string[]): Article {
  return { id, title, date: '2015-07-22', source, url: null, paragraphs, addedAt: '2015-07-22T09:00:00.000Z' };
}

/** What every report of the emir's office closes on, whatever the event (the outlets copy the office's release). */
const EMIR_CLOSING = [
  'ونقل سمو أمير منطقة نجران الأمير جلوي بن عبدالعزيز بن مساعد تحيات خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز وسمو ولي العهد وسمو ولي ولي العهد، وأكد سموه أن القيادة الرشيدة حريصة على خدمة أهالي نجران في شرورة وحبونا وبدر الجنوب ويدمة وثار والخرخير.',
  'حضر اللقاء وكيل إمارة منطقة نجران ومدير عام مكتب سمو الأمير وعدد من المسؤولين في ديوان الإمارة.',
];

const EMIR_RECEIVES = report('emir-receives', 'أمير نجران يستقبل مدير فرع وزارة الزراعة بالمنطقة', 'صحيفة أ', [
  'استقبل صاحب السمو الملكي الأمير جلوي بن عبدالعزيز بن مساعد أمير منطقة نجران في مكتبه بديوان الإمارة أمس مدير فرع وزارة الزراعة بالمنطقة المهندس سالم اليامي، الذي قدم لسموه تقريرا عن مشروعات مكافحة سوسة النخيل في المزارع.',
  ...EMIR_CLOSING,
]);

const EMIR_ORDERS = report('emir-orders', 'أمير نجران يوجه بعلاج الجندي المصاب على نفقة الدولة', 'صحيفة ب', [
  'وجه صاحب السمو الملكي الأمير جلوي بن عبدالعزيز بن مساعد أمير منطقة نجران بنقل الجندي المصاب فهد القحطاني إلى مستشفى الملك خالد لاستكمال علاجه، بعد إصابته بشظية قذيفة أطلقت من داخل الحدود اليمنية على مركز حدودي.',
  ...EMIR_CLOSING,
]);

/** A second outlet's report of the order: its own words, the same event. */
const EMIR_ORDERS_AGAIN = report('emir-orders-2', 'علاج الجندي القحطاني في مستشفى الملك خالد بتوجيه من أمير نجران', 'صحيفة ج', [
  'أصدر أمير منطقة نجران الأمير جلوي بن عبدالعزيز بن مساعد توجيها بنقل الجندي فهد القحطاني، المصاب بشظية قذيفة سقطت على مركز حدودي، إلى مستشفى الملك خالد لإكمال علاجه على نفقة الدولة.',
  'وكانت القذيفة قد أطلقت من داخل الأراضي اليمنية مساء الاثنين، وأصيب الجندي في ساقه وذراعه أثناء نوبته.',
]);

// One death told from three sides, each headline naming a different part of it.
const DEATH_FAMILY = report('tabuk-family', 'زوج المعلمة المتوفاة في جامعة تبوك: لم يسعفها أحد', 'صحيفة أ', [
  'قال زوج المعلمة التي توفيت داخل مبنى عمادة القبول والتسجيل في جامعة تبوك إن زوجته سقطت مغشيا عليها بعد أن أبلغها الموظفون برفض قبول ابنتها في كلية الطب، رغم حصولها على نسبة 99 في المئة في الثانوية العامة.',
  'وأضاف أن الأسرة شيعت جثمان المعلمة رحمة العنزي عصر أمس في مقبرة تبوك، وأنها تطالب بمحاسبة المسؤولين عن تغيير رغبات ابنتها في نظام القبول.',
]);
const DEATH_INQUIRY = report('tabuk-inquiry', 'وزير التعليم يشكل لجنة للتحقيق في وفاة معلمة بجامعة تبوك', 'صحيفة ب', [
  'شكل وزير التعليم لجنة وزارية للتحقيق في ملف قبول طالبة في جامعة تبوك توفيت والدتها المعلمة رحمة العنزي داخل عمادة القبول والتسجيل، بعد رفض قبول ابنتها في كلية الطب وتحويلها إلى تخصص آخر.',
  'وقال المتحدث الرسمي للوزارة إن اللجنة ستراجع إدخال الرغبات في نظام القبول وملابسات إسعاف المعلمة، وسترفع تقريرها خلال أسبوع.',
]);
const DEATH_STATEMENT = report('tabuk-statement', 'جامعة تبوك توضح ملابسات وفاة والدة إحدى المتقدمات', 'صحيفة ج', [
  'أوضحت جامعة تبوك في بيان أن والدة إحدى المتقدمات للقبول غادرت مبنى عمادة القبول والتسجيل على قدميها قبل أن تصاب بحالة إغماء، وأن الجامعة استدعت الإسعاف فور إبلاغها، نافية أن تكون غيرت رغبات الطالبة في كلية الطب.',
  'وأضاف البيان أن ابنة المعلمة رحمة العنزي قبلت في تخصص آخر بحسب ترتيب رغباتها ونسبتها الموزونة، وأن الجامعة تتعاون مع لجنة وزارة التعليم.',
]);

let background: Article[];

beforeAll(async () => {
  // An archive around them: the seeds, twenty unrelated reports, and the emir's other days (his name and titles are
  // in every report of his office, as in a real archive).
  const seeds = (await loadCorpus('seeds')).articles;
  const reports = UNRELATED_REPORTS.map((r) => parseArticle(r.key, reportFileText(r), '2026-03-01T08:00:00.000Z'));
  const emirDays = [
    'افتتاح مهرجان التمور', 'تدشين مستشفى الأطفال', 'حفل تخريج طلاب الجامعة', 'اجتماع مجلس المنطقة', 'ملتقى الشباب', 'سباق الهجن',
    'معرض الكتاب', 'حملة التشجير', 'ندوة المياه', 'يوم المرور', 'تكريم المتفوقين', 'مؤتمر الطاقة', 'ختام بطولة السباحة',
    'حفل اليوم الوطني', 'اجتماع لجنة السياحة', 'تدشين مشروع الإسكان', 'افتتاح مركز الإسعاف', 'مسابقة القرآن الكريم',
  ].map(
    (what, i) => report(`emir-day-${i}`, 'أمير نجران', 'صحيفة د', [`رعى صاحب السمو الملكي الأمير جلوي بن عبدالعزيز بن مساعد أمير منطقة نجران ${what}.`, EMIR_CLOSING[0]]),
  );
  background = [...seeds, ...reports, ...emirDays];
});

function storiesOf(articles: Article[], clusterOptions?: Partial<ClusterOptions>): string[][] {
  const digest = buildDigest({ articles, termStatistics: termStatisticsOf([...background, ...articles]), quotesByArticle: new Map(), clusterOptions });
  return digest.stories.map((s) => [...s.articleIds].sort()).sort();
}

describe('same-event grouping: headlines must agree', () => {
  it("keeps one emir's reception of a visitor apart from his order about a wounded soldier", () => {
    const articles = [EMIR_RECEIVES, EMIR_ORDERS];
    // Without the headline check their shared closing paragraphs make them one story (body cosine 0.37; headlines
    // 0.06, sharing only the emir's name).
    expect(storiesOf(articles, { headlineAgreement: 0 })).toEqual([['emir-orders', 'emir-receives']]);
    expect(storiesOf(articles)).toEqual([['emir-orders'], ['emir-receives']]);
  });

  it("puts another outlet's report of the order, in its own words, with the order and not with the reception", () => {
    expect(storiesOf([EMIR_RECEIVES, EMIR_ORDERS, EMIR_ORDERS_AGAIN])).toEqual([['emir-orders', 'emir-orders-2'], ['emir-receives']]);
  });

  it('keeps a death told from three sides in one story, though two of its headlines share little', () => {
    expect(storiesOf([DEATH_FAMILY, DEATH_INQUIRY, DEATH_STATEMENT])).toEqual([['tabuk-family', 'tabuk-inquiry', 'tabuk-statement']]);
  });
});

describe('clusterArticles with headline agreement', () => {
  const v = (entries: [string, number][]): SparseVector => {
    const n = Math.hypot(...entries.map(([, w]) => w));
    return new Map(entries.map(([t, w]) => [t, w / n]));
  };
  // Bodies at cosine 0.5 from one another: enough to merge (threshold 0.2) when the headlines agree, not at the floor.
  let own = 0;
  const item = (headline: SparseVector) => ({ doc: v([['shared', 1], [`own-${own++}`, 1]]), day: null, headline });

  it('scales a pair by how far its headlines agree, down to the floor', () => {
    const options = { ...DEFAULT_CLUSTER_OPTIONS, headlineAgreement: 0.3, headlineFloor: 0.3 };
    expect(headlineFactor(0.3, options)).toBe(1);
    expect(headlineFactor(0.9, options)).toBe(1);
    expect(headlineFactor(0, options)).toBeCloseTo(0.3);
    expect(headlineFactor(0.15, options)).toBeCloseTo(0.65);
    expect(headlineFactor(0, { ...options, headlineAgreement: 0 })).toBe(1);
  });

  it('merges two groups when one headline of each agrees, not only when all do', () => {
    const x = v([['x', 1]]);
    const y = v([['y', 1]]);
    const xy = v([['x', 1], ['y', 1]]);
    // Headlines x and y disagree (0.5 × 0.3 < 0.2); xy agrees with both (cosine 0.71), so it holds the three together.
    expect(clusterArticles([item(x), item(y)])).toEqual([[0], [1]]);
    expect(clusterArticles([item(x), item(y), item(xy)])).toEqual([[0, 1, 2]]);
  });
});
