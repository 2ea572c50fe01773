/**
 * Arabic orthographic normalization, applied identically to documents and queries.
 *
 * Covers Lucene's ArabicNormalizer (hamza-carrying alefs → ا, ى → ي, ة → ه, tatweel and harakat removed) plus:
 * - NFKC first: the seeds contain presentation forms (seed 002 writes ﺍﺳﺘﺮاﺗﻴﺠﻴﺔ), which NFKC maps to plain letters;
 * - Arabic-Indic and extended (Persian) digits → 0-9, so «٢٠١٤» finds «2014»;
 * - ؤ and ئ → ء: the hamza's seat is a spelling convention that differs between outlets and writers (مسؤول in
 *   Gulf and Levantine papers, مسئول in Egyptian ones; شؤون/شئون; قائد and the misspelling قاءد), so all three
 *   fold to the bare hamza and these pairs become one word. The alternative, folding to the bare seat (ؤ → و,
 *   ئ → ي) so that hamza-less typing «سوال» equals «سؤال», keeps مسؤول ≠ مسئول. Both measure the same on ARCD
 *   (MRR@10 within ±0.001 on both article-level halves), so the choice follows the news use case; hamza-less
 *   typing of a 4+-letter word is still found through one-edit fuzzy matching («سوال» ↔ «سءال»);
 * - Persian yeh/keheh (ی ک), common in scraped text, → ي ك;
 * - zero-width and bidi controls removed, Latin lower-cased.
 */

// Harakat, tanween, shadda, sukun, superscript alef, Quranic annotation marks.
const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;
const ALEF_VARIANTS = /[أإآٱ]/g;
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669]/g;
const EXTENDED_DIGITS = /[\u06F0-\u06F9]/g;
// Zero-width and bidi controls that scraped text carries between letters, and the soft hyphen.
const INVISIBLES = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]/g;

/** Unicode clean-up that keeps the text readable: NFKC, no invisible controls. Use for display text. */
export function cleanText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLES, '');
}

/** Fold a text to its search form. Not for display: it removes letters' distinctions on purpose. */
export function normalizeArabic(text: string): string {
  return cleanText(text)
    .replace(DIACRITICS, '')
    .replace(TATWEEL, '')
    .replace(ALEF_VARIANTS, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/[ؤئ]/g, 'ء')
    .replace(/ی/g, 'ي')
    .replace(/ک/g, 'ك')
    .replace(ARABIC_INDIC_DIGITS, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(EXTENDED_DIGITS, (d) => String(d.charCodeAt(0) - 0x06f0))
    .toLowerCase();
}
