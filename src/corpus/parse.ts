/**
 * Raw scraped article text → Article. Pure: no file access (src/corpus/load.ts does that).
 *
 * The text is read as lines (one paragraph per non-empty line; seed 004 has no blank lines at all). Lines
 * before the first prose paragraph form the HEADER ZONE: that is where sites put navigation, banners, the
 * date line, the section label, the headline (often repeated), the byline and the dateline. Title, date and
 * source are taken from there only — a date or agency inside the body is about the story, not the article.
 */
import { cleanText } from '../arabic/normalize.js';
import { splitSentences } from '../arabic/sentences.js';
import type { Article } from './article.js';
import { foldLine, isBulletLine, isBylineLine, isChromeLine, isRelatedHeading, isUrlLine } from './chrome.js';
import { inferWeekdayDate, isDateLine, parseArabicDate, type DayWithoutYear } from './dates.js';
import { bylineName, namedSource, parseDateline, type Dateline } from './dateline.js';
import { splitFrontMatter } from './front-matter.js';
import { rejoinHardWrappedLines } from './hard-wrap.js';
import { httpUrl } from './url.js';

/** Thrown when a file has nothing left that reads as an article; the loader turns it into a warning. */
export class UnusableArticleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnusableArticleError';
  }
}

export interface ParsedArticle {
  article: Article;
  /** Things worth telling the corpus owner that did not stop the article loading (a bad front-matter date). */
  notes: string[];
}

/** Longest title made from a first sentence (seed 004): short enough for a list line or an embed title. */
const MAX_DERIVED_TITLE = 90;
/** A line this long is prose even without a full stop (some sites drop final punctuation). */
const PROSE_MIN_WORDS_UNPUNCTUATED = 25;
/** …and a line ending with a full stop is prose from this length on (shorter ones are captions or labels). */
const PROSE_MIN_WORDS_PUNCTUATED = 6;
/** A section label («أخبار عربية ودولية», seed 001) is at most this many words. */
const MAX_SECTION_LABEL_WORDS = 3;
/** A dateline opens the story: look for one only in its first paragraphs (seed 002 has two standfirst lines). */
const DATELINE_PARAGRAPHS = 3;
/** A source named in the text counts in the lead only: seed 002 credits its agency in paragraph 4 (after two
 *  standfirst lines), seed 003 its own outlet in paragraph 4 (after a subhead). Later, it is one fact's source. */
const SOURCE_PARAGRAPHS = 5;

const wordCount = (line: string) => line.split(/\s+/).filter(Boolean).length;

/**
 * Prose, as opposed to a headline, label or button: ends like a sentence, or is too long to be a headline.
 * A question mark does not count: headlines are often questions (seed 003: «…لقيادة المستقبل؟»).
 */
