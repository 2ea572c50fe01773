export { cleanText, forEachNormalizedWord, isNfkcAsItIs, warmNfkcTable, normalizeArabic, normalizeArabicByRules, normalizedCodeUnits, NOT_TOKENWISE_CODE_UNITS, WORD_CODE_UNITS } from './normalize.js';
export { splitSentences } from './sentences.js';
export { tokenize, tokenSpans, analyze, analyzeTerm, cliticVariants, forEachTermSpan, forEachWordSpan } from './analyzer.js';
export { lightStem } from './stem.js';
export { STOPWORDS } from './stopwords.js';
