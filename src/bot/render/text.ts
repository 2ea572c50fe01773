import { truncate } from '../split.js';

/**
 * Make any text (article text, a user's query, a speaker's name) safe to show in a Discord message. This is the one
 * place where that happens; every renderer goes through safeText (escaped text) or plainText (fields Discord does
 * not render as markdown, such as autocomplete choices and embed author names).
 *
 * - Bidirectional controls are removed (stripBidiControls), so a title cannot reorder what a reader sees.
 * - Markdown is escaped so an article cannot turn the reply bold, into a heading, a quote or a masked link.
 * - Mention syntax is broken with a zero-width space so it neither pings nor renders as a mention. Pings are also
 *   blocked by `allowed_mentions: { parse: [] }` on every message; this is the second line of defence and keeps
 *   the text looking like what the article says.
 *
 * safeTextWithin(text, max) cuts the text to `max` characters BEFORE it is escaped (escaping a 200,000-character paragraph to
 * show 256 of them is wasted work), then cut again after, since escaping lengthens it (at most twice: one
 * backslash or zero-width space per character).
 */
export function safeText(text: string): string {
  return escapeForDiscord(text);
}

/** safeText for a place that shows at most `max` characters: cut, escape, cut again (see safeText). */
export function safeTextWithin(text: string, max: number): string {
  const cut = text.length > max ? truncate(text, max) : text;
  const escaped = escapeForDiscord(cut);
  return escaped.length > max ? truncate(escaped, max) : escaped;
}

/** For fields Discord shows as plain text (autocomplete choices, embed author names): no markdown to escape. */
export function plainText(text: string, max?: number): string {
  const clean = stripBidiControls(max !== undefined && text.length > max ? truncate(text, max) : text);
  return max !== undefined && clean.length > max ? truncate(clean, max) : clean;
}

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
 * @everyone, @here, <@user>, <@!user>, <@&role>, <#channel> and </command:id>. Used on its own for text that is
 * already markdown-escaped (the engine's snippets); it removes bidi controls too, so every text we show loses them.
 */
export function neutralizeMentions(text: string): string {
  return stripBidiControls(text)
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<([@#/])/g, `<${ZWSP}$1`);
}

/**
 * Every character Discord markdown gives a meaning to inside a line — emphasis (* _), strike (~), code (`),
 * spoiler (|), quote (>), heading (#), masked links ([ ] ( )) and the escape character itself — gets a backslash;
 * at a line start, list markers («- », «1. ») and subtext («-# ») too. Discord shows a backslashed punctuation mark
 * as the mark itself. Inside a URL, `*` and `_` (common in links) are left as written, as discord.js leaves them:
 * Discord links the URL whole, so they cannot format, and the link keeps working.
 *
 * Why not discord.js escapeMarkdown: its patterns use variable-length lookbehinds (`(?<!<a?:.+|https?:\/\/\S*)`)
 * evaluated at every position, so its time grows with the square of the line length — measured 0.8 ms for a
 * 500-character line, 22 ms at 3,500, 1 s at 25,000 and about 40 s for the 200,000-character paragraph of issue 13
 * — and the same lookbehind leaves `_italic_` and `__underline__` unescaped anywhere after «<a:» on a line. This is
 * a few linear passes (about 3 ms per 100,000 characters dense in markdown), and stricter.
 */
const URL_TOKEN = /(https?:\/\/[^\s<\\`|~]+)/;
const MARKDOWN = /[\\*_~`|>#[\]()]/g;
const LINE_START_MARKERS = /^([ \t]*)(-|\d+(?=\.))/gm;

function escapeForDiscord(text: string): string {
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
  // «- item» and «-# small» → «\-»; «1. item» → «1\.»
  escaped = escaped.replace(LINE_START_MARKERS, (_m, indent: string, marker: string) => (marker === '-' ? `${indent}\\-` : `${indent}${marker}\\`));
  return neutralizeMentions(escaped);
}

/**
 * An upper bound on escapeForDiscord(text).length, in one cheap pass: every character that may gain a backslash or
 * a zero-width space counts twice. Used to lay out article pages without escaping every page up front.
 */
export function escapedLengthBound(text: string): number {
  let extra = 0;
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 0x5c: case 0x2a: case 0x5f: case 0x7e: case 0x60: case 0x7c: case 0x3e: case 0x23: // \ * _ ~ ` | > #
      case 0x5b: case 0x5d: case 0x28: case 0x29: case 0x2d: case 0x2e: case 0x40: case 0x3c: // [ ] ( ) - . @ <
        extra++;
    }
  }
  return text.length + extra;
}

/** «text» in Arabic guillemets, as the seeds quote. Direction-neutral, so it reads right in both locales. */
export function guillemets(text: string): string {
  return `«${text}»`;
}
