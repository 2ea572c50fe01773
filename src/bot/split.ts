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

/** Sentence ends: Latin and Arabic full stop, question and exclamation marks, ellipsis, Arabic semicolon «؛». */
const SENTENCE_END = /(?<=[.!?؟…؛])\s+/u;

interface Level {
  split: (text: string) => string[];
  joiner: string;
}

const LEVELS: Level[] = [
  { split: (t) => t.split(/\n[ \t]*\n\s*/), joiner: '\n\n' },
  { split: (t) => t.split('\n'), joiner: '\n' },
  { split: (t) => t.split(SENTENCE_END), joiner: ' ' },
  { split: (t) => t.split(/\s+/), joiner: ' ' },
];

/**
 * Split `text` into chunks of at most `max` characters, preferring paragraph, then line, sentence and word
 * boundaries. Whitespace at chunk edges is dropped; empty input gives no chunks.
 */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError(`splitText: max must be at least 1, got ${max}`);
  const trimmed = text.trim();
  if (!trimmed) return [];
  return splitAtLevel(trimmed, max, 0);
}

function splitAtLevel(text: string, max: number, level: number): string[] {
  if (text.length <= max) return [text];
  if (level >= LEVELS.length) return hardCut(text, max);
  const { split, joiner } = LEVELS[level];
  const units = split(text).map((u) => u.trim()).filter(Boolean);
  const chunks: string[] = [];
  let current = '';
  for (const unit of units) {
    if (unit.length > max) {
      if (current) chunks.push(current);
      current = '';
      const parts = splitAtLevel(unit, max, level + 1);
      // The last part of an oversize unit may still share a chunk with what follows.
      chunks.push(...parts.slice(0, -1));
      current = parts[parts.length - 1] ?? '';
      continue;
    }
    const candidate = current ? current + joiner + unit : unit;
    if (candidate.length <= max) {
      current = candidate;
    } else {
      chunks.push(current);
      current = unit;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Last resort for a single word longer than the limit: cut by code points. */
function hardCut(text: string, max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const ch of text) {
    if (current.length + ch.length > max) {
      chunks.push(current);
      current = '';
    }
    current += ch;
  }
  if (current) chunks.push(current);
  return chunks;
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
  const trailingSlashes = /\\+$/.exec(cut)?.[0].length ?? 0;
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
