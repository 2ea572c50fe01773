/**
 * Who is speaking: parsing the subject of a reporting verb into a name and a role, and keeping one canonical
 * name per person within an article.
 */
import { normalizeArabic, STOPWORDS } from '../arabic/index.js';
import {
  ADVERBIAL_STARTS,
  ANAPHORIC_HEADS,
  COLLECTIVES,
  HONORIFICS,
  INSTITUTIONS,
  PARTICIPLES,
  ROLE_HEADS,
  SPEECH_VERBS,
  SUBJECT_STOPS,
} from './lexicon.js';

/** What the subject of one reporting verb turned out to be. */
export type Subject =
  | { kind: 'bare' } // «وأضاف أن…»: no subject, the current speaker goes on
  | { kind: 'named'; name: string; role: string | null }
  | { kind: 'anaphor'; head: string; description: string } // «الخبير الأمني»، «المتحدث»
  | { kind: 'unnamed'; role: string }; // a group («المتدخلون»), an institution, «مسؤول أمريكي»

export interface Token {
  text: string;
  norm: string;
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{M}\p{N}\u0640]+/gu;

export function tokensOf(text: string, offset = 0): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    out.push({ text: m[0], norm: normalizeArabic(m[0]), start: offset + m.index, end: offset + m.index + m[0].length });
  }
  return out;
}

/** The noun without its article (and a conjunction glued before it): «والمنسق» → «منسق». */
export function withoutArticle(norm: string): string {
  return norm.replace(/^(وال|فال|ال)(?=..)/, '');
}

export function isSpeechVerb(norm: string): boolean {
  return SPEECH_VERBS.has(norm);
}

export function isParticiple(norm: string): boolean {
  return PARTICIPLES.has(norm) || PARTICIPLES.has(norm.replace(/^و/, ''));
}

/**
 * Could this token be part of a person's name? Arabic has no capitals, so this is by exclusion: not a function
 * word, role, institution or verb, no preposition glued on (بال، لل). Definite words only as nisba surnames
 * ending in ي («الروداني الشرقاوي»), which keeps «الاجتماع» or «المغرب» out.
 */
export function isNameToken(norm: string): boolean {
  if (norm.length < 2 || /\d/.test(norm)) return false;
  const bare = withoutArticle(norm);
  if (STOPWORDS.has(norm) || SUBJECT_STOPS.has(norm) || HONORIFICS.has(norm)) return false;
  if (ROLE_HEADS.has(bare) || INSTITUTIONS.has(bare) || COLLECTIVES.has(bare)) return false;
  if (SPEECH_VERBS.has(norm) || isParticiple(norm)) return false;
  if (/^(بال|لل|كال|فال|وال)/.test(norm)) return false;
  // A possessive suffix makes a common noun («بنودها»، «كلمته» in «واختتم كيري كلمته»): names do not take one.
  if (norm.length >= 4 && /(ها|هما|هم|كم|ته)$/.test(norm)) return false;
  // A preposition glued to a role or an institution: «أستاذ … بجامعة الطائف»، «لصحيفة».
  if (/^[بلك]/.test(norm) && (INSTITUTIONS.has(norm.slice(1)) || ROLE_HEADS.has(norm.slice(1)))) return false;
  if (norm.startsWith('ال')) return norm.length >= 5 && norm.endsWith('ي');
  return true;
}

const MAX_NAME_TOKENS = 4;
/** A definite word, possibly behind a preposition («للخدمات»): the end of a role before a name. */
const DEFINITE = /^(ال|وال|لل|بال)/;

/** «البريك»، «الملا»: a definite word that is not a role, institution or group could be a family name. */
function isFamilyName(norm: string): boolean {
  const bare = withoutArticle(norm);
  return norm.startsWith('ال') && !ROLE_HEADS.has(bare) && !INSTITUTIONS.has(bare) && !COLLECTIVES.has(bare);
}