function looksLikeProse(line: string): boolean {
  const words = wordCount(line);
  if (words >= PROSE_MIN_WORDS_UNPUNCTUATED) return true;
  const end = line.replace(/[»”"’)\]\s]+$/u, '');
  // A colon ends a paragraph that introduces a quotation or a list («…لقد قال في رثاء أخيه:»).
  return /(?<!\.)[.!…:]$|\.\.\.$/.test(end) && words >= PROSE_MIN_WORDS_PUNCTUATED;
}

/**
 * A navigation bullet: a bulleted line that is a headline, not prose (seed 003 opens with five «• …» headlines of
 * other articles). Bulleted prose is content — some columns are written entirely as «• …» paragraphs.
 */
function isNavigationBullet(line: string): boolean {
  return isBulletLine(line) && !looksLikeProse(line.replace(/^[^\p{L}\p{N}«“"(]+/u, ''));
}

/** Unicode clean-up and line split: NFKC (presentation forms), invisibles removed, whitespace runs collapsed. */
function toLines(raw: string): string[] {
  return raw.split(/\r\n|[\r\n\u2028\u2029]/);
}

function tidy(line: string): string {
  // \s covers NBSP: seed 000's "empty" lines are a lone U+00A0.
  return cleanText(line).replace(/\s+/gu, ' ').trim();
}

/** Is `a` the same headline as `b`, or a shortened/extended variant of it (seed 000 prints three)? */
function sameHeadline(a: string, b: string): boolean {
  const fa = foldLine(a);
  const fb = foldLine(b);
  if (!fa || !fb) return false;
  return fa === fb || fa.startsWith(fb) || fb.startsWith(fa);
}

/** A title from the first sentence, cut at a word boundary (or a clause comma) to at most ~90 characters. */
export function titleFromSentence(paragraph: string): string {
  const sentence = (splitSentences(paragraph)[0] ?? paragraph).replace(/[.!…]+$/u, '').trim();
  if (sentence.length <= MAX_DERIVED_TITLE) return sentence;
  const head = sentence.slice(0, MAX_DERIVED_TITLE + 1);
  // A clause comma past the middle reads better than a word cut («…ضد “داعش”،» in seed 004).
  const comma = Math.max(head.lastIndexOf('،'), head.lastIndexOf(','));
  if (comma >= MAX_DERIVED_TITLE / 2) return sentence.slice(0, comma).trim();
  const space = head.lastIndexOf(' ');
  return `${sentence.slice(0, space > 0 ? space : MAX_DERIVED_TITLE).replace(/[،,؛:\s]+$/u, '')}…`;
}

/**
 * Parse one article. `id` is the file name without its extension; `addedAt` is when it entered the corpus.
 * Throws UnusableArticleError when no article text is left after the site chrome is removed.
 */
export function parseArticleWithNotes(id: string, raw: string, addedAt: string = new Date(0).toISOString()): ParsedArticle {
  const notes: string[] = [];
  const { frontMatter, body, unclosed } = splitFrontMatter(toLines(raw.replace(/^\uFEFF/, '')));
  if (unclosed) notes.push('front matter opens with "---" but never closes; it was read as article text');

  // Markdown files may mark the headline with «#»; remember which line did.
  const lines: { text: string; heading: boolean }[] = [];
  // Hard-wrapped files (EASC: a line break every ~80 characters) first become one line per paragraph.
  for (const rawLine of rejoinHardWrappedLines(body)) {
    const line = tidy(rawLine);
    if (!line) continue; // blank lines, NBSP-only lines: collapsed
    const heading = /^#{1,6}\s+/.test(line);
    lines.push({ text: heading ? line.replace(/^#{1,6}\s+/, '') : line, heading });
  }

  const proseAt = lines.map((l) => !isChromeLine(l.text) && !isNavigationBullet(l.text) && looksLikeProse(l.text));
  let firstProse = proseAt.indexOf(true);
  const lastProse = proseAt.lastIndexOf(true);
  if (firstProse < 0) {
    // Nothing reads as prose (a short note without full stops): the first real line is the header, the rest body.
    const firstReal = lines.findIndex((l) => !isChromeLine(l.text) && !isNavigationBullet(l.text));
    firstProse = firstReal < 0 ? lines.length : frontMatter.title ? firstReal : firstReal + 1;
  }

  let date: string | null = null;
  let url: string | null = null;
  let dateline: Dateline | null = null;
  let byline: string | null = null;

  // ---- Header zone: metadata lines out, headline candidates kept in order.
  const candidates: { text: string; heading: boolean }[] = [];
  for (const line of lines.slice(0, firstProse)) {
    const text = line.text;
    if (isChromeLine(text) || isNavigationBullet(text)) continue; // «عاجل», seed 003's headlines of other articles
    if (isUrlLine(text)) {
      url ??= text;
      continue;
    }
    if (isDateLine(text)) {
      date ??= parseArabicDate(text); // «الجمعة 03 ديسمبر 2021 على الساعة 12:30» (seed 003)
      continue;
    }
    if (isBylineLine(text)) {
      byline ??= bylineName(text); // «بقلم: …»; seed 000's «ما5تيفيمحمد الرداف» is mangled and names no one
      continue;
    }
    const alone = parseDateline(text);
    if (alone && !alone.rest) {
      dateline ??= alone; // «مراكش/المغرب-(د ب أ):» on its own line (seed 001)
      continue;
    }
    date ??= parseArabicDate(text); // a headline line may carry the date; it still stays a headline
    candidates.push(line);
  }

  // Section labels and breadcrumbs stand before the headline: short, and followed by a longer line.
  while (
    candidates.length >= 2 &&
    !candidates[0].heading &&
    (wordCount(candidates[0].text) <= MAX_SECTION_LABEL_WORDS || /\s[>›»|]\s/.test(candidates[0].text)) &&
    wordCount(candidates[1].text) > wordCount(candidates[0].text)
  ) {
    candidates.shift();
  }

  // The headline: a Markdown heading if there is one, else the first candidate. Its repeats and variants go;
  // the longest variant wins, since sites shorten the headline for menus and breadcrumbs.
  const headingIndex = candidates.findIndex((c) => c.heading);
  let inferredTitle: string | null = candidates.length ? candidates[Math.max(headingIndex, 0)].text : null;
  const headerParagraphs: string[] = [];
  const titleForMatching = frontMatter.title ?? inferredTitle;
  for (const c of candidates) {
    if (titleForMatching && sameHeadline(c.text, titleForMatching)) {
      if (inferredTitle && c.text.length > inferredTitle.length && !frontMatter.title) inferredTitle = c.text;
      continue;
    }
    // With a front-matter title, other header lines are kept as text: the owner named the headline explicitly.
    headerParagraphs.push(c.text);
  }
  if (frontMatter.title && inferredTitle && !sameHeadline(inferredTitle, frontMatter.title)) inferredTitle = null;

  // ---- Body: from the first prose line on. Chrome goes everywhere; after the last prose paragraph, also
  // bullets and whatever follows a related-articles heading (other articles' headlines).
  const paragraphs: string[] = [...headerParagraphs];
  for (let i = firstProse; i < lines.length; i++) {
    const text = lines[i].text;
    if (i > lastProse && isRelatedHeading(text)) break;
    if (isChromeLine(text)) continue;
    const alone = paragraphs.length < DATELINE_PARAGRAPHS ? parseDateline(text) : null;
    if (alone && !alone.rest && !dateline) {
      dateline = alone; // a dateline alone on its line just after a standfirst
      continue;
    }
    if (isNavigationBullet(text) && i > lastProse) continue; // bulleted links after the article
    if (i > lastProse && (isUrlLine(text) || isDateLine(text))) continue;
    const title = frontMatter.title ?? inferredTitle;
    if (title && foldLine(text) === foldLine(title)) continue; // the headline repeated inside the body
    paragraphs.push(text);
  }
  if (paragraphs.length === 0) {
    throw new UnusableArticleError('no article text left after removing the headline and site chrome');
  }

  // A dateline that opens one of the first paragraphs («الرباط ـ بحث وزير…», seed 002, after two standfirst
  // lines) is read, but the prose stays as it is.
  if (!dateline) {
    for (const p of paragraphs.slice(0, DATELINE_PARAGRAPHS)) {
      dateline = parseDateline(p);
      if (dateline) break;
    }
  }
  const inlineDateline = dateline?.rest && paragraphs[0].endsWith(dateline.rest) ? dateline : null;

  // A list marker is layout, not part of the headline («* جهاز تنظيم ضربات القلب» in SaudiNewsNet columns).
  let title = frontMatter.title ?? inferredTitle?.replace(/^[*•●▪■◦‣►▸◆○·\-–—]+\s*/u, '') ?? null;
  const titleInferred = !title;
  if (!title) {
    // No headline line (seed 004 starts with prose): derive one from the first sentence, minus its dateline.
    title = titleFromSentence(inlineDateline ? inlineDateline.rest : paragraphs[0]);
  }

  if (frontMatter.date) {
    const fmDate = parseArabicDate(frontMatter.date);
    if (fmDate) date = fmDate;
    else notes.push(`front matter date "${frontMatter.date}" is not a full date; using ${date ?? 'no date'}`);
  }

  // No full date: a weekday + day + month without a year, resolved when only one year fits (dates.ts); and a
  // source named in the lead or a byline when no dateline names an agency (dateline.ts). Null where the text says nothing.
  let dayWithoutYear: DayWithoutYear | null = null;
  if (!date) {
    const lead = [...lines.slice(0, firstProse).map((l) => l.text), ...paragraphs.slice(0, DATELINE_PARAGRAPHS)];
    const weekdayDate = inferWeekdayDate(lead, paragraphs.join('\n'), addedAt);
    date = weekdayDate?.date ?? null;
    if (!date) dayWithoutYear = weekdayDate?.dayWithoutYear ?? null;
  }
  const leadSource = paragraphs.slice(0, SOURCE_PARAGRAPHS).map(namedSource).find((s) => s !== null) ?? null;

  const article: Article = {
    id,
    title,
    date,
    source: frontMatter.source ?? dateline?.source ?? leadSource ?? byline,
    url: frontMatter.url ?? httpUrl(url),
    paragraphs,
    addedAt,
  };
  const place = frontMatter.dateline ?? dateline?.place;
  if (place) article.dateline = place;
  if (titleInferred) article.titleInferred = true;
  if (frontMatter.author) article.author = frontMatter.author;
  if (frontMatter.fetchedAt && !Number.isNaN(Date.parse(frontMatter.fetchedAt))) article.fetchedAt = frontMatter.fetchedAt;
  if (dayWithoutYear) article.dayWithoutYear = dayWithoutYear;
  return { article, notes };
}

/** Parse one article (see parseArticleWithNotes). Throws UnusableArticleError when nothing usable is left. */
export function parseArticle(id: string, raw: string, addedAt: string = new Date(0).toISOString()): Article {
  return parseArticleWithNotes(id, raw, addedAt).article;
}
