/**
 * Splitting and shortening text for Discord's length limits without cutting a word in half.
 *
 * Order of preference for a cut: between paragraphs, then between lines, then between sentences, then between
 * words. Only a single "word" longer than the whole limit (a pasted URL, a run of letters with no spaces) is cut
 * inside — at a code point boundary, never between the two halves of a surrogate pair.
 *
 * Lengths are JavaScript string lengths (UTF-16 code units). Discord counts characters; UTF-16 units are never
 * fewer, so staying under the limit in units keeps us under Discord's.
 */

/**
 * Split `text` into chunks of at most `max` characters, preferring paragraph, then line, sentence and word
 * boundaries. Whitespace at chunk edges is dropped; empty input gives no chunks.
 *
 * One pass: each chunk ends at the best boundary inside the next `max` characters — the last blank line, else the
 * last line break, else the last sentence end (. ! ? ؟ … ؛ followed by a space), else the last space, else a hard
 * cut at a code point boundary. That is the same preference as splitting into paragraphs, then lines, sentences and
 * words and packing them greedily, but every character is looked at a bounded number of times, so a 2 MB article
 * splits in milliseconds; the text between cuts is kept exactly as written.
 */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError(`splitText: max must be at least 1, got ${max}`);
  const chunks: string[] = [];
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  let start = skipSpaces(text, 0, end);
  while (start < end) {
    if (end - start <= max) {
      chunks.push(text.slice(start, end));
      break;
    }
    const cut = bestCut(text, start, start + max);
    chunks.push(text.slice(start, cut).trimEnd());
    start = skipSpaces(text, cut, end);
  }
  return chunks;
}

/** Where to end a chunk starting at `start` (non-space) that must end at or before `limit` (< text.length). */
function bestCut(text: string, start: number, limit: number): number {
  let line = -1;
  let sentence = -1;
  let word = -1;
  // A cut at i ends the chunk before text[i]; text[limit] itself may be the space after a word that just fits.
  for (let i = limit; i > start; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      if (isBlankLineAfter(text, i)) return i;
      if (line < 0) line = i;
    } else if (isSpace(c)) {
      if (word < 0) word = i;
      if (sentence < 0 && isSentenceEnd(text.charCodeAt(i - 1))) sentence = i;
    }
    // Once a line break is known, only a blank line (a better boundary) can still win: keep scanning for it alone.
  }
  if (line > 0) return line;
  if (sentence > 0) return sentence;
  if (word > 0) return word;
  // No space at all: a hard cut, never between the two halves of a surrogate pair.
  const c = text.charCodeAt(limit - 1);
  return c >= 0xd800 && c <= 0xdbff && limit - 1 > start ? limit - 1 : limit;
}

/** A newline followed by spaces or tabs and another newline: a paragraph boundary. */
function isBlankLineAfter(text: string, i: number): boolean {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a) return true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return false;
}

function skipSpaces(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0b || c === 0x0c || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x1680 || c === 0xfeff;
}

/** Latin and Arabic full stop, question and exclamation marks, ellipsis, Arabic semicolon «؛». */
function isSentenceEnd(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x061f || c === 0x2026 || c === 0x061b;
}

/**
 * Shorten `text` to at most `max` characters, ending on a word boundary with «…». Markdown stays balanced: a
 * dangling escape backslash or an unpaired `**` mark (the engine's snippets mark matched words with them) is
 * removed so the rest of the message does not turn bold.
 */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  if (max <= ellipsis.length) return ellipsis.slice(0, Math.max(0, max));
  const room = max - ellipsis.length;
  let cut = text.slice(0, room);
  // Do not split a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  // Back off to the last whitespace unless that would throw away more than half of the room.
  const nextIsSpace = /\s/.test(text.charAt(cut.length));
  if (!nextIsSpace) {
    const lastSpace = cut.search(/\s\S*$/);
    if (lastSpace > room / 2) cut = cut.slice(0, lastSpace);
  }
  cut = cut.trimEnd();
  // A trailing lone backslash would escape our ellipsis; an odd count of trailing backslashes is a cut escape.
  // (Counted by a loop: /\\+$/ backtracks over every run of backslashes, quadratic in its length.)
  let trailingSlashes = 0;
  while (trailingSlashes < cut.length && cut.charCodeAt(cut.length - 1 - trailingSlashes) === 0x5c) trailingSlashes++;
  if (trailingSlashes % 2 === 1) cut = cut.slice(0, -1);
  if (countBoldMarks(cut) % 2 === 1) {
    const last = cut.lastIndexOf('**');
    cut = (cut.slice(0, last) + cut.slice(last + 2)).trimEnd();
  }
  return cut + ellipsis;
}

/** `**` marks not preceded by an escaping backslash. */
function countBoldMarks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] === '*' && text[i + 1] === '*' && (i === 0 || text[i - 1] !== '\\')) {
      count++;
      i++;
    }
  }
  return count;
}
