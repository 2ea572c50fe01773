/**
 * Issue 9: the speaker candidates a ranker chooses among (src/quotes/ranker.ts). Sentences written in the styles of
 * SaudiNewsNet; what each should give was read from the sentence, not copied from the code's output.
 */
import { describe, expect, it } from 'vitest';
import { articleOf as article } from './support/articles.js';
import { analyseQuotes, extractLocatedQuotes } from '../src/quotes/extract.js';
import { candidateFeatures, candidatesOf, FEATURE_NAMES, rankSpeakers } from '../src/quotes/ranker.js';
import { RANKER_WEIGHTS } from '../src/quotes/ranker-weights.js';

const feature = (name: (typeof FEATURE_NAMES)[number]) => FEATURE_NAMES.indexOf(name);

describe('speaker candidates', () => {
  const ministry = article(
    'أعلنت وزارة الصحة السعودية ارتفاع عدد الإصابات، وقال وزير الصحة خالد الفالح إن "الوضع تحت السيطرة ولا داعي للقلق".',
    'وأضاف الفالح: "سنواصل العمل مع جميع الجهات لمتابعة الحالات الجديدة".',
  );

  it('the people and bodies the narration names are the candidates, with «no name»; the rules\' quotations are unchanged', () => {
    const analysis = analyseQuotes(ministry);
    expect(analysis.quotes).toEqual(extractLocatedQuotes(ministry));
    expect(candidatesOf(analysis).map((c) => [c.name, c.kind])).toEqual([
      ['خالد الفالح', 'person'],
      ['وزارة الصحة السعودية', 'organisation'],
      [null, 'unnamed'],
    ]);
  });

  it('the minister is the subject of the quotation\'s verb and the rules\' choice; the ministry is only the earlier subject', () => {
    const analysis = analyseQuotes(ministry);
    const candidates = candidatesOf(analysis);
    const [first] = candidateFeatures(analysis, candidates);
    const minister = candidates.findIndex((c) => c.name === 'خالد الفالح');
    const body = candidates.findIndex((c) => c.kind === 'organisation');
    expect(first[minister][feature("subject after the quotation's verb")]).toBe(1);
    expect(first[body][feature("subject after the quotation's verb")]).toBe(0);
    expect(first.map((f) => f[feature('rule')])).toEqual([1, 0, 0]);
    expect(first[minister][feature('nearest before')]).toBe(1);
    expect(first[body][feature('second nearest before')]).toBe(1);
  });

  it('a name after the quotation («"…"، قال المدرب X») is marked as right after it, and the sentence has no verb before', () => {
    const analysis = analyseQuotes(article('"الفريق قدم مباراة كبيرة أمام منافس قوي"، قال المدرب خالد الشمري للصحفيين.'));
    const candidates = candidatesOf(analysis);
    const [quote] = candidateFeatures(analysis, candidates);
    const coach = candidates.findIndex((c) => c.name === 'خالد الشمري');
    expect(quote[coach][feature('right after the quotation')]).toBe(1);
    expect(quote[candidates.length - 1][feature('none: no verb before in sentence')]).toBe(1);
  });

  it('a surname the rules kept short gets the given name the article writes before it as a variant', () => {
    // «والتقى … سلطان الدوسري»: «التقى» is no reporting verb, so the rules never read the full name there.
    const analysis = analyseQuotes(
      article('والتقى وفد الشركة أمس سلطان الدوسري في مكتبه بالرياض.', 'وقال الدوسري إن "الشركة ستوسع أعمالها في المنطقة الشرقية خلال العام المقبل".'),
    );
    expect(analysis.quotes[0].speaker).toBe('الدوسري');
    const variant = candidatesOf(analysis).find((c) => c.variant);
    expect(variant).toMatchObject({ name: 'سلطان الدوسري', kind: 'person', variant: { how: 'before' } });
  });

  it('a nationality before a name is no variant of it; a three-word name has its last word dropped as one', () => {
    const analysis = analyseQuotes(article('وقال وزير الخارجية الإيراني محمد جواد ظريف إن "الاتفاق يفتح صفحة جديدة مع دول الجوار".'));
    const variants = candidatesOf(analysis).filter((c) => c.variant).map((c) => [c.name, c.variant?.how]);
    expect(variants).toEqual([['محمد جواد', 'dropped']]);
  });
});

describe('rankSpeakers', () => {
  const text = article(
    'أعلنت وزارة الصحة السعودية ارتفاع عدد الإصابات، وقال وزير الصحة خالد الفالح إن "الوضع تحت السيطرة ولا داعي للقلق".',
  );

  it('with the weight on the rules\' choice it gives the rules\' quotations back unchanged', () => {
    const weights = FEATURE_NAMES.map((n) => (n === 'rule' ? 1 : 0));
    expect(rankSpeakers(analyseQuotes(text), weights)).toEqual(extractLocatedQuotes(text));
  });

  it('another candidate that wins replaces the speaker with its name, kind and role', () => {
    const weights = FEATURE_NAMES.map((n) => (n === 'organisation' ? 5 : n === 'rule' ? 1 : 0));
    expect(rankSpeakers(analyseQuotes(text), weights)[0]).toMatchObject({ speaker: 'وزارة الصحة السعودية', speakerKind: 'organisation', speakerRole: null });
  });

  it('the committed weights have one weight per feature', () => {
    expect(RANKER_WEIGHTS).toHaveLength(FEATURE_NAMES.length);
  });
});
