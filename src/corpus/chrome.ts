/**
 * Site chrome: the lines a scraper copies from around an article — navigation, «عاجل» banners, related-article
 * headings, share buttons, comment forms, back-to-top buttons. Matching is on the folded form (normalizeArabic,
 * punctuation dropped) so «اترك تعليقاً» and «اترك تعليقا», «أضف» and «اضف» are one rule.
 */
import { normalizeArabic } from '../arabic/normalize.js';

/** Folded form for comparing short lines: letters and digits only, single spaces. */
export function foldLine(line: string): string {
  return normalizeArabic(line)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const fold = (phrases: string[]) => new Set(phrases.map(foldLine));

/** Lines that are chrome when they are the whole line. */
const CHROME_LINES = fold([
  'عاجل', 'خبر عاجل',
  'أضف تعليقك', 'أضف تعليق', 'اترك تعليقاً', 'اترك رداً', 'التعليقات', 'تعليقات', 'إرسال التعليق',
  'اظهر المزيد', 'عرض المزيد', 'المزيد', 'تحميل المزيد',
  'زر الذهاب إلى الأعلى', 'الذهاب إلى الأعلى', 'العودة إلى الأعلى',
  'شارك', 'شارك المقال', 'شارك هذا المقال', 'مشاركة', 'طباعة', 'تابعنا', 'تابعونا', 'إعلان',
]);

/** Lines that are chrome when they start with one of these (comment-form notices, footers). */
const CHROME_PREFIXES = [
  'لن يتم نشر عنوان بريدك الإلكتروني',
  'الحقول الإلزامية مشار إليها',
  'الحقول المطلوبة',
  'تابعونا على',
  'تابعنا على',
  'جميع الحقوق محفوظة',
  'حقوق النشر محفوظة',
  'اشترك في النشرة',
].map(foldLine);

/** Headings after which a site lists OTHER articles' headlines. */
const RELATED_HEADINGS = fold([
  'مقالات ذات صلة', 'أخبار ذات صلة', 'مواضيع ذات صلة', 'مقالات مشابهة', 'اقرأ أيضاً', 'اقرأ المزيد',
  'قد يعجبك أيضاً', 'المزيد من الأخبار', 'الأكثر قراءة', 'أخبار متعلقة',
]);

export function isRelatedHeading(line: string): boolean {
  return RELATED_HEADINGS.has(foldLine(line));
}

export function isChromeLine(line: string): boolean {
  const folded = foldLine(line);
  if (!folded) return true; // only punctuation or separators («---», «***», «|»)
  return CHROME_LINES.has(folded) || RELATED_HEADINGS.has(folded) || CHROME_PREFIXES.some((p) => folded.startsWith(p));
}

/** A navigation or list bullet at the start of the line («• مآسي إنسانية..» in seed 003). */
export function isBulletLine(line: string): boolean {
  return /^[•●▪■◦‣►▸◆○·]/u.test(line);
}

/** A bare web address on its own line. */
export function isUrlLine(line: string): boolean {
  return /^https?:\/\/\S+$/i.test(line);
}

const BYLINE_START = /^(بقلم|كتب|كتبت|كتبه|إعداد|اعداد|بواسطة|تحرير|حرر|المحرر|by)(\s|:|$)/iu;
/** A digit glued between Arabic letters: no Arabic word is written that way, a flattened page widget is. */
const MANGLED_TOKEN = /\p{Script=Arabic}\p{Nd}+\p{Script=Arabic}/u;

/**
 * An author/byline line in the header zone. Seed 000 has «ما5تيفيمحمد الرداف»: the site's author box (a
 * reading-time figure and the author's name) flattened into one glued token. It is not prose and cannot be
 * separated reliably into a name, so it is dropped rather than kept as a paragraph or mistaken for the title.
 * Only short lines qualify, so a deck or standfirst is never dropped by this rule.
 */
export function isBylineLine(line: string): boolean {
  const words = line.split(/\s+/).length;
  if (words > 5 || /[.!?؟…]$/.test(line)) return false;
  return BYLINE_START.test(line) || MANGLED_TOKEN.test(line);
}
