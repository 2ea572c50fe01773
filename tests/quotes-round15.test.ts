/**
 * Issue 9, round 15: probes in the style of the unseen outlets (Tunisian radio and pan-Arab TV and web
 * copy). After a role, a compound given name in «الدين» cut the family name after it («الأمين العام للاتحاد نور الدين
 * الطبوبي» was «نور الدين»), or was left in the role («… أورفة عز الدين كجك» was «كجك»); «الكاتب أمين معلوف» read
 * «أمين» as a role; the guard, the customs and the civil protection spoke as no one; two quoted words after «أن» that
 * end the sentence were no quotation. Short passages written for the tests, not copied from any outlet.
 */
import { describe, expect, it } from 'vitest';
import { articleOf as article } from './support/articles.js';
import { extractQuotes } from '../src/quotes/extract.js';

const said = (...paragraphs: string[]) =>
  extractQuotes(article(...paragraphs)).map((q) => ({ speaker: q.speaker, role: q.speakerRole ?? null, kind: q.speakerKind }));
const STATEMENT = '"لن نقبل بأي تراجع عن الاتفاقيات الممضاة مع الحكومة".';

describe('round 15: compound given names after a role', () => {
  it('keep the family name with the article, or without it', () => {
    expect(said(`وقال الأمين العام للاتحاد العام التونسي للشغل نور الدين الطبوبي في تصريح لموزاييك: ${STATEMENT}`)).toEqual([
      { speaker: 'نور الدين الطبوبي', role: 'الأمين العام للاتحاد العام التونسي للشغل', kind: 'person' },
    ]);
    expect(said(`وقال المحلل السياسي صلاح الدين الجورشي: ${STATEMENT}`).map((q) => q.speaker)).toEqual(['صلاح الدين الجورشي']);
    expect(said(`وقال رئيس الوزراء الجزائري نور الدين بدوي: ${STATEMENT}`).map((q) => q.speaker)).toEqual(['نور الدين بدوي']);
  });

  it('open the name: the place before them stays in the role, a sure given name before them joins the name', () => {
    expect(said(`وقال حاكم محافظة شانلي أورفة عز الدين كجك: ${STATEMENT}`)).toEqual([{ speaker: 'عز الدين كجك', role: 'حاكم محافظة شانلي أورفة', kind: 'person' }]);
    expect(said(`وقال سفير مصر محمد بدر الدين زايد: ${STATEMENT}`).map((q) => q.speaker)).toEqual(['محمد بدر الدين زايد']);
  });

  it('an adjective after a noun in ة is no family name: «حسام الدين آشنا السياسة الإعلامية»', () => {
    expect(said('انتقد المستشار الثقافي حسام الدين آشنا السياسة الإعلامية المتبعة وقال: «مبالغ كبيرة تصرف باسم الميزانية الدفاعية».').map((q) => q.speaker)).toEqual([
      'حسام الدين آشنا',
    ]);
  });
});

describe('round 15: given names that look like roles, two family names', () => {
  it('«أمين» after a definite role before one name word; «أمين عام» stays a role', () => {
    expect(said(`وقال الكاتب أمين معلوف: ${STATEMENT}`)).toEqual([{ speaker: 'أمين معلوف', role: 'الكاتب', kind: 'person' }]);
    expect(said(`وقال الأمين العام: ${STATEMENT}`)).toEqual([{ speaker: null, role: 'الأمين العام', kind: 'unnamed' }]);
  });

  it('two family names in ـي after a given name, but not a nationality', () => {
    expect(said(`وقال رئيس مجلس النواب رشيد الطالبي العلمي: ${STATEMENT}`).map((q) => q.speaker)).toEqual(['رشيد الطالبي العلمي']);
    expect(said(`وقال الكاتب علي الموسوي العراقي: ${STATEMENT}`).map((q) => q.speaker)).not.toContain('علي الموسوي العراقي');
  });
});

