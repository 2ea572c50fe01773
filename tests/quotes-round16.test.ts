/**
 * Issue 9, round 16: probes in the style of the unseen outlets (Tunisian radio, pan-Arab TV and web copy).
 * The outlet or audience spoken to («لموزاييك»، «للصحفيين»، «لبي بي سي») stayed glued to the name or the role; a
 * one-word body («حماس»، «طالبان») spoke as a person and became part of the spokesman's name; a name after a role's
 * «في …» segment was lost when «في حديث»/«خلال مؤتمر» followed it. Short passages written for the tests, not copied
 * from any outlet.
 */
import { describe, expect, it } from 'vitest';
import { articleOf as article } from './support/articles.js';
import { extractQuotes } from '../src/quotes/extract.js';

const said = (...paragraphs: string[]) =>
  extractQuotes(article(...paragraphs)).map((q) => ({ speaker: q.speaker, role: q.speakerRole ?? null, kind: q.speakerKind }));
const STATEMENT = '"الوضع تحت السيطرة ولا داعي للقلق".';

describe('round 16: who was spoken to is neither name nor role', () => {
  it('an outlet after a name ends it', () => {
    expect(said(`وقال الخبير سعيد بن علي لموزاييك: ${STATEMENT}`)).toEqual([{ speaker: 'سعيد بن علي', role: 'الخبير', kind: 'person' }]);
    expect(said(`وقال سعيد بن علي للجزيرة: ${STATEMENT}`).map((q) => q.speaker)).toEqual(['سعيد بن علي']);
  });

  it('the role is what stands before the name, without the outlet after it', () => {
    expect(said(`وقال رئيس الوزراء البريطاني ريشي سوناك لبي بي سي: ${STATEMENT}`)).toEqual([
      { speaker: 'ريشي سوناك', role: 'رئيس الوزراء البريطاني', kind: 'person' },
    ]);
    expect(said(`وقال الرئيس الأمريكي جو بايدن لـCNN: ${STATEMENT}`)).toEqual([{ speaker: 'جو بايدن', role: 'الرئيس الأمريكي', kind: 'person' }]);
  });

  it('an unnamed source keeps its description without the audience or the agency', () => {
    expect(said(`وقال رئيس الوزراء للصحفيين: ${STATEMENT}`)).toEqual([{ speaker: null, role: 'رئيس الوزراء', kind: 'unnamed' }]);
    expect(said(`وقال مسؤول أمريكي لرويترز إن ${STATEMENT}`)).toEqual([{ speaker: null, role: 'مسؤول أمريكي', kind: 'unnamed' }]);
  });

  it('a short quotation after «للصحفيين» is a statement, not an outlet named in marks', () => {
    const quotes = said('وأشاد اللاعب لوكا مودريتش بزميله. وأضاف مودريتش للصحفيين "هو قائدنا داخل وخارج الملعب."');
    expect(quotes.map((q) => q.speaker)).toEqual(['لوكا مودريتش']);
  });
});

describe('round 16: bodies with a one-word proper name', () => {
  it('speak as bodies alone', () => {
    expect(said('وقالت حماس في بيان: "الاحتلال يتحمل المسؤولية الكاملة عن التصعيد".')).toEqual([{ speaker: 'حماس', role: null, kind: 'organisation' }]);
    expect(said('وقالت طالبان: "لن نسمح باستخدام أراضينا ضد أي دولة".')).toEqual([{ speaker: 'طالبان', role: null, kind: 'organisation' }]);
  });

  it('are no given name of the spokesman after «باسم»; «ذبيح الله» is one given name', () => {
    expect(said(`وقال المتحدث باسم حماس حازم قاسم: ${STATEMENT}`)).toEqual([{ speaker: 'حازم قاسم', role: 'المتحدث باسم حماس', kind: 'person' }]);
    expect(said(`وقال المتحدث باسم طالبان ذبيح الله مجاهد: ${STATEMENT}`).map((q) => q.speaker)).toEqual(['ذبيح الله مجاهد']);
  });

  it('a family name that happens to be such a word stays a name', () => {
    expect(said(`وقال محمد حماس: ${STATEMENT}`).map((q) => q.speaker)).toEqual(['محمد حماس']);
  });
});

describe('round 16: a name after the role\'s segment, before the occasion', () => {
  it('«في حديث لـ…» after the name does not hide it', () => {
    const quotes = said('وأكد القيادي في تحالف القوى العراقية طلال الزوبعي في حديث لـ«الشرق الأوسط» أن «هناك سلسلة من القوانين التي تنتظر التشريع».');
    expect(quotes).toEqual([{ speaker: 'طلال الزوبعي', role: 'القيادي', kind: 'person' }]);
  });
});

describe('round 16: short statements before their attribution, «بيّنت»', () => {
  it('two or three words in marks that open their sentence, then «، قال/يقول X», are a statement', () => {
    expect(said('"لن نتراجع أبدا"، قال ناصر بوريطة.').map((q) => q.speaker)).toEqual(['ناصر بوريطة']);
    expect(said('«المغرب شريك موثوق»، يقول وزير الشؤون الخارجية ناصر بوريطة.')).toEqual([
      { speaker: 'ناصر بوريطة', role: 'وزير الشؤون الخارجية', kind: 'person' },
    ]);
  });

  it('a quoted term inside the narrator\'s sentence is not one', () => {
    expect(said('ووصف القرار بأنه "خطوة تاريخية"، قال المحلل إن الحكومة أخطأت.')).toEqual([]);
  });

  it('«وبينت» (explained) reports; «بين» alone stays the preposition', () => {
    expect(said('وبينت الخبيرة ليلى الشريف أن "الأسعار ستواصل الارتفاع في الأشهر المقبلة".').map((q) => q.speaker)).toEqual(['ليلى الشريف']);
    expect(said('وبين الرياض والقاهرة "علاقات تاريخية متينة لا تهزها الأزمات".')).toEqual([]);
  });
});

describe('round 16: bare «كتب»', () => {
  it('writes before a role, and is never part of a name', () => {
    expect(said('وردا على ذلك، كتب النائب هشام العجبوني على فيسبوك: "هذه الحكومة فشلت في كل شيء".')).toEqual([
      { speaker: 'هشام العجبوني', role: 'النائب', kind: 'person' },
    ]);
  });

  it('«كتب» (books) before a role in the middle of a quotation names no one', () => {
    expect(said('وقال: "قرأت كتب الكاتب نجيب محفوظ كلها في صباي".').map((q) => q.speaker)).toEqual([null]);
  });
});
