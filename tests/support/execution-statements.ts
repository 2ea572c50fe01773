/**
 * Statements shaped like the interior ministry's execution notices, written for the formula tests (not taken from
 * any outlet; the names are made up): the same opening, the same verse, the same court formula, and the convict, the
 * drug and the town as the only difference. Shared by tests/digest-formulas.test.ts (Article objects) and
 * tests/formula-counts.test.ts (article files through the engine).
 */
export const VERSE =
  'قال الله تعالى: «إنما جزاء الذين يحاربون الله ورسوله ويسعون في الأرض فساداً أن يقتلوا أو يصلبوا أو تقطع أيديهم وأرجلهم من خلاف أو ينفوا من الأرض ذلك لهم خزي في الدنيا ولهم في الآخرة عذاب عظيم».';

export interface Execution {
  name: string;
  nationality: string;
  drug: string;
  town: string;
  region: string;
  weekday: string;
}

/** A statement's headline and paragraphs; `dateline` opens its first paragraph (an outlet's habit). */
export function executionStatement(e: Execution, dateline = ''): { title: string; paragraphs: string[] } {
  return {
    title: `الداخلية: تنفيذ حكم القتل تعزيراً في مهرب ${e.drug} بمنطقة ${e.region}`,
    paragraphs: [
      `${dateline}أصدرت وزارة الداخلية اليوم بياناً بشأن تنفيذ حكم القتل تعزيراً في أحد مهربي المخدرات بمنطقة ${e.region}، فيما يلي نصه:`,
      VERSE,
      `فقد ألقت الجهات الأمنية القبض على المدعو ${e.name} ${e.nationality} الجنسية إثر تهريبه كمية كبيرة من ${e.drug} إلى داخل المملكة عبر منفذ ${e.town}، وأسفر التحقيق معه عن توجيه الاتهام إليه بارتكاب الجريمة.`,
      'وبإحالته إلى المحكمة العامة صدر بحقه صك شرعي يقضي بثبوت ما نسب إليه والحكم عليه بالقتل تعزيراً، وصدق الحكم من محكمة الاستئناف ومن المحكمة العليا، وصدر أمر سام بإنفاذ ما تقرر شرعاً.',
      `وقد تم تنفيذ حكم القتل بالجاني ${e.name} يوم ${e.weekday} في محافظة ${e.town} بمنطقة ${e.region}.`,
      'ووزارة الداخلية إذ تعلن ذلك لتؤكد للجميع حرص حكومة خادم الحرمين الشريفين على مكافحة المخدرات بكل أنواعها وتحذر كل من تسول له نفسه الإقدام على مثل ذلك بأن العقاب الشرعي سيكون مصيره.',
    ],
  };
}

/** Four earlier statements, a week or so apart: enough days for their shared sentences to be formula. */
export const EARLIER: [string, Execution][] = [
  ['2015-07-02', { name: 'نوري كامل داود', nationality: 'عراقي', drug: 'الحشيش المخدر', town: 'عرعر', region: 'الحدود الشمالية', weekday: 'الخميس' }],
  ['2015-07-09', { name: 'ريحان عبدالغفور', nationality: 'بنغلاديشي', drug: 'الهيروين', town: 'الدمام', region: 'الشرقية', weekday: 'الخميس' }],
  ['2015-07-15', { name: 'عمر حسين ياسين', nationality: 'يمني', drug: 'القات', town: 'صامطة', region: 'جازان', weekday: 'الأربعاء' }],
  ['2015-07-20', { name: 'مراد سليم الحلبي', nationality: 'سوري', drug: 'حبوب الإمفيتامين', town: 'القريات', region: 'الجوف', weekday: 'الاثنين' }],
];

export const TODAY = '2015-07-31';
export const FIRST: Execution = { name: 'خالد جميل منصور', nationality: 'أردني', drug: 'حبوب الإمفيتامين', town: 'الخرج', region: 'الرياض', weekday: 'الجمعة' };
/**
 * Another region: two statements of one day that differ only in the convict's name, nationality and town (two
 * smugglers of the Riyadh region) still share enough outside the formula to be one story — the limit this leaves,
 * seen on SaudiNewsNet 2015-07-31 (docs/benchmarks.md, digest).
 */
export const SECOND: Execution = { name: 'طارق محمود بشير', nationality: 'باكستاني', drug: 'الهيروين', town: 'جدة', region: 'مكة المكرمة', weekday: 'الجمعة' };

/** Two outlets that reprint every statement, each with its own habits (the second opens on a dateline). */
export const OUTLET_A = 'صحيفة الوادي';
export const OUTLET_B = 'صحيفة الساحل';