/**
 * (A «given name» starting with و is more often the conjunction on a verb — «ويعد الشمري»، «ورأى كيري» — than
 * وليد or وائل, so it does not count here.)
 * Definite words the article writes right after a given name («أحمد بن يوسف الدريويش» → «الدريويش»), so that a
 * later «وقال الدريويش» is read as a person.
 */
export function familyNamesIn(paragraphs: string[]): Set<string> {
  const names = new Set<string>();
  for (const paragraph of paragraphs) {
    const tokens = tokensOf(paragraph);
    for (let i = 1; i < tokens.length; i++) {
      if (!isFamilyName(tokens[i].norm) || !/^\s+$/.test(paragraph.slice(tokens[i - 1].end, tokens[i].start))) continue;
      const given = tokens[i - 1].norm;
      if (isGivenName(given) && given !== 'عبد' && given !== 'ابو' && !given.startsWith('و')) names.add(tokens[i].norm);
    }
  }
  return names;
}

/** A name token without the article, or a compound like «عبد الرحمن» whose second part carries it. */
function isGivenName(norm: string): boolean {
  return (isNameToken(norm) && !norm.startsWith('ال')) || norm === 'عبد' || norm === 'ابو' || norm === 'بن';
}

function segmentTokens(segment: string): Token[] {
  return tokensOf(segment).filter((t) => !HONORIFICS.has(t.norm) && t.norm !== 'قد' && t.norm !== 'لقد');
}

/** Tokens of the subject noun phrase: up to the complementizer, a preposition or another verb. */
function leadingPhrase(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    if (SUBJECT_STOPS.has(t.norm) || SPEECH_VERBS.has(t.norm) || isParticiple(t.norm)) break;
    out.push(t);
  }
  return out;
}

const join = (tokens: Token[]): string => tokens.map((t) => t.text).join(' ');

function isNamePhrase(tokens: Token[]): boolean {
  return tokens.length > 0 && tokens.length <= MAX_NAME_TOKENS && tokens.every((t) => isNameToken(t.norm));
}

/**
 * Parse what follows a reporting verb, up to the quotation or the end of the sentence. Handles
 * «الروداني الشرقاوي، الخبير في …، إن» (apposition), «السيد كريستوفر لاندبيرغ نائب …» (name then role),
 * «وزير الشؤون الخارجية …، ناصر بوريطة» and «وزير الخارجية المغربي ناصر بوريطة» (role then name).
 */
