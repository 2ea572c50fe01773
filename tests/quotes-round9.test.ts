/**
 * Issue 9, round 9: speaker candidates from the article's own usage, general patterns of Arabic news attribution
 * rather than fixes for particular articles. A reporter calls a person again by the family name alone («وقال
 * العساف»); that usage tells where the name ends wherever the person was first named — after a verb that takes an
 * object, in a verb-first clause, before «إلى». And a body's proper name may stand in marks after its description.
 * The sentences are written for the tests; each test of a change failed before it (five of eight); the guards
 * (the object «الحرب», the tag line and the plural, a head right before the marks) failed with a first version.
 */
import { describe, expect, it } from 'vitest';
import { articleOf as article } from './support/articles.js';
import { extractQuotes } from '../src/quotes/extract.js';

const quotes = (...paragraphs: string[]) => extractQuotes(article(...paragraphs));
const speakers = (...paragraphs: string[]) => quotes(...paragraphs).map((q) => q.speaker);

describe('round 9: the family name the article uses alone ends the name where it was first given', () => {
  it('«أعلن وزير المالية إبراهيم العساف عن…» then «وقال العساف»: the definite word is his family name, not the object', () => {
    const qs = quotes(
      'أعلن وزير المالية إبراهيم العساف عن الميزانية الجديدة للدولة أمس.',
      'وقال العساف: "الإنفاق على المشاريع التنموية سيستمر وفق الخطة المعتمدة".',
    );
    expect(qs.map((q) => q.speaker)).toEqual(['إبراهيم العساف']);
    expect(qs[0].speakerRole).toBe('وزير المالية');
  });

  it('«وأعلن الرئيس أوباما الحرب…» with no «وقال الحرب» anywhere: the object is still no family name', () => {
    expect(
      speakers(
        'وأعلن المتحدث باسم الحكومة سالم الحرب على الفساد في مؤتمر صحفي.',
        'وأضاف المتحدث: "لن نتهاون مع أي موظف يثبت تورطه في قضايا الرشوة".',
      ),
    ).not.toContain('سالم الحرب');
  });

  it('a verb-first clause: «وسلط شريف الكيلاني الضوء…» then «وقال الكيلاني» is «شريف الكيلاني»', () => {
    expect(
      speakers(
        'وسلط شريف الكيلاني الضوء على التحديات التي تواجه المنطقة في كلمته.',
        'وقال الكيلاني: "تواجه حكومات المنطقة مجموعة من التحديات المالية والاقتصادية الصعبة".',
      ),
    ).toEqual(['شريف الكيلاني']);
    expect(
      speakers('وسجل ماريو غوميز هدفين في المباراة.', 'وقال غوميز بعد اللقاء: "أنا سعيد جدا بهذا الفوز وبالهدفين اللذين سجلتهما للفريق".'),
    ).toEqual(['ماريو غوميز']);
  });

  it('«وأشار أحمد الفهيد إلى أن…» then «ويضيف الفهيد»: «إلى» after a confirmed family name does not cut it', () => {
    expect(
      speakers(
        'وأشار أحمد الفهيد إلى أن المشروع سيكتمل قريبا.',
        'ويضيف الفهيد: "نحن نعمل على مدار الساعة لإنهاء المرحلة الأولى قبل حلول فصل الشتاء".',
      ),
    ).toEqual(['أحمد الفهيد']);
  });

  it('«باراك أوباما كسب تأييد…» then «وقال أوباما»: the verb and its object after the subject are cut', () => {
    expect(
      speakers(
        'وكان الرئيس الأمريكي باراك أوباما كسب تأييد عدد من النواب الديمقراطيين للاتفاق.',
        'وقال أوباما في مقابلة تلفزيونية: "هذا الاتفاق هو أفضل طريق لمنع إيران من امتلاك القنبلة".',
      ),
    ).toEqual(['باراك أوباما']);
  });

  it('guards: a tag line is no verb-first clause, and «يقول الاقتصاديون» is a group, not a family name', () => {
    expect(
      speakers(
        'قال الجنرال الأمريكي جون كامبل إن القوات الأفغانية تفقد آلاف الجنود كل شهر.',
        'وأضاف كامبل: "القضية الأكبر تتمثل في هروب الشبان من الخدمة دون تصريح".',
        'سمات افغانستان جون كامبل قوات كابل',
      ),
    ).toEqual(['جون كامبل']);
    const [q] = quotes('وقال الخبير الاقتصادي محمد السالم الاقتصاديون إن الوضع صعب.', 'يقول الاقتصاديون: "إن رفع أسعار الفائدة أمر من الصعب القيام به الآن".');
    expect(q.speaker).toBeNull();
  });
});

describe('round 9: a body named in marks after its description', () => {
  it('«وقالت شركة الأبحاث "كابيتال إيكونوميكس"…»: the quoted words are the body\'s name', () => {
    const [q] = quotes('وقالت شركة الأبحاث "كابيتال إيكونوميكس" في تقرير حديث إن "النمو في المنطقة سيتباطأ خلال العام المقبل".');
    expect(q).toMatchObject({ speaker: 'كابيتال إيكونوميكس', speakerKind: 'organisation' });
  });

  it('a head right before the marks stays in the name, and nothing after the marks joins it', () => {
    const [q] = quotes('وذكرت صحيفة “ليكيب” الأوسع انتشارا في فرنسا أن "المدرب سيغادر النادي مع نهاية الموسم الحالي".');
    expect(q).toMatchObject({ speaker: 'صحيفة ليكيب', speakerKind: 'organisation' });
  });
});