describe('round 15: bodies', () => {
  it('the guard, the customs, the civil protection and the Red Crescent speak as organisations', () => {
    for (const body of ['الحرس الوطني', 'الحماية المدنية', 'الهلال الأحمر التونسي', 'الجمارك الفرنسية']) {
      expect(said(`وقال ${body} في بلاغ: ${STATEMENT}`)).toEqual([{ speaker: body, role: null, kind: 'organisation' }]);
    }
  });

  it('«حماية» and «هلال» alone are no bodies', () => {
    expect(said(`وقال هلال الحارثي: ${STATEMENT}`)).toEqual([{ speaker: 'هلال الحارثي', role: null, kind: 'person' }]);
  });

  it('a body that has spoken, called again by its last word before «أن», goes on speaking', () => {
    const quotes = said(
      'وقالت جبهة النصرة في بيان: «إننا لا نرى جواز الدخول في هذا الحلف بأي شكل من الأشكال».',
      'وأعلن تنظيم داعش أنه سيواصل القتال. وذكرت النصرة أن الحكومة والتحالف يسعيان إلى «قيادة المعركة وتوجيهها ضمن مصالحهم الخاصة».',
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['جبهة النصرة', 'جبهة النصرة']);
  });
});

describe('round 15: short statements and clauses', () => {
  it('two quoted words after «أن» that end the sentence are a statement; a name in marks goes on into it', () => {
    expect(said('وأكد الناطق الرسمي باسم القطب القضائي لمكافحة الإرهاب سفيان السليطي في تصريح لموزاييك أن "الأبحاث متواصلة".')).toEqual([
      { speaker: 'سفيان السليطي', role: 'الناطق الرسمي باسم القطب القضائي لمكافحة الإرهاب', kind: 'person' },
    ]);
    expect(said('وأكد مصدر أمني أن "حزب الله" يرفض التفاوض على أي شروط جديدة.')).toEqual([]);
    expect(said('وأشار المحلل إلى أن «جبهة النصرة».')).toEqual([]);
  });

  it('«في حين» after a comma opens a clause: its subject is who the participle speaks for', () => {
    const quotes = said(
      'وصادق البرلمان التونسي ليل الجمعة على القانون الجديد بأغلبية واسعة.',
      'ووقف النواب لإنشاد النشيد الوطني، في حين وصف رئيس المجلس محمد الناصر إقرار القانون باللحظة التاريخية، مؤكدا أن من شأن التشريع الجديد أن "يطمئن المواطن".',
    );
    expect(quotes).toEqual([{ speaker: 'محمد الناصر', role: 'رئيس المجلس', kind: 'person' }]);
  });
});

describe('round 15: names in marks right after a reporting verb, a definite adjective after a name', () => {
  it('a body or an outlet in marks after the verb is the subject, named as the marks give it', () => {
    expect(said('وقالت "هيومن رايتس ووتش" في تقرير: "لا بد من فتح تحقيق مستقل في ما جرى يوم الأحد".')).toEqual([
      { speaker: 'هيومن رايتس ووتش', role: null, kind: 'organisation' },
    ]);
    expect(said('وأفاد «المرصد السوري لحقوق الإنسان» بأن «الطيران ألقى أكثر من عشرين برميلا على الأحياء الشرقية».')).toEqual([
      { speaker: 'المرصد السوري لحقوق الإنسان', role: null, kind: 'organisation' },
    ]);
  });

  it('a short statement after the verb followed by «في إشارة» stays a statement of the speaker before', () => {
    const quotes = said('وقال رئيس المجلس القروي جهاد النواجعة إن "الأرض لنا ولن نرحل عنها مهما كلفنا ذلك". وتابع "لن نكرر مأساة عام 1948" في اشارة الى النكبة.');
    expect(quotes.map((q) => q.speaker)).toEqual(['جهاد النواجعة', 'جهاد النواجعة']);
  });

  it('a definite adjective in ة after a definite word ends the name: «جو بايدن الولايات المتحدة»', () => {
    expect(said('وقال الرئيس جو بايدن الولايات المتحدة "لن تتخلى عن حلفائها في المنطقة مهما حدث".').map((q) => q.speaker)).toEqual(['جو بايدن']);
  });
});
