export { cleanText, forEachNormalizedWord, normalizeArabic, normalizeArabicByRules, normalizedCodeUnits } from './normalize.js';
export { splitSentences } from './sentences.js';
export { tokenize, tokenSpans, analyze, analyzeTerm, cliticVariants } from './analyzer.js';
export { lightStem } from './stem.js';
export { STOPWORDS } from './stopwords.js';
