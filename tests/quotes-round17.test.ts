/**
 * Issue 9, round 17: tuned on tune9, a fresh SaudiNewsNet split scored first on the unchanged rules (both right
 * 0.597). «فان» of Dutch names read as «فإن» and ended the subject («وكشف فان بيرسي…، وقال:» named no one); «عبّر X
 * عن…» did not make X the speaker of the «وقال:» after it; a tweet «لـX» had no author; «بولوني التتويج» kept the
 * verb's object. Short passages written for the tests, not copied from any outlet.
 */
import { describe, expect, it } from 'vitest';
import { articleOf as article } from './support/articles.js';
import { extractQuotes } from '../src/quotes/extract.js';

const said = (...paragraphs: string[]) =>
  extractQuotes(article(...paragraphs)).map((q) => ({ speaker: q.speaker, role: q.speakerRole ?? null, kind: q.speakerKind }));

describe('round 17: «فان» in Dutch names', () => {
  it('after a reporting verb or a given name it links the name', () => {
    expect(said('وقال المدرب لويس فان غال: "نحن في طور بناء فريق جديد".').map((q) => q.speaker)).toEqual(['لويس فان غال']);
    expect(said('وكشف فان بيرسي أن مشكلته بدأت مبكرا، وقال: "تلك كانت أولى الإشارات على أن الأمور لا تسير جيدا".').map((q) => q.speaker)).toEqual(['فان بيرسي']);
  });

  it('«فإن» written without its hamza before the article stays the conjunction', () => {
    expect(said('وبحسب المتحدث باسم الشرطة أحمد سالم فإن "الوضع تحت السيطرة تماما".').map((q) => q.speaker)).toEqual(['أحمد سالم']);
  });
});

describe('round 17: «عبّر … عن», a tweet «لـX», a verbal noun after a name', () => {
  it('«وقد عبر X عن…» and «وعبر X عن…» make X the one who speaks next', () => {
    expect(said('احتفى رئيس البعثة بتال العتيبي بالمنتخب، وقد عبر مدير المنتخب خالد مطر عن سعادته بالاحتفال وقال: "جهود رئيس البعثة واضحة للجميع".')).toEqual([
      { speaker: 'خالد مطر', role: 'مدير المنتخب', kind: 'person' },
    ]);
    expect(said('وعبر اللاعب سيف الحشان عن استيائه من التشكيك، حيث قال عبر حسابه في تويتر: «إلى متى الواحد يجامل على حساب عمره».').map((q) => q.speaker)).toEqual(['سيف الحشان']);
  });

  it('bare «عبر» is «via»: «قال عبر حسابه» names no new speaker', () => {
    expect(said('وقال الوزير عبر حسابه في تويتر: "القرار نهائي ولا رجعة فيه".')).toEqual([{ speaker: null, role: 'الوزير', kind: 'unnamed' }]);
  });

  it('a tweet «لـX قال فيها» is X\'s, and so is the next one', () => {
    const quotes = said('ونعى الإعلامي علي الغفيلي والدته. وجاءت تغريدة للغفيلي قال فيها: "أفتح سجل المكالمات مرارا لمشاهدة آخر اتصال". وأضاف في تغريدة أخرى: "أبكيتني كثيرا برحيلك عني".');
    expect(quotes.map((q) => q.speaker)).toEqual(['علي الغفيلي', 'علي الغفيلي']);
  });

  it('a definite verbal noun of the form taf\'il after a name is no family name', () => {
    const quotes = said('ويريد المدرب لازلو بولوني التتويج بالدوري هذا الموسم، وقال: "كما هي عادتي أريد أن أنافس على كل الألقاب".');
    expect(quotes.map((q) => q.speaker)).toEqual(['لازلو بولوني']);
  });
});

describe('round 17: bare «عبر» before a role word', () => {
  it('expresses: its subject speaks next', () => {
    const quotes = said('عبر لاعب وسط التعاون مدالله العليان الذي جدد عقده لموسمين عن سعادته بالتجديد، وقال: "لم أتردد في البقاء مع الفريق".');
    expect(quotes.map((q) => q.speaker)).toEqual(['مدالله العليان']);
  });
});

describe('round 17: «منافس», «غريم» describe the person named before them', () => {
  it('end the name: «مورينيو منافس فينجر اللدود» is Mourinho, named in full earlier', () => {
    const quotes = said('وقال جوزيه مورينيو: "سنقاتل على اللقب". وقال مورينيو منافس فينجر اللدود إنه شاهد آرسنال "فريقا يدافع بشكل جيد جدا".');
    expect(quotes.map((q) => q.speaker)).toEqual(['جوزيه مورينيو', 'جوزيه مورينيو']);
  });
});

describe('round 17: «قال لي»', () => {
  it('«لي» alone after the verb is «to me», no speaker; «لي كه تشيانغ» is a name', () => {
    expect(said('وتحدث اللاعب روبن فان بيرسي عن مدربه. عندما تولى الإشراف على المنتخب الهولندي قال لي: "انت المهاجم رقم ثلاثة في الفريق".').map((q) => q.speaker)).not.toContain('لي');
    expect(said('وقال لي كه تشيانغ: "الاقتصاد الصيني ينمو بثبات هذا العام".').map((q) => q.speaker)).toEqual(['لي كه تشيانغ']);
  });
});
