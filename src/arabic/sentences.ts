/**
 * Sentence splitting for Arabic news prose. Arabic punctuation (؟ ؛) and Latin (. ! ?) end sentences;
 * a full stop between digits (2.5) or inside a quotation does not.
 */
const QUOTE_OPEN = new Set(['«', '“', '„']);
const QUOTE_CLOSE = new Set(['»', '”']);
const TERMINATORS = new Set(['.', '!', '?', '؟', '…']);

export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  let depth = 0;
  let start = 0;
  const text = paragraph;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (QUOTE_OPEN.has(ch)) depth++;
    else if (QUOTE_CLOSE.has(ch)) depth = Math.max(0, depth - 1);
    if (!TERMINATORS.has(ch) || depth > 0) continue;
    // "2.5", "U.S." style: a dot glued to a following non-space is not a boundary.
    const next = text[i + 1];
    if (ch === '.' && next !== undefined && !/\s/.test(next) && !QUOTE_CLOSE.has(next) && next !== '"') continue;
    // Swallow runs of terminators ("..", "؟!") and closing quotes that belong to the sentence.
    let end = i + 1;
    while (end < text.length && (TERMINATORS.has(text[end]) || QUOTE_CLOSE.has(text[end]) || text[end] === '"')) end++;
    const sentence = text.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
    i = end - 1;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}
