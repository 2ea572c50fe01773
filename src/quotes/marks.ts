/**
 * Finding quoted spans in one paragraph when the marks are used the way real Arabic sites use them:
 * «…» and “…” properly, but also ” as an opening mark (« أن ” المغرب… الدين”»), “ as a closing mark
 * («الأساسية “.»), a quotation whose closing mark was forgotten, and a closing mark with no opening.
 */
import { normalizeArabic } from '../arabic/index.js';
import { TITLE_NOUNS } from './lexicon.js';

export interface QuoteSpan {
  /** Index of the opening mark. */
  openAt: number;
  /** Content is paragraph.slice(start, end). */
  start: number;
  end: number;
  /** False when no closing mark was found: the caller decides where, or whether, the quotation ends. */
  closed: boolean;
}

export interface MarkScan {
  spans: QuoteSpan[];
  /** Closing marks that had no opening mark: counted, never guessed into a quotation. */
  orphanCloses: number;
}

type Role = 'open' | 'close' | 'either';
type Family = 'guillemet' | 'curly' | 'ascii';

interface Mark {
  at: number;
  family: Family;
  role: Role;
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
// A one-letter proclitic glued to the mark («ب”إرادة…», «لـ«…»): the mark still opens.
const CLITICS = new Set(['ب', 'ل', 'ك', 'و', 'ف', 'ـ']);

/** Curly marks are read by what touches them, not by their shape: sites mix “ and ” freely. */
function curlyRole(text: string, at: number): Role {
  const prev = text[at - 1];
  const next = text[at + 1];
  const gluedClitic = prev !== undefined && CLITICS.has(prev) && (at < 2 || isSpace(text[at - 2]) || text[at - 2] === 'ل');
  if (isWordChar(next) && (!isWordChar(prev) || gluedClitic)) return 'open';
  if (!isSpace(prev) && !isWordChar(next)) return 'close';
  if (isSpace(prev) && next !== undefined && !isSpace(next) && !isWordChar(next)) return 'close'; // «الأساسية “.»
  return 'either'; // spaced on both sides, or glued on both sides
}

/**
 * A straight mark has no shape at all: it opens when a word follows and a space (or a clitic, or a parenthesis)
 * precedes it, and closes when a word or punctuation precedes it and no word follows.
 */
function asciiRole(text: string, at: number): Role {
  const prev = text[at - 1];
  const next = text[at + 1];
  const gluedClitic = prev !== undefined && CLITICS.has(prev) && (at < 2 || isSpace(text[at - 2]));
  if (isWordChar(next) && (isSpace(prev) || prev === '(' || gluedClitic)) return 'open';
  if (!isSpace(prev) && !isWordChar(next)) return 'close';
  return 'either';
}

/**
 * «محاضرة بعنوان "الأسر المنتجة.. اكتفاء ذاتي ومساهمة تنموية"»: after a title noun the quoted words are a title,
 * which may be longer than a name.
 */
function afterTitleNoun(text: string, at: number): boolean {
  const word = /([\p{L}\p{M}]+)[\s\u0640]*$/u.exec(text.slice(Math.max(0, at - 30), at))?.[1];
  return word !== undefined && TITLE_NOUNS.has(normalizeArabic(word).replace(/^[وفبل](?=ال)/, ''));
}
/** A title quoted inside a quotation: up to this many words. */
const MAX_NESTED_TITLE_WORDS = 8;

/** Words between two marks: a quoted name inside a quotation is one to three words. */
const wordsBetween = (text: string, from: number, to: number): number =>
  text.slice(from + 1, to).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

function collectMarks(text: string): Mark[] {
  const marks: Mark[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    // «مرشح فريق «8 مارس « وقام…»: an opening « is glued to the word after it, so one with a space after it may be
    // the closer of a quotation inside; «وقال:» لا عمالة…»: a » right after a colon opens. Both are read in context.
    if (c === '«') marks.push({ at: i, family: 'guillemet', role: isSpace(text[i + 1]) && i + 1 < text.length ? 'either' : 'open' });
    else if (c === '»') marks.push({ at: i, family: 'guillemet', role: /:\s*$/.test(text.slice(Math.max(0, i - 3), i)) ? 'either' : 'close' });
    else if (c === '"') marks.push({ at: i, family: 'ascii', role: asciiRole(text, i) });
    else if (c === '“' || c === '”' || c === '„') marks.push({ at: i, family: 'curly', role: curlyRole(text, i) });
    // «“ويندوز 10″»، «إم إتش 370′′»: some sites' software turns the closing ” into a double prime (one character or
    // two); after a word it only closes.
    else if ((c === '″' || (c === '′' && text[i + 1] === '′')) && !isSpace(text[i - 1])) marks.push({ at: i, family: 'curly', role: 'close' });
  }
  return marks;
}

/**
 * Pair the marks left to right. An ambiguous curly mark takes the role that leaves fewer orphans: while a
 * quotation is open, it opens a new one only if the next curly mark is a clear closer (otherwise that closer
 * would have nothing to close), in which case the open quotation is reported unclosed.
 */
export function scanQuoteMarks(text: string): MarkScan {
  const marks = collectMarks(text);
  const spans: QuoteSpan[] = [];
  let orphanCloses = 0;
  let open: Mark | null = null;
  let nestedGuillemets = 0;

  const startSpan = (m: Mark) => {
    open = m;
    nestedGuillemets = 0;
  };
  const endSpan = (closeAt: number, closed: boolean) => {
    if (!open) return;
    spans.push({ openAt: open.at, start: open.at + 1, end: closeAt, closed });
    open = null;
  };

  for (let k = 0; k < marks.length; k++) {
    const m = marks[k];
    const current = open as Mark | null;
    if (m.family === 'guillemet') {
      if (m.role === 'either' && !current) startSpan(m);
      else if (m.role === 'either' && current && text[current.at] === '»' && text[m.at] === '»' && nestedGuillemets === 0) {
        // «وقال:» لا عمالة … ونعيّر الجميع وقال:» انتم…»: a new «وقال:»» while one opened so is still open ends that
        // one before its verb, and opens the next.
        const verb = /\s+[\p{L}\p{M}]+\s*:\s*$/u.exec(text.slice(current.at, m.at));
        endSpan(verb ? current.at + verb.index : m.at, verb !== null);
        startSpan(m);
      }
      else if (m.role === 'either' && text[m.at] === '«') {
        if (nestedGuillemets > 0) nestedGuillemets--; // the spaced « closes the quotation inside
        // «:» لا تنقد داعش في الفعل وتوافقها في الفكر « .»: marks written the other way round, » … «.
        else if (current && text[current.at] === '»') endSpan(m.at, true);
        else nestedGuillemets++;
      } else if (m.role === 'open' && !current) startSpan(m);
      else if (m.role === 'open') nestedGuillemets++; // «…» quoted inside a quotation: «… تنظيم «داعش» …»
      else if (current && nestedGuillemets > 0) nestedGuillemets--;
      else if (current?.family === 'guillemet') endSpan(m.at, true);
      // » never opens: sites close a "…" quotation with it («"اقتحموا البيت … الرصاص»»).
      else if (current) endSpan(m.at, true);
      else orphanCloses++;
      continue;
    }
    if (m.family === 'ascii') {
      if (!current) startSpan(m);
      else if (current.family === 'ascii') {
        if (m.role !== 'open') endSpan(m.at, true);
        else {
          // «"تسعى صحيفة "سبق" الإلكترونية إلى …"»: a one-to-three-word name quoted inside the quotation, when a
          // mark after it is left to close the quotation. Otherwise the open quotation lost its closing mark
          // («… جنوب اليمن. كما أضاف، "نأمل …"») and a new one starts here.
          const rest = marks.slice(k + 1).filter((n) => n.family === 'ascii');
          const inner = rest[0];
          const innerWords = inner ? wordsBetween(text, m.at, inner.at) : 0;
          const nested = innerWords <= 3 || (afterTitleNoun(text, m.at) && innerWords <= MAX_NESTED_TITLE_WORDS);
          if (inner && inner.role !== 'open' && rest.length >= 2 && nested) {
            k = marks.indexOf(inner);
            continue;
          }
          // «وأضاف: "… إلى أول مباراة في الموسم "الجولة الافتتاحية من دوري جميل للمحترفين".»: the paragraph's last
          // mark, with only punctuation after it, closes the quoted words inside and the quotation together — else
          // the quotation would lose its end and the inner words would stand as a quotation of their own.
          // (Not across a sentence's end: «"… فترة المنع .   وأكد المدير … هاتف خدمة العملاء "9911".» lost its mark.)
          const oneSentence = !/[.!?؟]\s/.test(text.slice(current.at, m.at));
          if (inner && inner.role !== 'open' && rest.length === 1 && oneSentence && innerWords <= MAX_NESTED_TITLE_WORDS && /^[\s.،,!؟?:;؛)]*$/.test(text.slice(inner.at + 1))) {
            endSpan(inner.at, true);
            k = marks.indexOf(inner);
            continue;
          }
          endSpan(m.at, false);
          startSpan(m);
        }
      }
      continue;
    }
    let role = m.role;
    if (role === 'either') {
      if (!current) role = 'open';
      else if (current.family !== 'curly') continue;
      else {
        const nextCurly = marks.slice(k + 1).find((n) => n.family === 'curly');
        role = nextCurly?.role === 'close' ? 'open' : 'close';
      }
    }
    if (role === 'open') {
      if (!current) startSpan(m);
      else if (current.family === 'curly') {
        // «“مسكين هذا الكهل “هيكل”، الذي…”»: a one-to-three-word name quoted inside, as with straight marks.
        const rest = marks.slice(k + 1).filter((n) => n.family === 'curly');
        const inner = rest[0];
        if (inner && inner.role !== 'open' && rest.length >= 2 && rest[1].role !== 'open' && wordsBetween(text, m.at, inner.at) <= 3) {
          k = marks.indexOf(inner);
          continue;
        }
        endSpan(m.at, false); // the earlier quotation lost its closing mark
        startSpan(m);
      }
    } else if (current?.family === 'curly') endSpan(m.at, true);
    else if (!current) orphanCloses++;
  }
  if (open) endSpan(text.length, false);
  return { spans, orphanCloses };
}