export function parseSubject(afterVerb: string, familyNames: ReadonlySet<string> = new Set()): Subject {
  const clause = afterVerb.split(/[.!?؟:;؛]/)[0];
  const segments = clause.split(/[،,]/).map((s) => s.trim());
  // «وأشاد، في هذا الاتجاه، بالشراكة…»: skip adverbial segments right after the verb.
  let i = 0;
  while (i < segments.length - 1 && (segments[i] === '' || startsAdverbial(segments[i]))) i++;
  const phrase = leadingPhrase(segmentTokens(segments[i] ?? ''));
  const rest = segments.slice(i + 1);
  if (phrase.length === 0) return { kind: 'bare' };

  const first = withoutArticle(phrase[0].norm);
  if (phrase.some((t) => COLLECTIVES.has(withoutArticle(t.norm)))) return { kind: 'unnamed', role: join(phrase) };
  if (INSTITUTIONS.has(first)) return { kind: 'unnamed', role: join(phrase) };

  if (ROLE_HEADS.has(first)) {
    // Role then name in one run: the name is the trailing run of name tokens after a definite word.
    // A family name may carry the article when a given name precedes it: «إبراهيم بن أحمد الغبان»،
    // «رامي عبد الرحمن»; «وزير الخارجية المغربي» has no given name before «المغربي», so it stays a role.
    let k = phrase.length;
    const familyWithArticle = (j: number) =>
      j === phrase.length - 1 && j > 0 && phrase[j].norm.startsWith('ال') && isGivenName(phrase[j - 1].norm);
    while (k > 0 && ((isNameToken(phrase[k - 1].norm) && !phrase[k - 1].norm.startsWith('ال')) || familyWithArticle(k - 1))) k--;
    const nameRun = phrase.slice(k);
    if (k > 0 && nameRun.length > 0 && nameRun.length <= MAX_NAME_TOKENS && DEFINITE.test(phrase[k - 1].norm)) {
      return { kind: 'named', name: join(nameRun), role: join(phrase.slice(0, k)) };
    }
    // Role, then the name as an apposition: «وزير الشؤون الخارجية …، ناصر بوريطة».
    const next = leadingPhrase(segmentTokens(rest[0] ?? ''));
    if (isNamePhrase(next)) return { kind: 'named', name: join(next), role: join(phrase) };
    if (phrase[0].norm.startsWith('ال') && ANAPHORIC_HEADS.has(first)) {
      return { kind: 'anaphor', head: first, description: join(phrase) };
    }
    return { kind: 'unnamed', role: join(phrase) };
  }

  // Name first, then perhaps a role in the same run or as an apposition. A family name with the article
  // («سعد البريك»، «عصام الملا») ends the name after a given name; alone («وقال الدريويش») it counts only when
  // the article writes it after a given name somewhere («أحمد بن يوسف الدريويش»).
  let k = 0;
  while (k < phrase.length && k < MAX_NAME_TOKENS && isNameToken(phrase[k].norm)) k++;
  if (k === 0 && familyNames.has(phrase[0].norm)) k = 1;
  else if (k > 0 && k < phrase.length && k < MAX_NAME_TOKENS && isFamilyName(phrase[k].norm) && isGivenName(phrase[k - 1].norm)) k++;
  if (k === 0) return { kind: 'bare' };
  const name = join(phrase.slice(0, k));
  const trailing = phrase.slice(k);
  if (trailing.length > 0 && ROLE_HEADS.has(withoutArticle(trailing[0].norm))) {
    return { kind: 'named', name, role: join(trailing) };
  }
  // Anything else after the «name» («وطالب الجبوري رؤساء الكتل…»، «مصادر أخرى») means we cannot tell where the
  // name ends; treating it as no subject costs a speaker, guessing would invent one.
  if (trailing.length > 0) return { kind: 'bare' };
  const apposition = segmentTokens(rest[0] ?? '');
  if (apposition.length > 0 && ROLE_HEADS.has(withoutArticle(apposition[0].norm))) {
    return { kind: 'named', name, role: join(apposition) };
  }
  return { kind: 'named', name, role: null };
}

function startsAdverbial(segment: string): boolean {
  const first = tokensOf(segment)[0];
  return first !== undefined && ADVERBIAL_STARTS.has(first.norm);
}

/** One person within an article; every mention of them points here, so the fullest name wins at the end. */
export interface Person {
  name: string;
  keys: string[];
  role: string | null;
}

/** Name tokens in search form, for comparing spellings and orders. */
export function nameKeys(name: string): string[] {
  return tokensOf(name)
    .map((t) => t.norm)
    .filter((n) => !HONORIFICS.has(n));
}

/** Same person when one name's tokens contain the other's: surname only, or the same names in another order. */
export function sameName(a: string[], b: string[]): boolean {
  const [small, big] = a.length <= b.length ? [a, b] : [b, a];
  return small.length > 0 && small.every((t) => big.includes(t));
}

export class PersonRegistry {
  readonly people: Person[] = [];

  register(name: string, role: string | null): Person {
    const keys = nameKeys(name);
    const existing = this.people.find((p) => sameName(p.keys, keys));
    if (!existing) {
      const person = { name, keys, role };
      this.people.push(person);
      return person;
    }
    if (keys.length > existing.keys.length) {
      existing.name = name;
      existing.keys = keys;
    }
    existing.role ??= role;
    return existing;
  }

  /** «الدبلوماسي الأمريكي»: the latest person whose role has that head noun, else simply the latest. */
  resolve(head: string, recent: Person[]): Person | null {
    for (let i = recent.length - 1; i >= 0; i--) {
      const role = recent[i].role;
      if (role && tokensOf(role).some((t) => withoutArticle(t.norm) === head)) return recent[i];
    }
    return recent.at(-1) ?? null;
  }
}
