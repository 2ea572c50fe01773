/**
 * Discord markdown: the ONE escaper for text Nashra did not write — article text the engine hands out (search
 * snippets, through src/search/markdown.ts) and everything the bot shows (src/bot/render/text.ts). Until issue 11
 * the engine and the bot escaped differently («( ) @» in one, «- » after the first line and «1.» in the other);
 * a reader saw the same sentence differently in /search and in /article.
 *
 * What it does, in a few linear passes (about 3 ms per 100,000 characters dense in markdown):
 * - removes Unicode bidi controls (stripBidiControls), so a title cannot reorder what a reader sees;
 * - backslashes every character Discord markdown gives a meaning to inside a line — emphasis (* _), strike (~),
 *   code (`), spoiler (|), quote (>), heading (#), masked links ([ ] ( )) and the escape character itself — and,
 *   at a line start, list markers («- », «1. ») and subtext («-# »). Discord shows a backslashed punctuation mark
 *   as the mark itself. Inside a URL, `*` and `_` (common in links) are left as written, as discord.js leaves them:
 *   Discord links the URL whole, so they cannot format, and the link keeps working;
 * - breaks mention syntax with a zero-width space (@everyone, @here, <@user>, <@!user>, <@&role>, <#channel>,
 *   </command:id>) so it neither pings nor renders as a mention. Pings are also blocked by allowed_mentions on
 *   every message; this is the second line of defence and keeps the text looking like what the article says.
 *
 * Why not discord.js escapeMarkdown: its patterns use variable-length lookbehinds (`(?<!<a?:.+|https?:\/\/\S*)`)
 * evaluated at every position, so its time grows with the square of the line length — measured 0.8 ms for a
 * 500-character line, 22 ms at 3,500, 1 s at 25,000 and about 40 s for the 200,000-character paragraph of issue 13
 * — and the same lookbehind leaves `_italic_` and `__underline__` unescaped anywhere after «<a:» on a line.
 */

/**
 * Unicode bidirectional controls: embeddings and overrides U+202A–U+202E (LRE, RLE, PDF, LRO, RLO), isolates
 * U+2066–U+2069 (LRI, RLI, FSI, PDI), and the marks U+200E/U+200F (LRM, RLM) and U+061C (ALM). An override makes
 * «ابحث» display as its reverse, an unclosed isolate or PDI escapes the FSI…PDI we put around a value in a
 * sentence (src/bot/i18n `isolate`), and the marks change the side a neighbouring number or punctuation mark
 * falls on. Real article text does not need them: Discord lays out each line by its first strong character. So
 * they are removed rather than balanced.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** Zero-width space: invisible, but it stops Discord from parsing the characters around it as a mention. */
const ZWSP = '\u200B';

/**
 * Break mention syntax only (and remove bidi controls): for text that is already markdown-escaped, such as the
 * engine's snippets. Idempotent: a broken mention stays broken and gains nothing.
 */
export function neutralizeMentions(text: string): string {
  return stripBidiControls(text)
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<([@#/])/g, `<${ZWSP}$1`);
}

const URL_TOKEN = /(https?:\/\/[^\s<\\`|~]+)/;
const MARKDOWN = /[\\*_~`|>#[\]()]/g;
const LINE_START_MARKERS = /^([ \t]*)(-|\d+(?=\.))/gm;

export interface EscapeOptions {
  /**
   * Whether the text begins at the start of a line (default true). False for a piece of a line (the text between
   * two bold marks of a snippet): its first characters are not a line start, so «- » and «1.» there are left alone.
   */
  atLineStart?: boolean;
}

/** Escape `text` so Discord shows it literally (see the module comment). */
export function escapeMarkdown(text: string, options: EscapeOptions = {}): string {
  const clean = stripBidiControls(text);
  let escaped: string;
  if (clean.includes('http')) {
    // split() with a capturing group alternates text and URLs: escape the text, keep the URLs.
    const parts = clean.split(URL_TOKEN);
    for (let i = 0; i < parts.length; i += 2) parts[i] = parts[i].replace(MARKDOWN, '\\$&');
    escaped = parts.join('');
  } else {
    escaped = clean.replace(MARKDOWN, '\\$&');
  }
  const atLineStart = options.atLineStart ?? true;
  // «- item» and «-# small» → «\-»; «1. item» → «1\.»
  escaped = escaped.replace(LINE_START_MARKERS, (match: string, indent: string, marker: string, offset: number) => {
    if (offset === 0 && !atLineStart) return match;
    return marker === '-' ? `${indent}\\-` : `${indent}${marker}\\`;
  });
  return neutralizeMentions(escaped);
}
