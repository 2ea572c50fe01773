/**
 * Who is speaking: parsing the subject of a reporting verb into a name and a role, and keeping one canonical
 * name per person within an article.
 */
import { normalizeArabic, STOPWORDS } from '../arabic/index.js';
import {
  ADVERBIAL_STARTS,
  ADVERBS,
  ANAPHORIC_HEADS,
  COLLECTIVES,
  DOCUMENT_HEADS,
  HONORIFICS,
  HONORIFIC_PRONOUNS,
  INSTITUTIONS,
  ISSUER_LINKS,
  KANA_FORMS,
  NAMED_BODIES,
  NATIONALITIES,
  PARTICIPLES,
  PARTY_ADJECTIVES,
  QUANTIFIER_HEADS,
  ROLE_HEADS,
  SOURCE_HEADS,
  SPEECH_NOUNS,
  SPEECH_VERBS,
  SUBJECT_STOPS,
} from './lexicon.js';

/** What the subject of one reporting verb turned out to be. */
export type Subject =
  // «وأضاف أن…»: no subject, the current speaker goes on. `unread`: a subject stands there but could not be read
  // («وأضاف العطية»، «وطالب الجبوري رؤساء الكتل»): someone new speaks, so the previous speaker must not go on.
  | { kind: 'bare'; unread?: boolean }
  // `weak`: a lone word read as a name only because an object seemed to follow it («وقال عباس للصحفيين»); the
  // caller keeps it only for someone the article has named already («كشف استطلاع للرأي» is no one).
  // `quoted`: the name stood in marks («"صالح القرعوطي"»), so its words are exactly the name (never completed).
  // `principal`: the person the speaker's role speaks for, named inside it («المتحدث باسم الرئيس الروسي فلاديمير بوتين»).
  | { kind: 'named'; name: string; role: string | null; weak?: boolean; quoted?: boolean; principal?: string }
  // «الخبير الأمني»، «المتحدث»; `byRoleOnly`: «الكاتب»، «مخرج الفيلم» point back only to a person given that role.
  // `personNoun`: «المرأة السبعينية»، «الشاب العشريني»: a plain word for a person with an adjective, who is the person
  // just speaking (the caller takes them only when they spoke in this paragraph or the one before).
  | { kind: 'anaphor'; head: string; description: string; byRoleOnly?: boolean; personNoun?: boolean }
  | { kind: 'unnamed'; role: string } // a group («المتدخلون»), «مسؤول أمريكي»، «مصدر أمني»
  | { kind: 'organisation'; name: string }; // «وزارة الداخلية التونسية»، «الجيش اللبناني»، «بيان الوزارة» → الوزارة

export interface Token {
  text: string;
  norm: string;
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{M}\p{N}\u0640]+/gu;

/** Discourse words that open a clause before its subject («لكن صحيفة…»، «أما الفنان…»); never part of a name. */
export const CLAUSE_OPENERS: ReadonlySet<string> = new Set(['لكن', 'ولكن', 'بينما', 'فيما', 'اما', 'واما']);

/**
 * normalizeArabic per word, remembered: the same words recur across paragraphs and articles, and normalizing was
 * most of the extraction time on SaudiNewsNet. Cleared when full, so memory stays bounded at volume.
 */
const normCache = new Map<string, string>();
const NORM_CACHE_SIZE = 50_000;

function normalizedWord(word: string): string {
  let norm = normCache.get(word);
  if (norm === undefined) {
    if (normCache.size >= NORM_CACHE_SIZE) normCache.clear();
    norm = normalizeArabic(word);
    normCache.set(word, norm);
  }
  return norm;
}

/**
 * The given name «علي» and the preposition «على» fold to the same search form, which made every Ali a function
 * word («وقال اللواء الدكتور علي بن سعيد الحارثي» lost its speaker). Sites write the preposition with ى far more
 * often than with ي (SaudiNewsNet: «على أن» 8,605 times, «علي أن» 37), so a written «علي» keeps a form of its own.
 */
export const ALI_NAME = 'علي_';

/**
 * The article is written «ال» without hamza; a word written «أل…»/«إل…» is a name or a noun of its own («ألكسندر
 * نوفاك»، «ألبرت»، «إلياس»), which normalizing would fold into a definite word. Such words keep a form of their own
 * (alef wasla for the alef), unless they are function words («إليها») or «ألمانيا».
 */
export const HAMZA_ALEF = 'ٱ';
export const TANWEEN = '\u064B';
function hamzaInitialNorm(word: string, norm: string): string {
  if (FOREIGN_AL_NAMES.has(norm)) return HAMZA_ALEF + norm.slice(1);
  // «الدكتورة آنا بيت»: «آنا» (Anna) folds to the pronoun «أنا». (Only this word: «آلية» folds to «إليه» and is a
  // noun, so madda words are not names in general.)
  if (word.startsWith('آ') && norm === 'انا') return HAMZA_ALEF + norm.slice(1);
  if (!/^[أإ]ل/.test(word) || norm.length < 5 || STOPWORDS.has(norm) || SUBJECT_STOPS.has(norm) || /^المان/.test(norm)) return norm;
  return HAMZA_ALEF + norm.slice(1);
}
/** Transliterated given names that wire copy writes without the hamza, so they look definite: «الكسندر نوفاك». */
const FOREIGN_AL_NAMES: ReadonlySet<string> = new Set(
  'الكسندر الكساندر اليكسي الكسي اليكسيس الكسيس البرت البرتو الفريد الفريدو الان اليزابيث اليزابيت الين اليكس الفونسو اليخاندرو اليسا الدو اليساندرو'
    .split(' ')
    .map((w) => normalizeArabic(w)),
);

export function tokensOf(text: string, offset = 0): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    let norm = m[0] === 'علي' ? ALI_NAME : hamzaInitialNorm(m[0], normalizedWord(m[0]));
    // «توقعت المصممة أماني الصوفي تنامياً…»: a word written with the accusative tanween is an object or an adverb,
    // never a name; it keeps the mark so that name readers see it.
    if (m[0].includes(TANWEEN) && isNameToken(norm)) norm += TANWEEN;
    out.push({ text: m[0], norm, start: offset + m.index, end: offset + m.index + m[0].length });
  }
  for (let j = 1; j + 1 < out.length; j++) if (out[j].norm === 'صباح' && sabahIsGivenName(out[j - 1].norm, out[j + 1].norm)) out[j].norm = SABAH_NAME;
  // (First in the text, as the start of a verb's subject cut right after the verb, it is read as after the verb.)
  for (let j = 0; j + 1 < out.length; j++) {
    if (out[j].norm !== 'فان') continue;
    const link = j === 0 ? vanIsNameLink(null, out[1], ' ') : vanIsNameLink(out[j - 1], out[j + 1], text.slice(out[j - 1].end - offset, out[j].start - offset));
    if (link) out[j].norm = VAN_LINK;
  }
  // «وقالت وزيرة الصحة سنية بالشيخ…»، «محمد بالحاج»: Maghrebi family names written «بال» + a given name or a title
  // look like «ب» + the article; after a given name or a reporting verb they are the family name (round 19).
  for (let j = 1; j < out.length; j++) {
    const norm = out[j].norm;
    if (!norm.startsWith('بال') || !BAL_NAMES.has(norm.slice(3))) continue;
    const before = out[j - 1].norm;
    if (SPEECH_VERBS.has(before) || (isNameToken(before) && !/^(ال|[وف])/.test(before))) out[j].norm = `بل${norm.slice(3)}`;
  }
  // «لشمس أف أم»، «لجوهرة أف أم»، «لديوان أف أم»: a radio station spoken to, named before «أف أم» (round 19), reads as
  // a named outlet glued to «ل», which ends a name or a role.
  for (let j = 0; j + 2 < out.length; j++) {
    if (out[j].norm.startsWith('ل') && out[j].norm.length >= 3 && FM.has(out[j + 1].norm) && AM.has(out[j + 2].norm)) out[j].norm = GLUED_STATION;
  }
  // «وبيّن رئيس بلدية صفاقس…»: with its shadda «بيّن» is the verb (explained), which «وبين» (and between) is not
  // written bare; it reads as «وأوضح» (round 19).
  // (Only words with a shadda are looked at: the test runs on every token of every paragraph.)
  for (const t of out) if (t.text.includes('\u0651') && /^[وف]بيّن$/u.test(t.text.replace(/[ً-ِْ]/gu, ''))) t.norm = EXPLAINED;
  // «قال جيمي فالي، الشريك…»، «وقال فالي»: «فالي» folds to «فإلى» (then to), a function word; written with ي and no
  // hamza right after a given name or a reporting verb it is the family name (round 18). First in the text it is
  // read as after the verb, as «فان» is.
  for (let j = 0; j < out.length; j++) {
    if (out[j].text !== 'فالي') continue;
    const before = j > 0 ? out[j - 1].norm : null;
    const afterName = before === null || SPEECH_VERBS.has(before) || (isNameToken(before) && !/^(ال|[وف])/.test(before));
    if (afterName && (j === 0 || /^\s+$/.test(text.slice(out[j - 1].end - offset, out[j].start - offset)))) out[j].norm = FALI_NAME;
  }
  // «وقال واين روني قائد مانشستر»: «واين» (Wayne) folds to «وأين» (and where); after a reporting verb or a role, or
  // first, and before a name word with only a space between, it is the given name (round 20).
  for (let j = 0; j + 1 < out.length; j++) {
    if (out[j].text !== 'واين') continue;
    const before = j > 0 ? out[j - 1].norm : null;
    const next = out[j + 1].norm;
    const afterVerbOrRole = before === null || SPEECH_VERBS.has(before) || ROLE_HEADS.has(withoutArticle(before));
    const gap = text.slice(out[j].end - offset, out[j + 1].start - offset);
    if (afterVerbOrRole && /^\s+$/.test(gap) && !next.startsWith('ال') && isNameToken(next)) out[j].norm = WAYNE_NAME;
  }
  // «الأمين العام للأمم المتحدة بان كي مون»: «بان» reads as «ب» + «أن» (with that); before «كي» it is Ban Ki-moon's
  // name (round 21; 63 SaudiNewsNet articles name him).
  for (let j = 0; j + 1 < out.length; j++) if (out[j].text === 'بان' && out[j + 1].text === 'كي') out[j].norm = BAN_NAME;
  return out;
}

/**
 * «فان» is «فإن» (so, indeed) written without its hamza, and the Dutch link of «روبن فان بيرسي»، «لويس فان غال»،
 * «فيرجيل فان دايك». After a reporting verb or a name word, before a name word without the article, and with only
 * a space between, it is the link, and keeps a form of its own (as SABAH_NAME) so that name readers take it in
 * (round 17). «أحمد سالم فإن الحكومة…» stays the conjunction: the article follows.
 */
export const VAN_LINK = 'فان_';
const EXPLAINED = normalizeArabic('وأوضح');
const FM: ReadonlySet<string> = new Set(['اف', 'إف', 'أف'].map((w) => normalizeArabic(w)));
const AM: ReadonlySet<string> = new Set(['ام', 'إم', 'أم'].map((w) => normalizeArabic(w)));
/** The norm a glued radio station takes: «ل» and a named outlet. */
const GLUED_STATION = 'لموزاييك';
/** The second parts of «بال…» family names (بالحاج، بالشيخ، بالطيب، بالعيد، بالقاسم…), without the article. */
const BAL_NAMES: ReadonlySet<string> = new Set('حاج شيخ طيب عيد حسن قاسم هادي رابح أمين ناصر حسين صادق'.split(' ').map((w) => normalizeArabic(w)));
const FALI_NAME = 'فالي_';
const WAYNE_NAME = 'واين_';
const BAN_NAME = 'بان_';
function vanIsNameLink(before: Token | null, after: Token, gap: string): boolean {
  if (!/^\s+$/.test(gap) || after.norm.startsWith('ال') || !isNameToken(after.norm) || STOPWORDS.has(after.norm)) return false;
  return before === null || SPEECH_VERBS.has(before.norm) || (isNameToken(before.norm) && !before.norm.startsWith('ال') && !/^[وف]/.test(before.norm));
}

/**
 * «صباح» is the morning («صباح اليوم»، «صباح الأحد») and so ends a verb's subject, but also a given name — of
 * Kuwait's ruling family among others («رئيس الوزراء الكويتي الشيخ صباح الخالد»، «الشيخ صباح الأحمد») — which
 * left those statements without a speaker. After an honorific, a role word or a nisba («الكويتي»), and before a
 * name word or a family name that is no time word, it is the name, and keeps a form of its own (as ALI_NAME).
 */
export const SABAH_NAME = 'صباح_';
/** What «صباح» governs as the morning though it looks like a family name: «صباح العيد»، «صباح الخير». */
const MORNING_OF: ReadonlySet<string> = new Set('العيد الخير الباكر الغد الامس الجديد التالي نفسه ذلك هذا'.split(' '));
function sabahIsGivenName(before: string, after: string): boolean {
  const marked = HONORIFICS.has(before) || ROLE_HEADS.has(withoutArticle(before)) || (/^ال/.test(before) && /ي$/.test(before) && before.length >= 5);
  if (!marked || TIME_WORDS.has(after) || MORNING_OF.has(after) || SUBJECT_STOPS.has(after)) return false;
  return isNameToken(after) || isFamilyName(after);
}

/** The noun without its article (and a conjunction glued before it): «والمنسق» → «منسق». */
export function withoutArticle(norm: string): string {
  return norm.replace(/^(وال|فال|ال)(?=..)/, '');
}

export function isSpeechVerb(norm: string): boolean {
  return SPEECH_VERBS.has(norm);
}

export function isParticiple(norm: string): boolean {
  return PARTICIPLES.has(norm) || PARTICIPLES.has(norm.replace(/^و/, '')) || SPEECH_NOUNS.has(norm);
}

/**
 * Could this token be part of a person's name? Arabic has no capitals, so this is by exclusion: not a function
 * word, role, institution or verb, no preposition glued on (بال، لل). Definite words only as nisba surnames
 * ending in ي («الروداني الشرقاوي»), which keeps «الاجتماع» or «المغرب» out.
 */
export function isNameToken(norm: string): boolean {
  if (norm.length < 2 || /\d/.test(norm) || norm.endsWith(TANWEEN)) return false;
  const bare = withoutArticle(norm);
  if (STOPWORDS.has(norm) || SUBJECT_STOPS.has(norm) || HONORIFICS.has(norm)) return false;
  if (ROLE_HEADS.has(bare) || INSTITUTIONS.has(bare) || COLLECTIVES.has(bare)) return false;
  if (isQuantifier(norm) || KANA_FORMS.has(norm) || HONORIFIC_PRONOUNS.has(norm) || CLAUSE_OPENERS.has(norm)) return false;
  if (SPEECH_VERBS.has(norm) || isParticiple(norm) || ADVERBS.has(norm)) return false;
  // «متعامل بالسوق الموازية، رفض الكشف عن هويته»: the verb of an unnamed source's anonymity, never a name.
  if (/^[وف]?(رفض|رفضت|طلب|طلبت)$/.test(norm)) return false;
  if (NEVER_NAMES.has(norm)) return false;
  // (Only with a word after the article: «فالح»، «والد» are a name and a noun, not «ف» + «ال» + one letter.)
  if (/^(بال|لل|كال|فال|وال).../.test(norm) || /^(بال|لل|وال)..$/.test(norm)) return false;
  // «فابيوس لإذاعة فرانس إنتر»، «لـCNN»، «لبي بي سي»: a preposition glued to an outlet (a media word, Latin
  // letters, a spelled-out acronym) is where the name has ended.
  if (isGluedOutlet(norm)) return false;
  // «المندوبة الجهوية للمرأة بتونس»: a country or a capital behind «ب»/«ل» is where, never a name word (round 19).
  // («المدير الجهوي للصحة ببن عروس الدكتور…»: nor «بن» behind «ب»/«ل», the first word of a town's name.)
  if (isGluedPlace(norm) || norm === 'ببن' || norm === 'لبن') return false;
  // «استمرار واشنطن»، «اختفاء بعض الأقلام»: a verbal noun of the forms istif'al, ifti'al, infi'al is the verb's object.
  if (isVerbalNoun(norm)) return false;
  // «واتهم المتمردون الحكومة بارتكاب جرائم»: a preposition glued to a verbal noun is the verb's complement.
  if (/^[بل]ا/.test(norm) && norm.length >= 6 && isVerbalNoun(norm.slice(1))) return false;
  // «فرض عقوبات»، «تصريحات»: a long feminine plural is a noun, not a name word.
  // (Seven letters and more, or the pattern of «عقوبات»: «عريقات»، «بركات» are family names.)
  if ((norm.length >= 7 && norm.endsWith('ات')) || /^..و.ات$/.test(norm)) return false;
  // «وحول زيارة…»، «وعن المتمردين»: a conjunction glued to a function word, never a name; nor «بهذا»، «بذلك».
  if (/^[وف]../.test(norm) && (STOPWORDS.has(norm.slice(1)) || SUBJECT_STOPS.has(norm.slice(1)) || ADVERBIAL_STARTS.has(norm.slice(1)))) {
    return false;
  }
  if (/^[بل]../.test(norm) && (STOPWORDS.has(norm.slice(1)) || QUANTIFIER_HEADS.has(norm.slice(1)))) return false;
  // «بضرورة تعميم»، «تحقيق»، «تصريح»: a preposition glued to a long noun in ة, or a verbal noun of the form taf'il.
  if (/^ب[^اوي].{3,}ه$/.test(norm) || /^ت[^وا]{2}ي.$/.test(norm)) return false;
  // («تأثير»، «تأكيد»: the same form from a root with hamza; «سريعا»، «كثيرا»: an adverb of the form fa'ilan.)
  // («تحديدا»، «تقريبا»: the taf'il noun as an adverb, with its alif; «تيريزا» has a long vowel second.)
  if (/^تا[^اوي]ي[^اوي]$/.test(norm) || /^[^اويٱ]{2}ي[^اوين]ا$/.test(norm) || /^ت[^اوي]{2}ي[^اوي]ا$/.test(norm)) return false;
  // «بينما يقول خصومه»، «ما ذهب إليه سابقوه»: a plural with «his» (…وه، or a broken plural of followers and foes) is a
  // group; «وكانوا يروجون»: a plural form of كان is a verb. (Not every يـ…ون: «تومبسون»، «ويليامسون» are names.)
  if ((norm.length >= 5 && /وه$/.test(norm)) || PLURALS_WITH_HIS.test(norm) || /^[وف]?كانوا$/.test(norm)) return false;
  // A possessive suffix makes a common noun («بنودها»، «كلمته» in «واختتم كيري كلمته»): names do not take one.
  if (norm.length >= 4 && /(ها|هما|هم|كم|ته)$/.test(norm)) return false;
  // A preposition glued to a role or an institution: «أستاذ … بجامعة الطائف»، «لصحيفة».
  if (/^[بلك]/.test(norm) && (INSTITUTIONS.has(norm.slice(1)) || ROLE_HEADS.has(norm.slice(1)))) return false;
  if (norm.startsWith('ال')) return norm.length >= 5 && norm.endsWith('ي');
  return true;
}

/** With «ب»: anger, sorrow, pride… (a long word in ة is ruled out by isNameToken already: «بحسرة»، «بابتسامة»). */
const MANNER_WORDS_LIST = `
  بغضب بحزن بفخر بثقة بألم بأسى بأسف بحماس بهدوء بوضوح بصراحة بسخرية بانفعال بتأثر بتفاؤل بتواضع بدهشة بارتياح
  بقلق باستياء بحسم بجدية بفرح بيأس بإحباط بحرارة بعصبية بخجل بتحد بمرارة بحرقة بلهجة بنبرة بصوت بمزاح بغصة
  بكلمتين بكلمات بجملة باختصار بإيجاز بنبرات بحزم بشكل بصورة بطريقة بشدة بقوة`;

/** «أحد»، «إحدى» (one of): the apposition after a name opens with them, and they are never a name word. */
const ONE_OF: ReadonlySet<string> = new Set(['أحد', 'إحدى'].map((w) => normalizeArabic(w)));
/** «ألقى X كلمة»: the speech given, right after the speaker's name. */
const SPEECH_GIVEN: ReadonlySet<string> = new Set(['كلمة', 'كلمته', 'كلمتها'].map((w) => normalizeArabic(w)));
/**
 * «وأضاف تمت مناقشة آلية الحوافز…»: the auxiliary of the passive («it was done») opens a clause, never a name
 * («تمام سلام» is a name and is not one of these forms); «سواء كانت…» is «whether» (round 13); «ومقره واشنطن» is where a
 * body sits, after its spokesman's role (round 14). With و/ف.
 */
const NEVER_NAMES: ReadonlySet<string> = new Set([
  // («وردا على ذلك، كتب النائب…»: «كتب» — wrote, or books — names no one, round 16.)
  ...['تم', 'تمت', 'يتم', 'تتم', 'سيتم', 'ستتم', 'سواء', 'مقره', 'مقرها', 'كتب'].flatMap((w) => ['', 'و', 'ف'].map((p) => normalizeArabic(p + w))),
  // «غرد سعوديون قائلين:»: the participle of saying, in any number, after the speakers (round 18).
  ...['قائلين', 'قائلا', 'قائلاً', 'قائلة', 'قائلات', 'قائلتين', 'قائلان'].map((w) => normalizeArabic(w)),
  // «ويقول المحاسب ماجد عمران بغضب "…"»: how it was said — a manner adverbial with «ب» ends the name (round 18).
  ...MANNER_WORDS_LIST.split(/\s+/).filter(Boolean).map((w) => normalizeArabic(w)),
  // «واستمد فريق المدرب الهولندي لويس فان غال…»: «فريق» without the article is a team, never a name word (round 20).
  // (Not a body head: every «فريق النصر» the narration names became the speaker of the next bare verb; with the
  // article «الفريق» is also the rank before a general's name, «الفريق مهاب مميش».)
  ...['فريق', 'وفريق'].map((w) => normalizeArabic(w)),
  // «ثم ألقى الفنان عبد الله رشاد كلمة أشار فيها…»: the speech he gave; «…، وبخاصة بعد اللقاءات…» (especially), round 21.
  ...SPEECH_GIVEN,
  ...['خاصة', 'وخاصة', 'وبخاصة', 'بخاصة'].map((w) => normalizeArabic(w)),
  ...ONE_OF,
]);

/** «يدعى»، «اسمه»: the name follows (see parseSubjectCore), at most CALLED_REACH words into the subject's segment. */
const CALLED = /^و?(يدعي|تدعي|اسمه|اسمها)$/;
const CALLED_REACH = 8;

const PLURALS_WITH_HIS = /^[وف]?(خصوم|انصار|اتباع|رفاق|زملاء|زملاو|منتقدي|معارضي|مويدي)(ه|ها|هم)$/;

function isVerbalNoun(norm: string): boolean {
  if (norm === 'انطوان') return false;
  // (…and the past of form X, «استقبل الوفد»، «استنكر».)
  // (…and the past of form VIII in the feminine or with a final ى: «اكتفت»، «اعتبرت»، «اكتفى».)
  return /^است..?.ا.$/.test(norm) || /^ا.ت.ا.$/.test(norm) || /^ان..ا.$/.test(norm) || /^است.{3}$/.test(norm) || /^ا.ت..?ت$/.test(norm) || /^ا.ت.ي$/.test(norm);
}

function isGluedPlace(norm: string): boolean {
  return (norm.startsWith('ب') || norm.startsWith('ل')) && PLACES.has(norm.slice(1));
}

/** Countries and capitals written without the article, the objects and places that follow names in news copy. */
const PLACES: ReadonlySet<string> = new Set(
  'إسرائيل إيران روسيا أمريكا أميركا سوريا مصر تركيا فرنسا بريطانيا ألمانيا ليبيا تونس فلسطين لبنان قطر أوكرانيا كوريا باكستان أفغانستان إثيوبيا نيجيريا واشنطن موسكو طهران لندن باريس دمشق بغداد بيروت عمان صنعاء عدن غزة أنقرة إسطنبول برلين بكين طوكيو جنيف فيينا نيويورك'
    .split(' ')
    .map((w) => normalizeArabic(w)),
);

/** Spelled-out Latin letters of an acronym («بي بي سي»، «سي إن إن»، «إم بي سي»). */
const SPELLED_LETTERS: ReadonlySet<string> = new Set('بي سي ان تي في ام اي دي اف جي اس ار اتش'.split(' '));

/** «لإذاعة»، «لمجلة»، «لـCNN»، «لبي»، «لوكالة»: ل (or ب) glued to a media word, to Latin letters or to a spelled letter. */
export function isGluedOutlet(norm: string): boolean {
  if (!/^[لب]/.test(norm) || norm.length < 2) return false;
  const rest = norm.slice(1).replace(/^ـ+/, '');
  if (/^[a-z0-9]/i.test(rest)) return true;
  if (norm[0] === 'ل' && SPELLED_LETTERS.has(rest)) return true;
  // «للصحفيين»، «للجزيرة»: ل before the article drops its alif.
  const definite = norm.startsWith('لل') ? 'ا' + norm.slice(1) : '';
  return OUTLET_WORDS.has(rest) || OUTLET_WORDS.has(definite) || AUDIENCES.has(definite) || (norm[0] === 'ل' && INSTITUTIONS.has(rest));
}

/**
 * «للصحفيين»، «للحشد»: the people spoken to, glued to «ل». Like an outlet it ends a name or a role, but no outlet's
 * name in marks follows it: «وأضاف مودريتش للصحفيين "هو قائدنا داخل وخارج الملعب."» is a quotation (round 16).
 */
export function isAudience(norm: string): boolean {
  return norm.startsWith('لل') && AUDIENCES.has('ا' + norm.slice(1));
}
const AUDIENCES: ReadonlySet<string> = new Set(['الصحفيين', 'الصحافيين', 'الاعلاميين', 'المراسلين', 'الحشد', 'الحضور', 'الحاضرين', 'الجمهور', 'الصحافه']);
/** Outlets spoken to by name (round 16: «سعيد بن علي لموزاييك»): a quotation after them is never their name. */
const NAMED_OUTLETS: ReadonlySet<string> = new Set(['موزاييك', 'رويترز', 'الجزيره', 'العربيه', 'الحره', 'الاناضول', 'سبوتنيك']);
const OUTLET_WORDS: ReadonlySet<string> = new Set([
  'فرانس', 'سكاي', 'اخبار', 'اذاعه', 'مجله', 'راديو', 'تلفزيون', 'تليفزيون', 'صحيفه', 'جريده', 'قناه', 'وكاله', 'موقع', 'شبكه', 'صحفيين', 'صحافيين', 'الصحفيين', 'الصحافيين', 'مراسل', 'مراسلي', 'عدد',
  ...NAMED_OUTLETS,
]);

/** «لرويترز»، «للجزيرة»: ل glued to an outlet's own name (not to «إذاعة» or «صحيفة», whose name may follow in marks). */
export function isGluedNamedOutlet(norm: string): boolean {
  if (!norm.startsWith('ل')) return false;
  return NAMED_OUTLETS.has(norm.slice(1)) || (norm.startsWith('لل') && NAMED_OUTLETS.has('ا' + norm.slice(1)));
}

export const MAX_NAME_TOKENS = 4;
/** Given names that are never a place or a common noun: compounds in «عبد» / «أبو», and the commonest ones. */
export const SURE_GIVEN = /^(عبد.*|ابو|محمد|احمد|محمود|مصطفي|خالد|فهد|سلطان|عمر|يوسف|ابراهيم|حسين|عثمان|سلمان|ناصر|عادل|طارق|فيصل|سعود|تركي)$/;
/** Second halves of compound given names: «عبد الله»، «رحمة الله»، «عز الدين»، «نور الدين». */
const COMPOUND_ENDS: ReadonlySet<string> = new Set(['الله', 'الدين']);
/**
 * First halves of compound given names in «الدين»/«الله» that are never a role or a noun before them in a title:
 * «الأمين العام للاتحاد نور الدين الطبوبي»، «المحلل السياسي صلاح الدين الجورشي». After a role, the compound and a
 * family name with the article are the whole name (round 15), where «رجل الدين» stays a role.
 */
const COMPOUND_FIRSTS: ReadonlySet<string> = new Set(
  'نور عز صلاح علاء بهاء سيف شمس نصر خير محي محيي جمال كمال زين تاج فخر ضياء شهاب حسام نجم بدر عماد سعد نظام ناصر شرف معز صدر جلال مجد سراج برهان فتح عطا جاد فضل حسب عوض ضيف رحمة هبة نعمة ذبيح حبيب جار روح'
    .split(' ')
    .map((w) => normalizeArabic(w)),
);
function compoundGivenEndAt(tokens: Token[], j: number): boolean {
  return j > 0 && j < tokens.length && COMPOUND_ENDS.has(tokens[j].norm) && COMPOUND_FIRSTS.has(tokens[j - 1].norm);
}
/** «… زائي الخبير»: a definite word that heads a role (or is followed by a nisba) begins the apposition, not the name. */
function isRoleAdjective(phrase: Token[], k: number): boolean {
  return ROLE_HEADS.has(withoutArticle(phrase[k].norm));
}
/** A definite word, possibly behind a preposition («للخدمات»): the end of a role before a name. */
const DEFINITE = /^(ال|وال|لل|بال)/;
const OFFICE_ADJECTIVES: ReadonlySet<string> = new Set(['السابق', 'الاسبق', 'الحالي', 'المستقيل', 'المنتخب', 'المكلف', 'الجديد', 'المقبل', 'الراحل']);

/** «البريك»، «الملا»: a definite word that is not a role, institution or group could be a family name. */
function isFamilyName(norm: string): boolean {
  const bare = withoutArticle(norm);
  // A definite word ending in ة (folded to ه) is a common noun or a participle far more often than a family name:
  // «نشرت الصفحة»، «ماريان تايسن المكلفة بملف…» (SaudiNewsNet). «الله» (in «عبد الله») is the exception.
  if (norm.endsWith('ه') && norm !== 'الله') return false;
  // «أشتون كارتر الخميس»: a day or a time word is never a family name; nor a long plural or dual («العكازين»).
  if (TIME_WORDS.has(norm)) return false;
  // «نائب رئيس فيفا السابق»: the adjectives of an office held (former, current, new) close a role, never a name.
  if (OFFICE_ADJECTIVES.has(norm)) return false;
  if (norm.length >= 7 && /(ين|ون)$/.test(norm)) return false;
  // «يريد لازلو بولوني التتويج»: a definite verbal noun of the form taf'il is the verb's object (round 17).
  if (/^الت[^ا]{2}ي.$/.test(norm)) return false;
  // «برناردينو ليون الأطراف الليبية»: a definite broken plural of the form af'al is the verb's object (round 21).
  if (/^الا[^اوي]{2}ا[^اوي]$/.test(norm)) return false;
  // «تياغو موتا الذي»، «سواريز إلى»: function words that look definite.
  if (norm.length < 4 || STOPWORDS.has(norm) || SUBJECT_STOPS.has(norm)) return false;
  return norm.startsWith('ال') && !ROLE_HEADS.has(bare) && !INSTITUTIONS.has(bare) && !COLLECTIVES.has(bare);
}

/**
 * «عبد الأمير»، «أبو ردينة»، «عبدالله بن مساعد»: the word after عبد/أبو/بن belongs to the name even when it is a
 * role word (الأمير، الملك، مساعد).
 */
// («وزير الصحة خالد آيت الطالب»: the Amazigh «آيت» (sons of) links a family name as «بن» does, round 19.)
const NAME_PREFIXES = new Set(['عبد', 'ابو', 'بن', 'ابن', 'بنت', normalizeArabic('آيت')]);
function afterNamePrefix(tokens: Token[], j: number): boolean {
  return j > 0 && (NAME_PREFIXES.has(tokens[j - 1].norm) || isAal(tokens[j - 1]));
}

/**
 * «اللواء مجدي عبدالغفار برقية عزاء»: after two name words, an indefinite word in ة is the verb's object (a
 * noun), not a third name — unless بن/أبو/عبد asks for it.
 */
function nounAfterName(tokens: Token[], k: number): boolean {
  // (After «بن X» a word in ة is the family name: «طلال بن محمد ملائكة».)
  const linked = tokens.slice(Math.max(0, k - 3), k).some((t) => t.norm === 'بن' || t.norm === 'ابن' || t.norm === 'بنت');
  // (A compound given name is one word of the name: «عبد العزيز بوتفليقة»، «نور الدين بوريطة» — round 14.)
  const compounds = tokens.slice(0, k).filter((t, j) => NAME_PREFIXES.has(t.norm) || (j > 0 && COMPOUND_ENDS.has(t.norm))).length;
  return k - compounds >= 2 && tokens[k].norm.endsWith('ه') && !tokens[k].norm.startsWith('ال') && !afterNamePrefix(tokens, k) && !linked;
}

/**
 * «آل» in a family name («خالد آل سعود»، «آل الشيخ»): folded to «ال» it looks like a stray article (a stopword),
 * so it is recognised by its written form, and only with a word after it.
 */
function isAal(t: Token | undefined): boolean {
  return t !== undefined && (t.text === 'آل' || t.text === 'ال');
}

/** A name word, or «آل» inside a name (followed by its family word). */
function inNameAt(tokens: Token[], j: number): boolean {
  return isNameToken(tokens[j].norm) || afterNamePrefix(tokens, j) || beforeNameLink(tokens, j) || (isAal(tokens[j]) && j + 1 < tokens.length && j > 0) || titleWordInsideName(tokens, j);
}

/**
 * «حسين أمير عبد اللهيان»، «محمد أمين زكي»: «أمير» and «أمين» head roles (prince, secretary) but are also given
 * names and parts of family names. Between a sure given name and «عبد» or a name word without the article, the
 * word is inside a name: a role after a name is set off by a comma or made definite («محمد، أمين عام…»).
 */
const TITLE_WORDS_IN_NAMES: ReadonlySet<string> = new Set(['امير', 'امين']);
function titleWordInsideName(tokens: Token[], j: number): boolean {
  if (j < 1 || j + 1 >= tokens.length || !TITLE_WORDS_IN_NAMES.has(tokens[j].norm) || !SURE_GIVEN.test(tokens[j - 1].norm)) return false;
  const next = tokens[j + 1].norm;
  return next === 'عبد' || (!next.startsWith('ال') && isNameToken(next) && !/ه$/.test(next));
}

/**
 * «ملهم بن محمد هندي»، «مناهل بنت محمد المحيميد»: the word before «بن»/«بنت» (with a name word after it) is a given
 * name even when it looks like a noun with a suffix («ملهم» ends like «-hum»). Only the short forms: «ابن» is as
 * often the noun «son» («ابن الفقيد»).
 */
function beforeNameLink(tokens: Token[], j: number): boolean {
  const t = tokens[j].norm;
  // (Not a verb with و or an object pronoun, «وتشاركها بنت سلمان»; «-hum» alone is left, as in «ملهم».)
  return j + 2 < tokens.length && (tokens[j + 1].norm === 'بن' || tokens[j + 1].norm === 'بنت') && !t.startsWith('ال') && t.length >= 3 &&
    !/^[وف]/.test(t) && !/(ها|هما|كم|ته)$/.test(t) &&
    !STOPWORDS.has(t) && !SUBJECT_STOPS.has(t) && !ROLE_HEADS.has(t) && !HONORIFICS.has(t) && isNameToken(tokens[j + 2].norm);
}

/** Adjectives in ة of bodies' names («العالمية»، «الدولية»، «الوطنية»), in search form without the article. */
const BODY_ADJECTIVES: ReadonlySet<string> = new Set(
  'عالمية دولية وطنية عربية إسلامية أهلية عامة خاصة متحدة حرة قابضة مركزية رسمية حكومية'.split(' ').map((w) => normalizeArabic(w)),
);

/**
 * (A «given name» starting with و is more often the conjunction on a verb — «ويعد الشمري»، «ورأى كيري» — than
 * وليد or وائل, so it does not count here.)
 * Definite words the article writes right after a given name («أحمد بن يوسف الدريويش» → «الدريويش»), so that a
 * later «وقال الدريويش» is read as a person.
 */
export function familyNamesIn(paragraphs: string[], tokenized: Token[][] = paragraphs.map((p) => tokensOf(p))): Set<string> {
  const names = new Set<string>();
  for (const [n, paragraph] of paragraphs.entries()) {
    const tokens = tokenized[n];
    for (let i = 1; i < tokens.length; i++) {
      if (!isFamilyName(tokens[i].norm) || !/^\s+$/.test(paragraph.slice(tokens[i - 1].end, tokens[i].start))) continue;
      const given = tokens[i - 1].norm;
      // («السوري وليد المعلم»: after a role or a nisba a word in و is a given name, not a verb with its conjunction.)
      const slot = tokens[i - 2]?.norm ?? '';
      const wName = given.startsWith('و') && (ROLE_HEADS.has(withoutArticle(slot)) || (slot.startsWith('ال') && slot.endsWith('ي')));
      if (isGivenName(given) && given !== 'عبد' && given !== 'ابو' && (!given.startsWith('و') || wName)) names.add(tokens[i].norm);
    }
    // «وزير الخارجية القطري خالد العطية»: a family name in ة («العطية»، «الشبيكة») only where a role or a
    // nationality marks the given name before it, so «نشرت الصفحة» stays out.
    for (let i = 2; i < tokens.length; i++) {
      const norm = tokens[i].norm;
      // (…and «الاقتصادي فضل البوعينين»: a family name in «ين» or «ون», which isFamilyName takes for a plural.)
      if (!norm.startsWith('ال') || !(norm.endsWith('ه') || (norm.length >= 7 && /(ين|ون)$/.test(norm))) || norm === 'الله' || norm.length < 5) continue;
      const bare = withoutArticle(norm);
      // («موانئ دبي العالمية رئيس…»: an adjective that names bodies, not a family, round 21.)
      if (ROLE_HEADS.has(bare) || INSTITUTIONS.has(bare) || COLLECTIVES.has(bare) || TIME_WORDS.has(norm) || BODY_ADJECTIVES.has(bare)) continue;
      const given = tokens[i - 1].norm;
      const slot = tokens[i - 2].norm;
      if (!isNameToken(given) || given.startsWith('ال') || given.startsWith('و')) continue;
      if (!/^\s+$/.test(paragraph.slice(tokens[i - 2].end, tokens[i - 1].start) + paragraph.slice(tokens[i - 1].end, tokens[i].start))) continue;
      // (Not a definite word in ة after one in ة: an adjective agreeing with its noun, «آشنا السياسة الإعلامية» —
      // round 15; «أشرف القدرة الناطق باسم…» is a role.)
      const next = tokens[i + 1]?.norm ?? '';
      const roleAfter = ROLE_HEADS.has(withoutArticle(next)) && !(norm.endsWith('ه') && next.startsWith('ال') && next.endsWith('ه'));
      // «وزير الخارجية خالد العطية»: the role's complement stands before the given name.
      const roleComplement = slot.startsWith('ال') && i >= 3 && ROLE_HEADS.has(withoutArticle(tokens[i - 3].norm));
      // («خالد بن أحمد الخليفة»: after «بن X» the word in ة is the family name too.)
      const afterLink = NAME_PREFIXES.has(slot) && slot !== 'عبد' && slot !== 'ابو';
      if (ROLE_HEADS.has(withoutArticle(slot)) || HONORIFICS.has(slot) || (slot.startsWith('ال') && slot.endsWith('ي')) || roleAfter || roleComplement || afterLink) {
        names.add(norm);
      }
    }
  }
  return names;
}

/**
 * Family names that only a role or a nisba before them marks (familyNamesIn's second pass): in ة or in «ين»/«ون»
 * («العطية»، «البوعينين»). After two name words only these are taken from the article's list, since its first pass
 * also holds any definite word written after a given name («نتنياهو الهجوم»).
 */
function markedOnly(norm: string): boolean {
  return norm.endsWith('ه') || (norm.length >= 7 && /(ين|ون)$/.test(norm));
}

/** «السلطات الإيرانية السبت»: a day or a time word ends a body's name. */
const TIME_WORDS: ReadonlySet<string> = new Set(
  'السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه اليوم امس امسيه صباح مساء ليل ليله فجر'.split(' '),
);

const unreadIf = (unread: boolean): Subject => (unread ? { kind: 'bare', unread: true } : { kind: 'bare' });

/** Prepositions that a verbal noun governs: «الدفاع عن»، «التطرق إلى». */
const OBJECT_PREPOSITIONS: ReadonlySet<string> = new Set(['عن', 'الي']);
/** «كشف النقاب عن»، «أماط اللثام عن»، «أزاح الستار عن»: the objects of idioms of disclosure. */
const IDIOM_OBJECTS: ReadonlySet<string> = new Set(['النقاب', 'اللثام', 'الستار', 'الغطاء', 'الضوء']);

/**
 * A name marked by what stands before it, read forward from a role or an honorific: «رئيس القوات سمير جعجع
 * زيارته…»، «الفنانة التشكيلية العراقية الدكتورة شنكول حسيب عملها»، «للمخرج سام منديز في حوار». The name starts
 * after a definite word, a role word or an honorific, within a few words of the head, and has two words at least;
 * it ends at the first word that cannot be in a name, or right after a family name with the article. What follows
 * it (an object, a prepositional phrase) does not matter, which is what parseSubject cannot assume.
 */
/** «إلى»، «في»، «لدى» (in search form): the prepositions after which a role names its place. */
const PLACE_PREPOSITION = /^(الي|في|لدي)$/;

/**
 * «… العربية في الجنوب الشيخ أحمد الغانم»: at `i`, «في/إلى/لدى», a definite place and an honorific — the role's place,
 * with the name coming after the honorific (round 22).
 */
export function placeThenHonorific(tokens: Token[], i: number): boolean {
  return PLACE_PREPOSITION.test(tokens[i]?.norm ?? '') && DEFINITE.test(tokens[i + 1]?.norm ?? '') && HONORIFICS.has(tokens[i + 2]?.norm ?? '');
}

/** «بعثة الأمم المتحدة في ليبيا»: a mission, which is named by where it is sent (the head in search form). */
export function isMissionHead(norm: string): boolean {
  return withoutArticle(norm) === 'بعثه';
}

export function nameAfterRole(tokens: Token[]): { name: string; role: string } | null {
  const head = tokens[0];
  if (!head) return null;
  // («لاعب»، «باحث» begin with ل/ب themselves: the preposition is stripped only when the word is no role as written.)
  const asWritten = withoutArticle(head.norm);
  const headBare = ROLE_HEADS.has(asWritten) ? asWritten : withoutArticle(head.norm.replace(/^(لل|بال|ل|ب)(?=..)/, (m) => (m.startsWith('لل') || m === 'بال' ? 'ال' : '')));
  // («الجمهوري جيمس ريش»: a party's adjective heading the words is a role, see PARTY_ADJECTIVES.)
  if (!ROLE_HEADS.has(headBare) && !HONORIFICS.has(head.norm) && !(PARTY_ADJECTIVES.has(headBare) && DEFINITE.test(head.norm))) return null;
  // (The name starts within the first eight words, or two further after a place that closes the role, below.)
  let reach = 9;
  for (let p = 1; p < Math.min(tokens.length, reach); p++) {
    const before = tokens[p - 1].norm;
    const afterPlace = p >= 3 && PLACES.has(before) && PLACE_PREPOSITION.test(tokens[p - 2].norm);
    // «والمبعوث الأممي إلى ليبيا برناردينو ليون»: a country or a capital after «إلى/في» is the role's complement, and
    // closes it (round 21).
    if (PLACE_PREPOSITION.test(tokens[p].norm) && PLACES.has(tokens[p + 1]?.norm ?? '')) {
      p++;
      continue;
    }
    // «الأمين العام لمجلس عشائر العراق العربية في الجنوب الشيخ أحمد الغانم»: a definite place after «في» with an
    // honorific right behind it closes the role the same way (round 22).
    if (placeThenHonorific(tokens, p)) {
      p++;
      reach = Math.max(reach, p + 4);
      continue;
    }
    if (SUBJECT_STOPS.has(tokens[p].norm) || SPEECH_VERBS.has(tokens[p].norm) || isParticiple(tokens[p].norm)) return null;
    // «الحاكم السابق لفلوريدا جيب بوش»: a place behind a glued preposition closes the role too.
    // («مصدر محلي لوكالة فرانس برس»: after a preposition glued to an outlet comes the outlet's name, not a person's.)
    const marked =
      DEFINITE.test(before) || ROLE_HEADS.has(withoutArticle(before)) || HONORIFICS.has(before) || (/^[بل]/.test(before) && before.length >= 5 && !isGluedOutlet(before) && !INSTITUTIONS.has(before) && !ROLE_HEADS.has(before)) ||
      (p >= 2 && GLUED_PLACE_HEADS.test(tokens[p - 2].norm)) ||
      afterPlace;
    if (!marked || tokens[p].norm.startsWith('ال') || HONORIFICS.has(tokens[p].norm) || !isNameToken(tokens[p].norm)) continue;
    // «المتحدث الرسمي بالهلال الأحمر بمنطقة حائل محمد الطيار»: after a glued place noun («بمنطقة»، «لمحافظة») comes
    // the place it names, then the person.
    if (GLUED_PLACE_HEADS.test(before) && isNameToken(tokens[p + 1]?.norm ?? '')) continue;
    // «المتحدث باسم الخارجية»: on behalf of, not the name Basem. «بمبنى كلية»، «لشؤون مكافحة»: a preposition glued
    // to a noun (a name after ب/ل has a long vowel next: باراك، بوتين، لوران).
    // (After a place that closes the role, «…إلى ليبيا برناردينو ليون», a word in ب is the name.)
    if (tokens[p].norm === 'باسم' || (isGluedNoun(tokens[p].norm) && !afterPlace)) continue;
    // «بالاتحاد السعودي لكرة القدم عدنان المعيبد»: a short noun in ة behind ل/ب, governing a definite word, is the
    // body's complement («for football»), not a given name.
    if (/^[بل][^اوي].+ه$/.test(tokens[p].norm) && DEFINITE.test(tokens[p + 1]?.norm ?? '')) continue;
    // «المشرف العام علي كرة القدم»: «على» typed with ي before a construct («كرة القدم») is the preposition, not «علي».
    if (aliAsPreposition(tokens, p)) continue;
    // «للتعليم بجدة عبدالله…»: a place behind «ب» before a sure given name.
    if (/^ب[^اوي].+ه$/.test(tokens[p].norm) && (SURE_GIVEN.test(tokens[p + 1]?.norm ?? '') || tokens[p + 1]?.norm === ALI_NAME)) continue;
    // «مدير عام فرع…»، «مخرج أشهر أفلام الحركة»، «سيدة شهدت الحادث»: an indefinite head is followed by its
    // complement, not a name (the abbreviations «د.»، «م.» are the exception).
    if (p === 1 && !DEFINITE.test(head.norm) && !(HONORIFICS.has(head.norm) && head.norm.length <= 2)) continue;
    // «متحدث باسم الصندوق ومقره واشنطن»: a word with و joins a clause, it does not open a name.
    // («وزير الخارجية الصيني وانغ يي»: right after a nisba or a role word, a word in و is a given name — وانغ، وليد،
    // وائل — when a name word without و follows it.)
    const wName = (ROLE_HEADS.has(withoutArticle(before)) || (before.startsWith('ال') && before.endsWith('ي'))) && isNameToken(tokens[p + 1]?.norm ?? '') && !tokens[p + 1].norm.startsWith('و') && !tokens[p + 1].norm.startsWith('ال');
    if (tokens[p].norm.startsWith('و') && !wName) continue;
    let end = p + 1;
    const words = () => tokens.slice(p, end).filter((t) => !NAME_PREFIXES.has(t.norm) && !isAal(t)).length;
    // («بان كي مون نداء ملحا»: his name has three words, whatever follows.)
    const fixedLength = tokens[p].norm === BAN_NAME && tokens[p + 2]?.norm === 'مون' ? p + 3 : -1;
    if (fixedLength > 0) end = fixedLength;
    while (fixedLength < 0 && end < tokens.length && words() < MAX_NAME_TOKENS) {
      const norm = tokens[end].norm;
      if (afterNamePrefix(tokens, end) || isAal(tokens[end])) {
        end++;
        continue;
      }
      // «العميد يد الله جواني»، «الشيخ نصر الله خان»: «الله»، «الدين» after a name word close a compound given name,
      // and the name goes on.
      if (COMPOUND_ENDS.has(norm) && end === p + 1 && isNameToken(tokens[end + 1]?.norm ?? '')) {
        end++;
        continue;
      }
      if (norm.startsWith('ال')) {
        // («عبد الرزاق الحداد»: after a compound given name too.)
        // («كشف مدير الشركة محمد النقاب عن»: an idiom's object before its preposition is no family name; any other
        // definite word is — «تحدث لاعب الهلال محمد الشلهوب عن معسكر الفريق».)
        if (isFamilyName(norm) && (isGivenName(tokens[end - 1].norm) || afterNamePrefix(tokens, end - 1)) && !(OBJECT_PREPOSITIONS.has(tokens[end + 1]?.norm ?? '') && IDIOM_OBJECTS.has(norm))) end++;
        // «راضي العجب بن طواله»: a lineage after the family name goes on with the name.
        if (end < tokens.length - 1 && /^(بن|ابن|بنت)$/.test(tokens[end].norm) && isNameToken(tokens[end + 1].norm) && tokens[end - 1].norm === norm) continue;
        break;
      }
      if (!isNameToken(norm) || ROLE_HEADS.has(norm)) break;
      // «رجب طيب إردوغان بعرقلة…»: after two name words, a word with a glued preposition or ending in ة is the
      // verb's complement.
      // («محمود عباس وقدم»: after two name words, a word with و opens the next clause.)
      // (After «بن X» a word in ة is the family name: «طلال بن محمد ملائكة».)
      const linked = tokens.slice(p, end).some((t) => NAME_PREFIXES.has(t.norm) && t.norm !== 'عبد' && t.norm !== 'ابو');
      if (end - p >= 2 && ((/^[بلك]/.test(norm) && norm.length >= 5) || /^[بك][^اوي].{2}$/.test(norm) || (norm.endsWith('ه') && !linked) || norm.startsWith('و'))) break;
      end++;
    }
    // «محمد بن نايف بن»: a name does not end on «بن» or «آل».
    while (end > p && (NAME_PREFIXES.has(tokens[end - 1].norm) || isAal(tokens[end - 1]))) end--;
    if (end - p < 2) return null;
    const role = tokens.slice(0, p).filter((t) => !HONORIFICS.has(t.norm));
    return { name: join(tokens.slice(p, end)), role: role.length ? join(role) : '' };
  }
  return null;
}

/**
 * Sites often type the preposition «على» as «علي» (see ALI_NAME). Before an indefinite noun in ة governing a
 * definite one («علي كرة القدم»، «علي رأس الوفد» is not caught: only ة) it is the preposition: a given name is not
 * followed by a construct.
 */
function aliAsPreposition(tokens: Token[], j: number): boolean {
  const next = tokens[j + 1]?.norm ?? '';
  return tokens[j].norm === ALI_NAME && next.endsWith('ه') && !next.startsWith('ال') && next !== 'الله' && /^ال/.test(tokens[j + 2]?.norm ?? '');
}

/** A name token without the article, or a compound like «عبد الرحمن» whose second part carries it. */
function isGivenName(norm: string): boolean {
  return (isNameToken(norm) && !norm.startsWith('ال')) || norm === 'عبد' || norm === 'ابو' || norm === 'بن' || DEFINITE_GIVEN.has(norm);
}

/**
 * Given names written with the article, common in the Maghreb and the Gulf: «الهادي المجدوب»، «الحبيب الصيد»،
 * «الطيب البكوش»، «المنصف المرزوقي». Before a family name they start the name rather than end a role.
 */
export const DEFINITE_GIVEN: ReadonlySet<string> = new Set(
  'الهادي الحبيب الطيب المنصف المهدي الصادق المختار الناصر الهاشمي الطاهر البشير المنجي الشاذلي الصحبي الازهر الجيلاني العياشي المولدي الباجي الحبيب المكي العربي'
    .split(' ')
    .map((w) => normalizeArabic(w)),
);

/**
 * Given names that begin like a preposition glued to a noun (ب/ل and a consonant, five letters or more): «بنيامين
 * نتنياهو» is no «ب» + «نيامين». The glued-preposition tests below would cut them off the name they open.
 */
const GLUED_LOOKING_GIVEN: ReadonlySet<string> = new Set(
  'بنيامين بنجامين برنارد برهان بلقاسم بلقيس بثينة لمياء برونو بريندا'.split(' ').map((w) => normalizeArabic(w)),
);

/** ب/ل glued to a noun that names a place by its kind: the word after it is the place's name. */
const GLUED_PLACE_HEADS = /^[بل](منطقه|محافظه|مدينه|ولايه|اماره|بلده|قريه|مقاطعه|اقليم)$/;

/** «بمنطقة»، «لشؤون»: ب/ل glued to a noun of four letters or more — a place or a complement, not a name word. */
export function isGluedNoun(norm: string): boolean {
  // («بلشيخ»: the form tokensOf gives a Maghrebi «بالشيخ» family name, round 19; read apart after a comma too.)
  return /^[بل][^اوي]/.test(norm) && norm.length >= 5 && !GLUED_LOOKING_GIVEN.has(norm) && !(norm.startsWith('بل') && BAL_NAMES.has(norm.slice(2)));
}

/** «أحد المقاتلين»، «وبعض المسؤولين»: a part of a group, not a person. */
function isQuantifier(norm: string): boolean {
  return QUANTIFIER_HEADS.has(norm) || (/^[وف]../.test(norm) && QUANTIFIER_HEADS.has(norm.slice(1)));
}

const isParticle = (t: Token): boolean => t.norm === 'قد' || t.norm === 'لقد';

function segmentTokens(segment: string): Token[] {
  return tokensOf(segment).filter((t) => !HONORIFICS.has(t.norm) && !isParticle(t));
}

/** Tokens of the subject noun phrase: up to the complementizer, a preposition or another verb. */
function leadingPhrase(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    if (SUBJECT_STOPS.has(t.norm) || SPEECH_VERBS.has(t.norm) || isParticiple(t.norm)) break;
    // «وكان نائب خادم الحرمين الشريفين قد رفع…»: «قد» comes before the verb, after the subject.
    if (out.length > 0 && isParticle(t)) break;
    // «رئيسة بلدية كاليه ناتاشا بوشار الأحد»: a day after the subject is the verb's adverb.
    if (out.length >= 2 && TIME_WORDS.has(t.norm)) break;
    out.push(t);
  }
  return out;
}

const DEMONSTRATIVES: ReadonlySet<string> = new Set(['هذا', 'هذه', 'هذين', 'هاتين', 'هؤلاء', 'ذلك', 'تلك'].map((w) => normalizeArabic(w)));

const join = (tokens: Token[]): string => tokens.map((t) => t.text).join(' ');

/**
 * A name standing alone (an apposition): name words, with «بن/أبو/آل» links, and a family word with the article
 * after a given name — «اللواء إسماعيل عز الدين»، «عادل الملطاني».
 */
function isNamePhrase(tokens: Token[]): boolean {
  if (tokens.length === 0 || tokens.length > MAX_NAME_TOKENS + 1) return false;
  // «، وخاصة بمنطقة الساحل»: a preposition glued to a noun is a place, not a name word.
  if (tokens.some((t) => isGluedNoun(t.norm))) return false;
  return tokens.every(
    (t, j) =>
      (isNameToken(t.norm) && (j === 0 || !t.norm.startsWith('ال'))) ||
      (j > 0 && isFamilyName(t.norm) && isGivenName(tokens[j - 1].norm)) ||
      afterNamePrefix(tokens, j) ||
      beforeNameLink(tokens, j) ||
      (isAal(t) && j > 0 && j + 1 < tokens.length),
  );
}

/**
 * «قال بين تومبسون، محلل…»: «بين» is a given name, not the preposition, when a name word with no article follows
 * and the phrase ends there (a comma, a role or the complementizer next) — «بين الحين والآخر» has the article.
 */
function beinName(phrase: Token[]): boolean {
  if (phrase[0]?.norm !== 'بين' || phrase.length < 2 || phrase.length > 3) return false;
  return phrase.slice(1).every((t) => isNameToken(t.norm) && !t.norm.startsWith('ال') && !t.norm.startsWith('و'));
}

/**
 * Parse what follows a reporting verb, up to the quotation or the end of the sentence. Handles
 * «الروداني الشرقاوي، الخبير في …، إن» (apposition), «السيد كريستوفر لاندبيرغ نائب …» (name then role),
 * «وزير الشؤون الخارجية …، ناصر بوريطة» and «وزير الخارجية المغربي ناصر بوريطة» (role then name).
 */
export function parseSubject(rawAfterVerb: string, familyNames: ReadonlySet<string> = new Set(), confirmedFamilyNames: ReadonlySet<string> = NO_WORDS): Subject {
  // «كانت د.هتون الفاسي»، «وقال م. خالد»: a title's dot is no sentence end (a blank of the same length in its place).
  const afterVerb = withoutTitleDots(rawAfterVerb);
  const subject = parseSubjectCore(afterVerb, familyNames, confirmedFamilyNames);
  if (subject.kind === 'named') return speakerAfterPrincipal(afterVerb, subject, familyNames) ?? withPrincipal(withoutOutlet(subject));
  if (subject.kind !== 'unnamed' && subject.kind !== 'anaphor') return subject;
  return namedAfterHuwa(afterVerb, familyNames) ?? subject;
}

/**
 * «ويقول أحد المواطنين لـ«رويترز» وهو التاجر حسين يوسف بأن…»: a description, then «وهو/وهي» and the person's role
 * and name. The name after «وهو» is the speaker; it counts only with two name words at least, so «وهو يبتسم» or
 * «وهي القوات…» name no one.
 */
function namedAfterHuwa(afterVerb: string, familyNames: ReadonlySet<string>): Subject | null {
  // («ويرى خبراء، منهم الدكتور سامي النجار، أن»: one of the group is named.)
  const clause = afterVerb.split(/[.!?؟:;؛]/)[0];
  const tokens = tokensOf(clause);
  const at = tokens.findIndex((t) => /^(وهو|وهي|منهم|ومنهم|بينهم|ومن بينهم)$/.test(t.norm));
  if (at < 1 || at > 8 || tokens.slice(0, at).some((t) => COMPLEMENTIZERS.has(t.norm) || SPEECH_VERBS.has(t.norm))) return null;
  const after = parseSubjectCore(clause.slice(tokens[at].end), familyNames);
  return after.kind === 'named' && tokensOf(after.name).length >= 2 ? after : null;
}

const NO_WORDS: ReadonlySet<string> = new Set();

/**
 * «وقال المتحدث باسم الرئيس الروسي فلاديمير بوتين، ديمتري بيسكوف، إن…»، «مستشار الرئيس الأمريكي باراك أوباما لشؤون
 * الأمن القومي سوزان رايس»: a spokesman's or an adviser's role names the principal they speak for, and the name read
 * after it is the principal's; the speaker is the second name that follows it, after a comma or the role's
 * complement (round 18: wire copy gave Putin's and Obama's names to their spokesmen's words). Null when no second
 * name follows: «المتحدث باسم الرئيس الفلسطيني نبيل أبو ردينة» names the spokesman himself.
 */
function speakerAfterPrincipal(afterVerb: string, subject: Extract<Subject, { kind: 'named' }>, familyNames: ReadonlySet<string>): Subject | null {
  if (!subject.role) return null;
  const role = tokensOf(subject.role);
  if (!speaksForPrincipal(role)) return null;
  const clause = afterVerb.split(/[.!?؟:;؛]/)[0];
  const tokens = tokensOf(clause);
  const last = tokensOf(subject.name).at(-1);
  const end = last ? tokens.findIndex((t, j) => t.norm === last.norm && j >= role.length) : -1;
  if (end < 0) return null;
  // What follows the principal's name: a comma and the speaker, or the role's complement («لشؤون الأمن القومي»)
  // and then the speaker. A complementizer or a preposition before any name ends the search.
  let from = end + 1;
  const separated = /^\s*[،,]/.test(clause.slice(tokens[end].end));
  if (!separated) {
    while (from < tokens.length && from - end <= 5 && (/^(لل|بال|ل|ب)/.test(tokens[from].norm) ? true : DEFINITE.test(tokens[from].norm))) from++;
    if (from === end + 1) return null;
  }
  if (from >= tokens.length || COMPLEMENTIZERS.has(tokens[from].norm) || STOPWORDS.has(tokens[from].norm)) return null;
  const speaker = parseSubjectCore(clause.slice(tokens[from].start), familyNames);
  if (speaker.kind !== 'named' || speaker.role || tokensOf(speaker.name).length < 2) return null;
  return { kind: 'named', name: speaker.name, role: clause.slice(0, tokens[from].start).replace(/[\s،,]+$/u, '').trim(), principal: subject.name };
}
/**
 * «وقال رامي عبد الرحمن مدير المرصد السوري لحقوق الإنسان لرويترز»: the outlet spoken to, after a role set after the
 * name, is no part of the role (round 19).
 */
function withoutOutlet(subject: Extract<Subject, { kind: 'named' }>): Extract<Subject, { kind: 'named' }> {
  if (!subject.role) return subject;
  const role = tokensOf(subject.role);
  const at = role.findIndex((t, j) => j >= 2 && isGluedNamedOutlet(t.norm));
  if (at < 0) return subject;
  return { ...subject, role: subject.role.slice(0, role[at].start).trim() || null };
}

/**
 * «مستشار الرئيس الأمريكي باراك أوباما لشؤون الأمن القومي سوزان رايس»: when the parse already kept the principal in
 * the role, it is marked as such, so that no later reading takes the principal's name for the speaker's.
 */
function withPrincipal(subject: Extract<Subject, { kind: 'named' }>): Subject {
  if (!subject.role || !speaksForPrincipal(tokensOf(subject.role))) return subject;
  const inRole = nameAfterRole(tokensOf(subject.role));
  return inRole ? { ...subject, principal: inRole.name } : subject;
}

export function speaksForPrincipal(role: Token[]): boolean {
  if (role.length < 2 || !SPOKESMAN_HEADS.has(withoutArticle(role[0].norm))) return false;
  // The role holds the principal's office: «… باسم الرئيس الروسي»، «مستشار الرئيس الأمريكي»، «… الأمين العام للأمم المتحدة».
  return role.slice(1).some((t) => PRINCIPAL_HEADS.has(withoutArticle(t.norm.replace(/^(ل|لل)(?=...)/, (m) => (m === 'لل' ? 'ال' : '')))));
}

/** «الرئيس الروسي»، «الأمين العام للأمم المتحدة»: a role that is itself a principal's office. */
export function isPrincipalRole(role: string): boolean {
  const head = tokensOf(role)[0];
  return head !== undefined && PRINCIPAL_HEADS.has(withoutArticle(head.norm));
}

/** «لوزارة» → «وزارة»، «للجيش» → «الجيش»: a body's head with its glued «ل» taken off, or null when it is none. */
function ungluedBody(token: Token): Token | null {
  const definite = token.norm.startsWith('لل');
  const norm = definite ? `ال${token.norm.slice(2)}` : token.norm.slice(1);
  const text = definite ? `ال${token.text.slice(2)}` : token.text.replace(/^لـ?/, '');
  return isOrganisationHead(norm) ? { ...token, norm, text } : null;
}

/** Roles that speak for someone else («المتحدث باسم الرئيس…»، «مستشار الرئيس…»); not «نائب»، «مساعد» (the deputy is the name). */
const SPOKESMAN_HEADS: ReadonlySet<string> = new Set('متحدث متحدثة ناطق ناطقة مستشار مستشارة مبعوث مبعوثة سكرتير مندوب'.split(' ').map((w) => normalizeArabic(w)));
/** The offices of principals a spokesman speaks for. */
const PRINCIPAL_HEADS: ReadonlySet<string> = new Set('رئيس أمين وزير ملك أمير ولي مرشد زعيم بابا'.split(' ').map((w) => normalizeArabic(w)));

/** A spelled-out Latin letter with its dot before a name: «كيه.»، «جيه.»، «دبليو.». */
const LATIN_INITIAL = /(^|\s)(إيه|ايه|بي|سي|دي|إف|اف|جي|جيه|كيه|إل|إم|إن|أو|كيو|آر|إس|تي|يو|دبليو|إكس|واي|زد|جاي|كاي|إتش|اتش|آي)\.(?=\s+\p{L})/gu;

/** Plain words for a person (no role): «المرأة السبعينية»، «الشاب الجامعي» describe someone already named. */
const PERSON_NOUNS: ReadonlySet<string> = new Set(
  'مرأة امرأة سيدة رجل شاب شابة فتاة فتى طفل طفلة أم أب عجوز مسن مسنة أرملة مواطن مواطنة سبعيني'.split(' ').map((w) => normalizeArabic(w)),
);

/** The Levantine month names, which a parenthesis glosses: «حزيران (يونيو) الماضي». */
const LEVANTINE_MONTHS: ReadonlySet<string> = new Set(
  'كانون شباط آذار اذار نيسان أيار ايار حزيران تموز آب اب أيلول ايلول تشرين'.split(' ').map((w) => normalizeArabic(w)),
);

/**
 * A parenthesis read as a comma after a word that can end a name («يوسف الحلبي (28 عاما) المقيم»، «أبي مالك الشامي
 * (المعروف أيضا بأبي مالك التلي) في مقابلة»), as a space elsewhere (see parseSubjectCore).
 */
function readPastParentheses(text: string): string {
  // (One pass over the parentheses, not a regular expression over every word: the text runs to the next quotation.)
  let out = '';
  let from = 0;
  for (let open = text.indexOf('('); open >= 0; open = text.indexOf('(', from)) {
    const close = text.indexOf(')', open + 1);
    if (close < 0) break;
    const inner = text.indexOf('(', open + 1);
    if (inner >= 0 && inner < close) {
      // A nested parenthesis: keep the outer one's opening as it is and read on from the inner one.
      out += text.slice(from, inner);
      from = inner;
      continue;
    }
    const before = /(?:([\p{L}\p{M}]+)\s+)?([\p{L}\p{M}]+)\s*$/u.exec(text.slice(Math.max(from, open - 60), open));
    const norm = before ? normalizedWord(before[2]) : '';
    const prev = before?.[1] ? normalizedWord(before[1]) : '';
    // (A family name with the article after a given name ends a name too: «محمود السالم (45 عاما)».)
    const endsName = before !== null && (isNameToken(norm) || (norm.startsWith('ال') && prev !== '' && !prev.startsWith('ال') && isNameToken(prev))) && !LEVANTINE_MONTHS.has(norm);
    out += `${text.slice(from, open)}${endsName ? '، ' : ' '}`;
    from = close + 1;
  }
  return out + text.slice(from);
}

/**
 * `confirmedFamilyNames`: family names the article itself confirms (written after a given name and used alone as a
 * speaker, extract.ts repeatedFamilyNames), which a following «إلى/عن» does not turn into a verbal noun.
 */
function parseSubjectCore(afterVerb: string, familyNames: ReadonlySet<string>, confirmedFamilyNames: ReadonlySet<string> = NO_WORDS): Subject {
  // A parenthesis after a name holds an age, an affiliation or a transliteration — «سكارليت فينسينت (23 سنة)» —
  // never the end of the subject, so it is read past; but it does end the name, as a comma does: «وقال يوسف
  // الحلبي (28 عاما) المقيم في…»، «أبدى المدرب خورخي دا سيلفا (أوروجوياني) تفاؤلا» (round 13).
  // «قال كيه. شانموجام وزير خارجية سنغافورة»: a Latin initial spelled out and abbreviated is part of the name, and
  // its dot ends no sentence.
  // (Only after a word that can end a name: «رئيس الجمعية الوطنية (الغرفة السفلى)، محمد ولد إبيليل»، «لموقع (فوت
  // نت) البرازيلي» read past it as before.)
  // «وقال (مارك كيبلينغ) مدير عمليات الشركة»: a name set in parentheses right after the verb is the subject's name
  // (round 21), not an aside.
  const bracketed = /^\s*\(([^()]{3,40})\)/.exec(afterVerb);
  const inBrackets = bracketed ? tokensOf(bracketed[1]) : [];
  const subjectText = bracketed && inBrackets.length >= 2 && isNamePhrase(inBrackets) ? ` ${bracketed[1]}${afterVerb.slice(bracketed[0].length)}` : afterVerb;
  const clause = (subjectText.includes('(') ? readPastParentheses(subjectText) : subjectText).replace(LATIN_INITIAL, '$1$2 ').split(/[.!?؟:;؛]/)[0];
  // «وقال حسين آل فويّز – أحد الحرفيين – أنه»: a spaced dash sets off an apposition as a comma does.
  const segments = clause.split(/[،,]|\s[–—-]\s/).map((s) => s.trim());
  // «وأشاد، في هذا الاتجاه، بالشراكة…»: skip adverbial segments right after the verb.
  let i = 0;
  while (i < segments.length - 1 && (segments[i] === '' || startsAdverbial(segments[i]))) i++;
  // Honorifics stay in `withHonorifics` because they mark where a name starts: «رئيس حزب القوات اللبنانية
  // الدكتور سمير جعجع»، «القائد العسكري بعدن العميد عبدالله صبيحي».
  const segmentAll = tokensOf(segments[i] ?? '').filter((t, j) => j > 0 || !isParticle(t));
  const withHonorifics = leadingPhrase(segmentAll);
  // The word after the phrase: «واصل أوباما الدفاع عن…» — a definite word followed by عن/إلى is a verbal noun
  // governing its complement (the verb's object), not a family name.
  const afterPhrase = segmentAll[withHonorifics.length]?.norm;
  const phrase = withHonorifics.filter((t) => !HONORIFICS.has(t.norm));
  const rest = segments.slice(i + 1);
  if (phrase.length === 0) return { kind: 'bare' };

  const first = withoutArticle(phrase[0].norm);
  // «يقول رحمه الله»: the blessing stands for the person the text is about, as «سموه» does.
  // (Written with ه, not ة: «رحمة الله يوسف زائي» is a name.)
  const blessing = /^رحم(ه|ها)[\u064B-\u0652]*$/.test(phrase[0].text) && phrase[1]?.norm === 'الله';
  if (HONORIFIC_PRONOUNS.has(phrase[0].norm.replace(/^[وف](?=..)/, '')) || blessing) {
    return { kind: 'anaphor', head: '', description: phrase[0].text };
  }
  if (isOrganisationHead(phrase[0].norm, phrase[1]?.norm)) {
    let run = organisationRun(phrase, 0);
    // The phrase ends at «في»; a region after it is still the body's name (organisationRun: «مجلس القضاء في إقليم
    // كردستان»).
    if (run.length === phrase.length && phrase.length === withHonorifics.length && segmentAll[phrase.length]?.norm === 'في') {
      const longer = organisationRun(segmentAll, 0);
      if (longer.length === run.length + 3) run = longer;
    }
    // «وكشفت مجموعة من الناشطين»: a bare indefinite word names no body; it describes an unnamed source.
    if (run.length === 1 && !/^(ال|وال)/.test(run[0].norm) && !NAMED_BODIES.has(run[0].norm)) return { kind: 'unnamed', role: run[0].text };
    return { kind: 'organisation', name: join(run) };
  }
  if (DOCUMENT_HEADS.has(first)) {
    // «بيان صادر عن ولاية غازي عنتاب»، «بيان الداخلية التونسية»: the issuer follows; «وأضاف البيان» leaves it to
    // the article (the caller resolves an empty name to the body last named).
    const issuer = tokensOf(segments[i] ?? '').filter((t) => !isParticle(t)).slice(1);
    let k = 0;
    while (k < issuer.length && ISSUER_LINKS.has(issuer[k].norm)) k++;
    // «بلاغ لوزارة الداخلية»، «بيان للجيش»: the issuer behind a glued «ل» (round 19) reads as if written apart.
    const glued = issuer[k] && /^ل/.test(issuer[k].norm) ? ungluedBody(issuer[k]) : null;
    if (glued) issuer[k] = glued;
    // «رسالة الوزير العمير»: a person's letter or statement; the person is the source.
    if (issuer[k] && ROLE_HEADS.has(withoutArticle(issuer[k].norm))) {
      const person = parseSubject(join(issuer.slice(k)), familyNames);
      return person.kind === 'organisation' ? { kind: 'bare' } : person;
    }
    // «وجاء نص البيان»: a second document word is still the document, not its issuer.
    const issuerIsDocument = issuer[k] !== undefined && DOCUMENT_HEADS.has(withoutArticle(issuer[k].norm));
    // («وأشار التقرير إلى رفض…»: «إلى» folds to «الي», a preposition, not a definite issuer.)
    const preposition = issuer[k] !== undefined && (SUBJECT_STOPS.has(issuer[k].norm) || STOPWORDS.has(issuer[k].norm) || issuer[k].norm.length <= 3);
    const run =
      !issuerIsDocument && !preposition && ((issuer[k] && issuer[k].norm.startsWith('ال')) || isOrganisationHead(issuer[k]?.norm ?? ''))
        ? organisationRun(issuer, k)
        : [];
    return { kind: 'organisation', name: join(run) };
  }
  // «شاهد عيان يدعى أحمد اكاي»، «احد سكان سوروتش ويدعى محمد جيليك»: the name follows «يدعى» / «اسمه», even
  // after a part of a group.
  // («وقال ساكن آخر في موسكو يدعى سيرجي "…"»، «وقال مقيم في مقديشو يدعى مقطر ظاهر»: also past a place the
  // description ends on, within its segment and before any verb or «أن», round 18.)
  const callers = phrase.some((t) => CALLED.test(t.norm)) ? phrase : segmentAll.slice(0, CALLED_REACH);
  const called = callers.findIndex((t) => CALLED.test(t.norm));
  const plainBefore = callers.slice(0, Math.max(0, called)).every((t) => !COMPLEMENTIZERS.has(t.norm) && !SPEECH_VERBS.has(t.norm) && !isParticiple(t.norm));
  if (called > 0 && plainBefore) {
    let end = called + 1;
    while (end < callers.length && end - called <= MAX_NAME_TOKENS && isNameToken(callers[end].norm)) end++;
    if (end > called + 1) return { kind: 'named', name: join(callers.slice(called + 1, end)), role: join(callers.slice(0, called)) };
  }
  // A group heads the phrase («الخبراء»، «بعض المسؤولين»): not «إردوغان لرئيس الوزراء» (الوزراء inside a role).
  const collective = phrase.findIndex((t) => COLLECTIVES.has(withoutArticle(t.norm)));
  if (collective === 0 || (collective === 1 && !ROLE_HEADS.has(first))) return { kind: 'unnamed', role: join(untilAddressee(phrase)) };
  if (INSTITUTIONS.has(first)) return { kind: 'unnamed', role: join(untilAddressee(phrase)) };
  if (isQuantifier(phrase[0].norm)) return { kind: 'unnamed', role: join(phrase) };

  const afterHonorific = nameAfterHonorific(withHonorifics);
  if (afterHonorific) return afterHonorific;

  // «وكرر الجمهوري جيمس ريش…»: a party's adjective opening the subject is the politician's role (round 21); it is no
  // role word elsewhere — «حزب الشعب الديموقراطي» is a party's name.
  const partyRole = PARTY_ADJECTIVES.has(first) && /^(ال|وال)/.test(phrase[0].norm);
  if (ROLE_HEADS.has(first) || partyRole) {
    const named = roleThenName(phrase, 1, familyNames);
    if (named) return named;
    // Role, then the name as an apposition: «وزير الشؤون الخارجية …، ناصر بوريطة».
    // «مؤسس "أديان"، فادي ضو لفرانس برس»: the apposition's name ends before a preposition glued to an outlet.
    // «الباحث الفلكي، بقسم علوم الفلك والفضاء بجامعة الملك عبدالعزيز، ملهم بن محمد هندي»: segments that open with
    // a preposition («بقسم…»، «في جامعة…») complete the role; the name is the apposition after them.
    let apposed = 0;
    while (apposed < rest.length - 1 && apposed < 2 && roleComplementSegment(rest[apposed])) apposed++;
    const appositive = leadingPhrase(segmentTokens(rest[apposed] ?? ''));
    const outletAt = appositive.findIndex((t, j) => j >= 2 && isGluedOutlet(t.norm));
    const next = outletAt >= 0 ? appositive.slice(0, outletAt) : appositive;
    // (Past a role's complement the name must fill its segment: «في مقابلة مع القناة العاشرة، عملية حرق عائلة
    // دوابشة في نابلس بأنها…» is the verb's object.)
    const fills = apposed === 0 || next.length === segmentTokens(rest[apposed] ?? '').length;
    if (fills && isNamePhrase(next)) return { kind: 'named', name: join(next), role: join(phrase) };
    // «رئيس «الائتلاف الوطني السوري» المعارض خالد خوجة»: the body's name in marks ends a phrase (maskSpans), and its
    // adjective opens the apposition before the name (round 20).
    // (Not a role of its own, «…، المستشار النفسي حاتم الغامدي»: participles look like adjectives.)
    const adjective = next.length >= 3 && /^ال/.test(next[0].norm) && isAdjective(next[0].norm) && !ROLE_HEADS.has(withoutArticle(next[0].norm));
    if (fills && adjective && !next[1].norm.startsWith('ال') && isNamePhrase(next.slice(1))) {
      return { kind: 'named', name: join(next.slice(1)), role: `${join(phrase)} ${next[0].text}` };
    }
    // «عضو لجنة الأمن الداخلي في برلمان الإقليم، النائبة أواز حميد أفندي، …»: the apposition is itself a role and a
    // name (round 20); honorifics there were read already («…، اللواء منصور التركي»).
    if (fills && next.length >= 2 && ROLE_HEADS.has(withoutArticle(next[0].norm))) {
      const apposedName = nameAfterRole(next);
      // (The role one word, or two with an adjective: «…، المحلل الفني فيصل الخالدي».)
      const roleWords = apposedName ? tokensOf(apposedName.role) : [];
      const shortRole = roleWords.length === 1 || (roleWords.length === 2 && /^ال/.test(roleWords[1].norm) && isAdjective(roleWords[1].norm));
      if (apposedName && roleWords[0]?.text === next[0].text && shortRole && isNamePhrase(tokensOf(apposedName.name))) return { kind: 'named', name: apposedName.name, role: join(phrase) };
    }
    // «المدير العام للعلاقات الخارجية في وزارة الشؤون الإسلامية … الشيخ عبدالمجيد العُمري، إن»: the name stands
    // after the role's prepositional phrase; an honorific, or a name closing the segment, marks it.
    const deeper = nameInRoleSegment(segments[i] ?? '');
    // (The role is what precedes the name, not the whole phrase: «رئيس الوزراء البريطاني ريشي سوناك لبي بي سي».)
    if (deeper) return { ...deeper, role: roleBeforeName(phrase, deeper.name) };
    // «واستعرض وزير الخارجية الجبير بشكل مفصل…» in an article that names «عادل الجبير» and has «الجبير» speak alone:
    // after the role's definite words, a family name the article confirms is the person's name, not the role's
    // complement (round 21; not an adjective, «وزير الخارجية الأمريكي»).
    for (let k = 1; k < Math.min(phrase.length, 4) && /^ال/.test(phrase[k].norm); k++) {
      if (confirmedFamilyNames.has(phrase[k].norm) && !isAdjective(phrase[k].norm) && !ROLE_HEADS.has(withoutArticle(phrase[k].norm))) {
        return { kind: 'named', name: phrase[k].text, role: join(phrase.slice(0, k)) };
      }
    }
    // («وقال رئيس الوزراء للصحفيين»، «مصدر أمني لموزاييك»: who was spoken to is no part of the description.)
    const described = untilAddressee(phrase);
    if (phrase[0].norm.startsWith('ال') && ANAPHORIC_HEADS.has(first)) {
      // «أعلن المتحدث باسم الهيئة الاسترالية لسلامة النقل لوكالة…»: a spokesman «باسم» a body is that body's, and
      // points back only to a person given that role, not to whoever spoke last (round 18: the Malaysian prime
      // minister was given the Australian agency's words).
      const onBehalf = described.some((t) => t.norm === 'باسم');
      return { kind: 'anaphor', head: first, description: join(described), ...(onBehalf ? { byRoleOnly: true } : {}) };
    }
    // «وأضاف الكاتب»، «وقال مخرج الفيلم»: a definite description (or one made definite by what follows it) can
    // point back to the person the article gave that role; an indefinite one («مسؤول عراقي») is a new source.
    // «وقال مخرج أشهر أفلام الحركة»: a construct of three words and more is definite too; an indefinite head with
    // a nisba («مسؤول أمريكي كبير») is a new, unnamed source.
    const construct = phrase.length >= 3 && !phrase[1].norm.endsWith('ي') && !phrase[1].norm.endsWith('يه');
    if (phrase[0].norm.startsWith('ال') || /^(ال|وال)/.test(phrase[1]?.norm ?? '') || construct) {
      return { kind: 'anaphor', head: first, description: join(described), byRoleOnly: true };
    }
    return { kind: 'unnamed', role: join(described) };
  }
  // A definite head noun we do not list as a role («المثمن العقاري عبدالله الأحمري»): still a role when a name of
  // two or more words closes the phrase; otherwise read on as below («وأكد المغرب على…» has no subject name).
  if (/^(ال|وال)/.test(phrase[0].norm) && !isNameToken(phrase[0].norm) && !familyNames.has(phrase[0].norm) && !DEFINITE_GIVEN.has(phrase[0].norm)) {
    const named = roleThenName(phrase, 2, familyNames);
    if (named) return named;
    // «وأضاف المختص المالي أيضا»: a definite noun we do not list, with a nisba after it, describes someone — the
    // person whose role shares that description, if any (resolved by the caller), never a name or no subject.
    const described = phrase.slice(0, 2);
    if (described.length === 2 && PERSON_NOUNS.has(first) && /^(ال|وال)/.test(described[1].norm) && phrase.slice(2).every((t) => ADVERBS.has(t.norm.replace(TANWEEN, '')))) {
      return { kind: 'anaphor', head: first, description: join(described), byRoleOnly: true, personNoun: true };
    }
    const restAdverbs = phrase.slice(2).every((t) => ADVERBS.has(t.norm.replace(TANWEEN, '')));
    // (Not a head in ة or a plural: «البطريركية اللاتينية»، «السلطات المحلية» are bodies.)
    const personLike = !/(ه|ات|ين|ون)$/.test(phrase[0].norm);
    if (described.length === 2 && restAdverbs && personLike && isNisba(described[1].norm) && !TIME_WORDS.has(phrase[0].norm) && !isVerbalNoun(withoutArticle(phrase[0].norm)) && !STOPWORDS.has(phrase[0].norm) && !SUBJECT_STOPS.has(phrase[0].norm)) {
      return { kind: 'anaphor', head: first, description: join(described), byRoleOnly: true };
    }
  }

  // «قال لي: "…"»: «to me», alone after the verb, is who was spoken to; the Chinese and Korean «لي» comes with more
  // of a name («لي كه تشيانغ»), round 17.
  // («يقول لي بنبرة حزينة»: and so is «لي» before how it was said, round 18.)
  if (phrase[0].norm === 'لي' && (phrase.length === 1 || NEVER_NAMES.has(phrase[1].norm)) && segments.length === 1) return { kind: 'bare' };
  // «وقالت حماس في بيان»: a body whose one word is its proper name, alone (round 16).
  if (phrase.length === 1 && NAMED_BODIES.has(phrase[0].norm)) return { kind: 'organisation', name: phrase[0].text };
  // Name first, then perhaps a role in the same run or as an apposition. A family name with the article
  // («سعد البريك»، «عصام الملا») ends the name after a given name; alone («وقال الدريويش») it counts only when
  // the article writes it after a given name somewhere («أحمد بن يوسف الدريويش»).
  const definiteGiven = DEFINITE_GIVEN.has(phrase[0].norm) && phrase.length > 1 && isFamilyName(phrase[1].norm);
  let k = beinName(phrase) || definiteGiven ? 1 : 0;
  // «خالد بن عبد القادر طاهر»: the links (بن، عبد، أبو، آل) do not count toward the name's length.
  const linksBefore = (j: number) => phrase.slice(0, j).filter((t) => NAME_PREFIXES.has(t.norm) || isAal(t)).length;
  while (k < phrase.length && k - linksBefore(k) < MAX_NAME_TOKENS && inNameAt(phrase, k) && !nounAfterName(phrase, k) && !(k >= 2 && phrase[k].norm.startsWith('و'))) k++;
  if (k === 0 && familyNames.has(phrase[0].norm)) k = 1;
  else if (k > 0 && k < phrase.length && k < MAX_NAME_TOKENS && (isFamilyName(phrase[k].norm) || (familyNames.has(phrase[k].norm) && (k === 1 || markedOnly(phrase[k].norm)))) && isGivenName(phrase[k - 1].norm)) {
    // («وأشار أحمد الفهيد إلى أن…» with «ويضيف الفهيد» elsewhere: the article confirms the family name.)
    if (k === phrase.length - 1 && afterPhrase !== undefined && OBJECT_PREPOSITIONS.has(afterPhrase) && !phrase[k].norm.endsWith('ي') && !confirmedFamilyNames.has(phrase[k].norm)) {
      return { kind: 'named', name: join(phrase.slice(0, k)), role: null };
    }
    k++;
    // «رحمة الله يوسف زائي»، «نور الدين بن علي»: «الله»/«الدين» close a compound given name, and the name goes on.
    if (COMPOUND_ENDS.has(phrase[k - 1].norm)) {
      while (k < phrase.length && k - linksBefore(k) < MAX_NAME_TOKENS + 1 && inNameAt(phrase, k) && !phrase[k].norm.startsWith('ال') && !nounAfterName(phrase, k)) k++;
      if (k < phrase.length && isFamilyName(phrase[k].norm) && k - linksBefore(k) < MAX_NAME_TOKENS + 1 && !isRoleAdjective(phrase, k)) k++;
    }
  }
  if (k === 0) return unreadIf(/^(ال|وال)/.test(phrase[0].norm) && !ADVERBIAL_STARTS.has(phrase[0].norm));
  // «مدافعه الألماني بير ميرتيساكر»: a definite word followed by an indefinite name word is an adjective closing a
  // description (a nationality, «السابق»); the name is what follows. Family names with ال come last.
  for (let j = k - 2; j >= 0; j--) {
    // («عبد القادر طاهر»: a definite word after «عبد» is the second half of a compound given name.)
    if (phrase[j].norm.startsWith('ال') && !phrase[j + 1].norm.startsWith('ال') && !afterNamePrefix(phrase, j + 1) && !afterNamePrefix(phrase, j) && !COMPOUND_ENDS.has(phrase[j].norm)) {
      const name = join(phrase.slice(j + 1, k));
      if (k === phrase.length) return { kind: 'named', name, role: join(phrase.slice(0, j + 1)) };
      // «الفرنسي أرسين فينجر المدير الفني لأرسنال»: a role may follow the name after a leading nationality.
      if (ROLE_HEADS.has(withoutArticle(phrase[k].norm))) return { kind: 'named', name, role: join(phrase.slice(k)) };
      return { kind: 'bare' };
    }
  }
  // «أبرز محطات عطاءات الشيخ الطنطاوي»: an honorific inside the run starts the name, so the words before it are
  // the verb's object; the name after it is read as a subject of its own.
  const honorificInside = withHonorifics.findIndex((t, j) => j > 0 && HONORIFICS.has(t.norm) && t.start < phrase[k - 1].start);
  if (honorificInside > 0 && !HONORIFICS.has(withHonorifics[0].norm)) {
    const after = parseSubject(join(withHonorifics.slice(honorificInside)), familyNames);
    return after.kind === 'named' ? after : { kind: 'bare' };
  }
  const name = join(phrase.slice(0, k));
  const trailing = phrase.slice(k);
  // «وقال عاصم شيخ، رئيس خدمات الضرائب…»: an indefinite role word alone after a one-word name, with a role as the
  // apposition after the comma, is the family name (a title comes before a name, and the role is given after it).
  const apposed = segmentTokens(rest[0] ?? '');
  if (k === 1 && trailing.length === 1 && !/^(ال|وال)/.test(trailing[0].norm) && isGivenName(phrase[0].norm) && apposed.length > 0 && ROLE_HEADS.has(withoutArticle(apposed[0].norm))) {
    return { kind: 'named', name: join(phrase), role: join(apposed) };
  }
  // («وقال فيدريكو اديتشي أحد مسؤولي "فيفا"…»: «one of» after a name of two words and more opens its apposition,
  // round 21.)
  if (trailing.length > 0 && (ROLE_HEADS.has(withoutArticle(trailing[0].norm)) || (k >= 2 && trailing.length >= 2 && ONE_OF.has(trailing[0].norm)))) {
    return { kind: 'named', name, role: join(trailing) };
  }
  // Anything else after the «name» («وطالب الجبوري رؤساء الكتل…»، «مصادر أخرى») means we cannot tell where the
  // name ends; treating it as no subject costs a speaker, guessing would invent one.
  // «واختتم بحاح تصريحاته»، «وقال عباس للصحفيين»: an object with a pronoun, or a word with a glued preposition,
  // ends the name; anything else after it means we cannot tell where the name ends.
  // …and an adverb: «وشدد روحاني مجددا على أن».
  // A glued preposition only with an article or an outlet after it («للصحفيين»، «لوكالة»، «لـ»): «لميا» is a name.
  // «وقال إردوغان لرئيس الوزراء الصيني»: a preposition glued to a role is the addressee, also an object.
  const glued = (n: string) =>
    /^(لل|بال)../.test(n) || n === 'ل' || n === 'لـ' || (/^[لب]../.test(n) && (INSTITUTIONS.has(n.slice(1)) || ROLE_HEADS.has(n.slice(1)))) || isGluedOutlet(n);
  const objectStarts = (n: string) =>
    STOPWORDS.has(n) || ADVERBS.has(n) || (/(ه|ها|هم|هما)$/.test(n) && !n.startsWith('ال')) || glued(n);
  // «يؤكد ضلال هذه الفئة»: a noun with a demonstrative after it is in construct with what follows — the verb's
  // object, never a name.
  if (trailing.length > 0 && k === 1 && DEMONSTRATIVES.has(trailing[0].norm)) return { kind: 'bare' };
  if (trailing.length > 0 && objectStarts(trailing[0].norm) && k <= 3) {
    return { kind: 'named', name, role: null, ...(k === 1 ? { weak: true } : {}) };
  }
  // «وأشار سيريجيشيف المختص النفطي الروسي إلى»: a definite noun and a nisba after the name describe the person (a
  // role word the lexicon lacks), they are not the verb's object.
  if (trailing.length >= 2 && k <= 3 && /^ال/.test(trailing[0].norm) && !isNameToken(trailing[0].norm) && trailing.slice(1).every((t) => isNisba(t.norm)) && !INSTITUTIONS.has(withoutArticle(trailing[0].norm))) {
    return { kind: 'named', name, role: join(trailing) };
  }
  if (trailing.length > 0) return unreadIf(isGivenName(phrase[0].norm) && !/(ه|ها|هم)$/.test(phrase[0].norm));
  const apposition = segmentTokens(rest[0] ?? '');
  if (apposition.length > 0 && ROLE_HEADS.has(withoutArticle(apposition[0].norm))) {
    return { kind: 'named', name, role: join(apposition) };
  }
  return { kind: 'named', name, role: null };
}

/** The phrase up to the outlet or audience spoken to, glued to «ل»: «رئيس الوزراء للصحفيين» → «رئيس الوزراء». */
function untilAddressee(phrase: Token[]): Token[] {
  // (Not «لوزارة الصحة»: a body after «ل» completes a role — «مستشار لوزارة الصحة» — unless it is an agency's name.)
  const body = (rest: string) => INSTITUTIONS.has(rest) && !NAMED_BODIES.has(rest);
  const at = phrase.findIndex((t, j) => j >= 1 && isGluedOutlet(t.norm) && !body(t.norm.slice(1)));
  return at >= 1 ? phrase.slice(0, at) : phrase;
}

/** The words of `phrase` before the first run that spells `name` (all of the phrase when it is not found). */
function roleBeforeName(phrase: Token[], name: string): string {
  const size = tokensOf(name).length;
  for (let a = 1; a + size <= phrase.length; a++) if (join(phrase.slice(a, a + size)) === name) return join(phrase.slice(0, a));
  return join(phrase);
}

/** «بقسم علوم الفلك»، «في جامعة طيبة»، «لدى البنك»: a segment that opens with a preposition, the rest of a role. */
function roleComplementSegment(segment: string): boolean {
  const tokens = segmentTokens(segment);
  const first = tokens[0]?.norm ?? '';
  // (A glued preposition only with a definite word after it: «بجامعة الملك…»; «لميا» alone is a name.)
  return /^(في|لدي|من)$/.test(first) || (/^[بل][^اوي]..+/.test(first) && tokens.slice(1).some((t) => t.norm.startsWith('ال')));
}

/**
 * Role then name in one run: the name is the trailing run of name tokens after a definite word (the end of the
 * role). A family name may carry the article when a given name precedes it: «إبراهيم بن أحمد الغبان»، «رامي عبد
 * الرحمن»; «وزير الخارجية المغربي» has no given name before «المغربي», so it stays a role.
 */
function roleThenName(phrase: Token[], minNameTokens: number, familyNames: ReadonlySet<string> = new Set()): Subject | null {
  // «ابدت الفنانة إليسا اعجابها الكبير بهاتفي…»: a noun with «her/their» is the verb's object, a sure end of the
  // subject, so the name stands right before it (one word may do).
  const object = phrase.findIndex((t, j) => j >= 2 && /(ها|هما|هم)$/.test(t.norm) && t.norm.length >= 5 && !/^(ال|[وف])/.test(t.norm));
  if (object >= 2) {
    const named = roleThenNameRun(phrase.slice(0, object), minNameTokens, familyNames);
    if (named) return named;
  }
  const whole = roleThenNameRun(phrase, minNameTokens, familyNames);
  if (whole) return whole;
  // «رحب أمين عام غرفة حفر الباطن أنور بن الشامي العنزي بزيارة الملحق…»: the verb's object follows the name,
  // behind a glued preposition (بزيارة، للصحيفة). Tried only when the whole run gave no name, so «الرئيس السوري
  // بشار الأسد» is never cut at «بشار».
  // A second role after the name ends it too: «المتحدث باسم الحكومة الإثيوبية تيولدي مولوغيتا المتحدث باسم وزارة
  // الخارجية بالزيارة». Cut points are tried from the end, because the first role may hold such words as well.
  for (let j = phrase.length - 1; j >= 2; j--) {
    const norm = phrase[j].norm;
    const glued = /^(بال|لل)/.test(norm) || (/^[بل]../.test(norm) && DEFINITE.test(phrase[j + 1]?.norm ?? ''));
    // …or a definite word that cannot close a name: «المفوضة ماريان تايسن المكلفة بملف التوظيف».
    // …or «ل» glued to a word after a family name with the article: the outlet spoken to («الحداد لموزاييك»).
    const addressee = /^ل[^ال].{2}/.test(norm) && !INSTITUTIONS.has(norm.slice(1)) && phrase[j - 1].norm.startsWith('ال') && isFamilyName(phrase[j - 1].norm);
    const cut = glued || addressee || ROLE_HEADS.has(withoutArticle(norm)) || (norm.startsWith('ال') && !isFamilyName(norm));
    // A cut is a guess about where the role ends, so it must leave a name of two words at least.
    // («الرئيس جو بايدن الولايات المتحدة لن…»: a definite adjective in ة agrees with the definite word before it, which
    // is then a noun and no family name — round 15.)
    const agreed = cut && norm.startsWith('ال') && norm.endsWith('ه') && j >= 3 && phrase[j - 1].norm.startsWith('ال') && !COMPOUND_ENDS.has(phrase[j - 1].norm) && isFamilyName(phrase[j - 1].norm);
    const named = cut ? roleThenNameRun(phrase.slice(0, agreed ? j - 1 : j), Math.max(2, minNameTokens), familyNames) : null;
    if (named) return named;
    // «وألقى الرئيس عباس كلمة أمام الحضور»: the speech given is a sure cut, and the name before it may be one word
    // (round 21; not a manner word, «وخاطب الرئيس التونسي أوروبا بلهجة تحد»).
    const never = SPEECH_GIVEN.has(norm) ? roleThenNameRun(phrase.slice(0, j), minNameTokens, familyNames) : null;
    if (never) return never;
  }
  return null;
}

/** Role words that are given names too: «مساعد الأحمد»، «أمين الحسيني». */
const GIVEN_NAME_ROLES: ReadonlySet<string> = new Set(['مساعد', 'امين']);
/** «أمين عام»، «أمين سر»، «مساعد وزير»: what follows such a role word in construct. */
const CONSTRUCT_AFTER_TITLE: ReadonlySet<string> = new Set(['عام', 'سر', 'صندوق', 'مال', 'وزير', 'مدير', 'رئيس', 'امين', 'مساعد', 'اول', 'ثاني']);

function roleThenNameRun(phrase: Token[], minNameTokens: number, familyNames: ReadonlySet<string> = new Set()): Subject | null {
  let k = phrase.length;
  // The last word may carry the article after a given name («إبراهيم الغبان»), the last two only after «بن»
  // («أنور بن الشامي العنزي»): two definite words after anything else are a role («الملحق الاندونيسي»).
  const familyWithArticle = (j: number): boolean =>
    j > 0 &&
    phrase[j].norm.startsWith('ال') &&
    (isFamilyName(phrase[j].norm) || familyNames.has(phrase[j].norm)) &&
    ((j === phrase.length - 1 && (isGivenName(phrase[j - 1].norm) || familyWithArticle(j - 1) || afterNamePrefix(phrase, j - 1) || roleAsGivenName(j - 1) || compoundGivenEndAt(phrase, j - 1))) ||
      (j === phrase.length - 2 && /^(بن|ابن|بنت)$/.test(phrase[j - 1].norm)) ||
      doubleNisba(j));
  // «رئيس مجلس النواب رشيد الطالبي العلمي»: two family names in ـي with the article after a given name (round 15).
  // A nationality closes a role instead («الرئيس المصري»), so neither may be one.
  const doubleNisba = (j: number): boolean =>
    j >= 2 && j === phrase.length - 2 && /ي$/.test(phrase[j].norm) && /ي$/.test(phrase[j + 1].norm) &&
    phrase[j + 1].norm.startsWith('ال') && isFamilyName(phrase[j + 1].norm) && isGivenName(phrase[j - 1].norm) && !phrase[j - 1].norm.startsWith('ال') &&
    !NATIONALITIES.has(phrase[j].norm) && !NATIONALITIES.has(phrase[j + 1].norm);
  // «مدير البرنامج مساعد الأحمد»: a role word that is also a given name («مساعد»، «أمين»), after the role's definite
  // end and before a family name that closes the phrase, is the given name.
  // («الكاتب أمين معلوف»: or before one name word without the article, which a role word in construct never is —
  // «أمين عام»، «أمين سر» are roles, round 15.)
  const roleAsGivenName = (j: number): boolean =>
    j > 0 && j === phrase.length - 2 && GIVEN_NAME_ROLES.has(phrase[j].norm) && DEFINITE.test(phrase[j - 1].norm) &&
    (isFamilyName(phrase[j + 1].norm) || (isNameToken(phrase[j + 1].norm) && !phrase[j + 1].norm.startsWith('ال') && !CONSTRUCT_AFTER_TITLE.has(phrase[j + 1].norm) && !ROLE_HEADS.has(phrase[j + 1].norm) && !/ه$/.test(phrase[j + 1].norm)));
  const inName = (j: number) =>
    (isNameToken(phrase[j].norm) && !phrase[j].norm.startsWith('ال')) ||
    roleAsGivenName(j) ||
    titleWordInsideName(phrase, j) ||
    compoundGivenEndAt(phrase, j) ||
    (DEFINITE_GIVEN.has(phrase[j].norm) && j + 1 < phrase.length && familyWithArticle(j + 1)) ||
    familyWithArticle(j) ||
    afterNamePrefix(phrase, j) ||
    beforeNameLink(phrase, j) ||
    (isAal(phrase[j]) && j > 0 && j + 1 < phrase.length);
  let compoundOpens = false;
  while (k > 0 && inName(k - 1)) {
    k--;
    // A compound given name opens the name: «حاكم محافظة شانلي أورفة عز الدين كجك» is «عز الدين كجك».
    if (compoundGivenEndAt(phrase, k + 1)) {
      compoundOpens = true;
      // (…after a given name that is surely one: «سفير مصر محمد بدر الدين زايد».)
      if (k > 1 && SURE_GIVEN.test(phrase[k - 1].norm)) k--;
      break;
    }
  }
  // «المشرف العام علي كرة القدم»: «على» typed «علي» before a construct starts no name.
  if (k < phrase.length && aliAsPreposition(phrase, k)) return null;
  // «… عبد الرزاق الحداد لموزاييك أف أم»: after the outlet spoken to comes its name, not the speaker's.
  // («الحاكم السابق لولاية نيويورك جورج باتاكي»: ل glued to a body word is the role's complement, not an addressee.)
  const addresseeAt = (j: number) => j >= 1 && /^ل[^ال].{2}/.test(phrase[j].norm) && !INSTITUTIONS.has(phrase[j].norm.slice(1)) && phrase[j - 1].norm.startsWith('ال') && isFamilyName(phrase[j - 1].norm);
  if (k >= 2 && addresseeAt(k - 1)) return null;
  for (let j = k; j < phrase.length; j++) if (addresseeAt(j)) return null;
  // «القائد العسكري بعدن عبدالله صبيحي»: a word with a glued preposition (ب، ل) before a name of two or more
  // words is a place or an institution closing the role («in Aden»), not the first name.
  // («… لنصرة الأشقاء في سورية بلبنان وليد الجلال»: a country or a capital behind «ب»/«ل» closes the role too.)
  // («شركة أبل على لسان المتحدثة باسمها كريستين هوغيت»: «on its behalf» closes the role as «باسم الشركة» would.)
  let roleEnd = k > 0 && (DEFINITE.test(phrase[k - 1].norm) || compoundOpens || isGluedPlace(phrase[k - 1].norm) || /^باسم(ه|ها|هم)$/.test(phrase[k - 1].norm));
  // «قائد شرطة كابول عبدالرحمن رحيمي»، «مدير عام جمرك سلوى علي العطوي»: with no definite word before it, a place
  // may close the role; a given name that is surely one («عبد…»، «أبو»، «علي»، «محمد») starts the name.
  if (k > 0 && !roleEnd) {
    for (let j = k + 1; j < phrase.length - 1; j++) {
      if (SURE_GIVEN.test(phrase[j].norm) || phrase[j].norm === ALI_NAME) {
        k = j;
        roleEnd = true;
        break;
      }
    }
  }
  // «نائب رئيس هيئة العلاقات الخارجية في مقاطعة كوباني إدريس نعسان»: after «في», a noun in ة and the word it
  // governs are the place; the name is what follows them (two words at least).
  if (k > 0 && !roleEnd && phrase[k - 1].norm === 'في' && phrase.length - k >= 4 && phrase[k].norm.endsWith('ه')) {
    k += 2;
    roleEnd = true;
  }
  // «وقال والي تونس الشاذلي بوعلاق»، «سفير مصر محمد…»: a country or a capital right after an indefinite role head is
  // in construct with it (the role's complement), and the name follows (round 19).
  if (k > 0 && !roleEnd && phrase.length - k >= 3 && ROLE_HEADS.has(phrase[k - 1].norm) && PLACES.has(phrase[k].norm)) {
    k += 1;
    roleEnd = true;
  }
  // «وقال ممثل منظمة الصحة العالمية في تونس إيف سوتيرو»، «سفير فرنسا في تونس أوليفيي بوافر دارفور»: after «في»,
  // a country or a capital is the place; the name is what follows it (two words at least), round 19.
  if (k > 0 && !roleEnd && phrase.length - k >= 3 && (phrase[k - 1].norm === 'في' || phrase[k - 1].norm === 'لدي') && PLACES.has(phrase[k].norm)) {
    k += 1;
    roleEnd = true;
  }
  // «المدير العام للتعليم بجدة عبدالله بن أحمد الثقفي»: a place behind a glued preposition before a sure given name.
  if (k > 0 && k + 2 < phrase.length && /^ب[^اوي].+ه$/.test(phrase[k].norm) && (SURE_GIVEN.test(phrase[k + 1].norm) || phrase[k + 1].norm === ALI_NAME)) {
    k++;
    roleEnd = true;
  }
  // «مؤسس موقع ويكيليكس جوليان أسانج»: the word after an indefinite body («موقع») is that body's name.
  // («الحاكم السابق لولاية نيويورك جورج باتاكي»: also behind a glued preposition, «لولاية»، «بمحافظة».)
  const bodyBefore = k > 1 && (INSTITUTIONS.has(phrase[k - 1].norm) || (/^[لب]../.test(phrase[k - 1].norm) && INSTITUTIONS.has(phrase[k - 1].norm.slice(1))));
  if (!roleEnd && bodyBefore && phrase.length - k >= 3) {
    k++;
    roleEnd = true;
  }
  // «محافظ عدن نايف البكري»: an indefinite role head is in construct with the word after it, so when a given name
  // and a family name with the article follow that word, it is the complement, not the first name.
  const last = phrase.at(-1)?.norm ?? '';
  if (!roleEnd && k === 1 && ROLE_HEADS.has(phrase[0].norm) && phrase.length === 4 && last.startsWith('ال') && isFamilyName(last)) {
    k = 2;
    roleEnd = true;
  }
  // (…and «مدير المرصد السوري لحقوق الإنسان»: a preposition glued to a noun never starts a name.)
  const gluedNoun = phrase.length - k >= 2 && /^ل[^اوي]/.test(phrase[k]?.norm ?? '') && phrase[k].norm.length >= 5;
  if (k > 0 && gluedNoun && phrase.length - k < 3) return null;
  if (k > 0 && ((phrase.length - k >= 3 && /^[بل]../.test(phrase[k].norm)) || gluedNoun)) {
    k++;
    roleEnd = true;
  }
  // «المتحدث باسم الجهاز»: «باسم» (on behalf of) continues the role; it is not the name Basem.
  while (k < phrase.length && phrase[k].norm === 'باسم') {
    k += phrase[k + 1] && DEFINITE.test(phrase[k + 1].norm) ? 2 : 1;
    roleEnd = true;
  }
  // («المتحدث باسم حماس حازم قاسم»: a body's one-word proper name after it is the body too, round 16.)
  if (k > 0 && phrase[k - 1].norm === 'باسم' && k < phrase.length - 1 && NAMED_BODIES.has(phrase[k].norm)) k++;
  // «متحدث باسم سويت بريار»: what follows «باسم» is the body spoken for, not the spokesman's name.
  if (k > 0 && phrase[k - 1].norm === 'باسم') return null;
  let nameRun = phrase.slice(k);
  // «وزير الداخلية المصري اللواء مجدي عبدالغفار برقية عزاء»: the name ends before a noun in ة.
  const noun = nameRun.findIndex((_, j) => nounAfterName(nameRun, j));
  if (noun >= 2) nameRun = nameRun.slice(0, noun);
  // «… لحوم البشر ومنافسه»: one word with و after a role is the conjunction on the next noun, not a name.
  if (nameRun.length === 1 && nameRun[0].norm.startsWith('و')) return null;
  const links = nameRun.filter((t) => NAME_PREFIXES.has(t.norm) || isAal(t)).length;
  if (!roleEnd || nameRun.length < minNameTokens || nameRun.length - links > MAX_NAME_TOKENS) return null;
  return { kind: 'named', name: join(nameRun), role: join(phrase.slice(0, k)) };
}

/**
 * A name right after an honorific that follows a role: «رئيس حزب القوات اللبنانية الدكتور سمير جعجع». The
 * honorific is a sure boundary, so the role's last word need not be definite. The name may be followed by
 * nothing or by another role («…الدكتور سمير جعجع رئيس…»).
 */
function nameAfterHonorific(tokens: Token[]): Subject | null {
  let h = -1;
  for (let j = tokens.length - 1; j > 0; j--) {
    if (HONORIFICS.has(tokens[j].norm)) {
      h = j;
      break;
    }
  }
  if (h <= 0) return null;
  const role = tokens.slice(0, h).filter((t) => !HONORIFICS.has(t.norm));
  const after = tokens.slice(h + 1);
  let k = 0;
  while (
    k < after.length &&
    k < MAX_NAME_TOKENS &&
    ((isNameToken(after[k].norm) && !after[k].norm.startsWith('ال')) || afterNamePrefix(after, k) || (isAal(after[k]) && k > 0 && k + 1 < after.length)) &&
    !nounAfterName(after, k)
  )
    k++;
  if (k > 0 && k < after.length && k < MAX_NAME_TOKENS && isFamilyName(after[k].norm) && isGivenName(after[k - 1].norm)) k++;
  if (k === 0 || role.length === 0) return null;
  if (k < after.length && !ROLE_HEADS.has(withoutArticle(after[k].norm))) return null;
  return { kind: 'named', name: join(after.slice(0, k)), role: join(role) };
}

/**
 * The subject written BEFORE the verb: the pluperfect «وكان مروان دماج، وزير الثقافة، قد أكد» (beforeVerb ends
 * with «قد», the subject runs from كان), or a clause that opens with its subject, «الأمير خالد الفيصل قال». Only
 * when every word before the verb is accounted for as name, role or description: anything left over («وفي هذا
 * السياق»، an object, another clause) means the words are not a subject, and the verb stays bare.
 */
/** «د.»، «م.»، «أ.د.» before a word: the dot of a title, blanked (same length, so offsets hold). */
export function withoutTitleDots(text: string): string {
  return text.includes('.') ? text.replace(/(^|[\s\u00a0])(\p{L}{1,2})\.(?=\s*\p{L})/gu, '$1$2 ') : text;
}

export function parseSubjectBefore(beforeVerb: string, familyNames: ReadonlySet<string> = new Set()): Subject {
  const tokens = tokensOf(beforeVerb);
  if (tokens.length === 0) return { kind: 'bare' };
  // «عن ابن عمر رضي الله عنهما قال: «…»»: a hadith's narrator, named after «عن» with the blessing (round 21).
  const narrator = NARRATOR.exec(beforeVerb);
  if (narrator && tokensOf(narrator[1]).length <= MAX_NAME_TOKENS) return { kind: 'named', name: narrator[1].trim(), role: null };
  let text = beforeVerb;
  let kana = -1;
  for (let j = tokens.length - 1; j >= 0; j--) {
    if (KANA_FORMS.has(tokens[j].norm)) {
      kana = j;
      break;
    }
  }
  if (kana >= 0) {
    // «وكان X قد أكد»; «كان وزير الخارجية القطري خالد العطية قال» (no «قد») when كان opens the clause.
    const qad = isParticle(tokens[tokens.length - 1]);
    if (!qad && kana !== 0) return { kind: 'bare' };
    text = beforeVerb.slice(tokens[kana].end, qad ? tokens[tokens.length - 1].start : beforeVerb.length);
  }
  if (/[.!?؟;؛]/.test(text)) return { kind: 'bare' };
  // «لكن صحيفة «المصري اليوم» الخاصة قالت»، «أما الفنان التشكيلي إبراهيم الألمعي فيرى»: a discourse word opens
  // the clause before its subject.
  const opener = tokensOf(text)[0];
  if (opener && CLAUSE_OPENERS.has(opener.norm)) text = text.slice(opener.end);
  const accusative = unnamedInAccusative(text);
  if (accusative) return accusative;
  const subject = parseSubject(text, familyNames);
  // «أما ريتشارد هاينسورث، المالك السابق لوكالة…، فيقول»: «أما … فـ» brackets the subject, so a name and its
  // apposition need not account for every word before the verb.
  if (opener && (opener.norm === 'اما' || opener.norm === 'واما') && subject.kind === 'named' && tokensOf(subject.name).length >= 2) return subject;
  const words = tokensOf(text).filter((t) => !HONORIFICS.has(t.norm) && !isParticle(t)).length;
  const count = (s: string | null) => (s ? tokensOf(s).length : 0);
  const used =
    subject.kind === 'named'
      ? count(subject.name) + count(subject.role)
      : subject.kind === 'anaphor'
        ? count(subject.description)
        : subject.kind === 'unnamed'
          ? count(subject.role)
          : -1;
  if (used === words) return subject;
  // «رئيس هيئة النزاهة في عهد المالكي، القاضي رحيم العكيلي، أكد:»: the last segment before the verb, a role or an
  // honorific and a name of two words and more, is the subject set off after its description (round 21).
  const lastSegment = text.replace(/[\s،,]+$/, '').split(/[،,]/).at(-1) ?? '';
  const segmentHead = tokensOf(lastSegment)[0]?.norm ?? '';
  if (lastSegment !== text && (HONORIFICS.has(segmentHead) || (/^ال/.test(segmentHead) && ROLE_HEADS.has(withoutArticle(segmentHead))))) {
    const apposed = parseSubject(lastSegment, familyNames);
    const segmentWords = tokensOf(lastSegment).filter((t) => !HONORIFICS.has(t.norm) && !isParticle(t)).length;
    if (apposed.kind === 'named' && apposed.role !== null && tokensOf(apposed.name).length >= 2 && count(apposed.name) + count(apposed.role) === segmentWords) return apposed;
  }
  // «لكن صحيفة «المصري اليوم» الخاصة قالت»: an institution opening the clause is the subject even when the rest
  // of its name is not parsed («اليوم» ends the phrase).
  const opening = tokensOf(text)[0];
  if ((subject.kind === 'unnamed' || subject.kind === 'organisation') && opening && INSTITUTIONS.has(withoutArticle(opening.norm))) {
    return subject;
  }
  return { kind: 'bare' };
}

/**
 * «إلا أن مسؤولاً محلياً، طلب عدم ذكر اسمه، قال»، «لكن مصدراً أمنياً أكد»: after «أن»، «إن»، «لكن» the subject is in
 * the accusative, so an unnamed source and its adjectives end in ـاً, which the subject parse does not read as a role
 * (it read «مصدرا أمنيا» as a name). Read without the ending, the words must all be the source's description; one
 * clause set off by commas may follow it («، طلب عدم ذكر اسمه،»), as sources' anonymity is given (round 22).
 */
function unnamedInAccusative(text: string): Subject | null {
  const [head, ...rest] = text.replace(/[\s،,]+$/, '').split(/[،,]/);
  if (rest.length > 1) return null;
  const tokens = tokensOf(head);
  if (tokens.length === 0 || tokens.length > 3 || !tokens.every((t) => t.norm.length >= 4 && /ا\u064B?$/u.test(t.norm))) return null;
  const description = tokens.map((t) => t.text.replace(/[\u064Bا]+$/u, '')).join(' ');
  const subject = parseSubject(description);
  if (subject.kind !== 'unnamed' || tokensOf(subject.role ?? '').length !== tokens.length) return null;
  return subject;
}

const NARRATOR = /(?:^|\s)و?عن\s+((?:[\p{L}\p{M}]+\s+){0,3}[\p{L}\p{M}]+)\s+رضي\s+الله\s+عن(?:ه|ها|هما|هم)\s*[،,]?\s*$/u;

function startsAdverbial(segment: string): boolean {
  const first = tokensOf(segment)[0];
  return first !== undefined && ADVERBIAL_STARTS.has(first.norm);
}

/** One person within an article; every mention of them points here, so the fullest name wins at the end. */
export interface Person {
  name: string;
  keys: string[];
  role: string | null;
  /** The last word of every mention that was registered for this person («روحاني» for «وقال روحاني»). */
  endings?: Set<string>;
  /** Named in marks somewhere: the marks are where the name starts and ends, so completeNames leaves it as it is. */
  quoted?: boolean;
  /** Grammatical gender, from the first reporting verb that named them as its subject («قال X» / «قالت X»). */
  gender?: Gender;
}

export type Gender = 'masculine' | 'feminine';

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

/** «بن صقر» → «عبدالعزيز بن صقر»: the longer name adds words before the known ones (a given name). */
function endsWith(keys: string[], tail: string[]): boolean {
  return tail.length > 0 && tail.every((k, i) => keys[keys.length - tail.length + i] === k);
}

/** «أبو مالك» → «أبو مالك الشامي»: the longer name adds a family name (with ال, or after بن/آل) after the known ones. */
function appendsFamilyName(keys: string[], head: string[]): boolean {
  if (!head.every((k, i) => keys[i] === k)) return false;
  return keys.slice(head.length).every((k, i, rest) => k.startsWith('ال') || NAME_PREFIXES.has(k) || (i > 0 && NAME_PREFIXES.has(rest[i - 1])));
}

/**
 * Words the longer name adds after the known ones that are no name: «روزي كاكوشي تبلغ» (a verb), «مجدي عبدالغفار
 * برقية» (a noun in ة). A name is kept as it was first given unless a role marks the longer one (a role-less
 * subject may run into its verb's object) or it only adds a given name before it.
 */
function junkTail(keys: string[], known: string[]): boolean {
  const at = keys.indexOf(known.at(-1) ?? '');
  if (at < 0) return false;
  return keys.slice(at + 1).some((k) => (k.endsWith('ه') && k !== 'الله') || /^[بلك]../.test(k) && k.length >= 5 || /^[يت]/.test(k));
}

export class PersonRegistry {
  readonly people: Person[] = [];

  register(name: string, role: string | null): Person {
    // «يوسف ادعيس إسرائيل بأنها»: a country or a capital closing a name of three words is the verb's object. (Only
    // at the end: «محافظ عدن نايف البكري» has the place inside the role.)
    const words = name.split(/\s+/);
    if (words.length >= 3 && PLACES.has(tokensOf(words.at(-1) ?? '')[0]?.norm ?? '')) name = words.slice(0, -1).join(' ');
    // «بنجامين كاردين الديمقراطي»: a party's adjective after a name is his party, not his family name (round 21).
    const last = tokensOf(words.at(-1) ?? '')[0]?.norm ?? '';
    if (words.length >= 3 && /^ال/.test(last) && PARTY_ADJECTIVES.has(withoutArticle(last))) name = words.slice(0, -1).join(' ');
    const keys = nameKeys(name);
    const existing = this.people.find((p) => sameName(p.keys, keys));
    if (!existing) {
      const person = { name, keys, role, endings: new Set(keys.slice(-1)) };
      this.people.push(person);
      return person;
    }
    if (keys.length > 0) (existing.endings ??= new Set()).add(keys[keys.length - 1]);
    const grows = role !== null || endsWith(keys, existing.keys) || appendsFamilyName(keys, existing.keys);
    if (keys.length > existing.keys.length && grows && !junkTail(keys, existing.keys)) {
      existing.name = name;
      existing.keys = keys;
    }
    existing.role ??= role;
    return existing;
  }

  /** «الدبلوماسي الأمريكي»: the latest person whose role has that head noun, else simply the latest. */
  resolve(head: string, recent: Person[], byRoleOnly = false): Person | null {
    for (let i = recent.length - 1; i >= 0; i--) {
      const role = recent[i].role;
      if (role && tokensOf(role).some((t) => withoutArticle(t.norm) === head)) return recent[i];
    }
    return byRoleOnly ? null : (recent.at(-1) ?? null);
  }
}

/** A body that speaks in its own name: «وزارة…»، «الجيش…»، «صحيفة…» — not a document, not «مصدر», not «وسائل». */
export function isOrganisationHead(norm: string, next?: string): boolean {
  const bare = withoutArticle(norm);
  // «وأضاف البيت الأبيض في بيان»: the White House speaks; «بيت» is no institution otherwise (a given name).
  if (/^(ال|وال)بيت$/.test(norm) && next === WHITE) return true;
  // «الهلال الأحمر»، «الصليب الأحمر»، «الحماية المدنية» (round 15): «هلال» alone is a given name, «حماية» a noun.
  if (next !== undefined && PAIRED_BODIES.get(withoutArticle(norm)) === next && /^(ال|وال)/.test(norm)) return true;
  // «وأعلن التلفزيون الكاميروني»، «التلفزيون الرسمي»: a broadcaster named by its country or status is a body (round
  // 21). Alone, «التلفزيون» is not: it is more often where someone spoke than who spoke; once the full name has
  // spoken, a later «وأوضح التلفزيون» is resolved to it (applySubject).
  if (next !== undefined && BROADCASTERS.has(withoutArticle(norm)) && /^(ال|وال)/.test(norm) && /^ال.{3,}(ي|يه)$/.test(next)) return true;
  return INSTITUTIONS.has(bare) && !DOCUMENT_HEADS.has(bare) && !SOURCE_HEADS.has(bare);
}
const WHITE = normalizeArabic('الأبيض');
const BROADCASTERS: ReadonlySet<string> = new Set(['تلفزيون', 'تليفزيون', 'اذاعه', 'راديو'].map((w) => normalizeArabic(w)));
const PAIRED_BODIES: ReadonlyMap<string, string> = new Map(
  [['هلال', 'الأحمر'], ['صليب', 'الأحمر'], ['حماية', 'المدنية']].map(([head, next]) => [normalizeArabic(head), normalizeArabic(next)]),
);

/**
 * The name of a body starting at tokens[i]: the head, then its construct chain and adjectives — definite words
 * («وزارة الداخلية التونسية»، «مكتب رئيس الوزراء التركي»), or right after the head a short run of indefinite
 * words («منظمة هيومن رايتس ووتش»، «وكالة أنباء البحرين») — up to a function word, a verb, a role or an honorific.
 */
export function organisationRun(tokens: Token[], i: number): Token[] {
  const run = [tokens[i]];
  let indefinite = 0;
  for (let j = i + 1; j < tokens.length && run.length < 7; j++) {
    const norm = tokens[j].norm;
    // «مجلس القضاء في إقليم كردستان»: the region a body serves, after «في», is part of its name (round 20); the
    // name then ends («… في إقليم كردستان أمس أن…»).
    const region = tokens[j + 1] && tokens[j + 2] && run.length >= 2 ? tokens[j + 2] : null;
    if (norm === 'في' && region && REGION_HEADS.has(tokens[j + 1].norm) && /^[\p{L}]+$/u.test(region.text) && !STOPWORDS.has(region.norm) && !TIME_WORDS.has(region.norm)) {
      run.push(tokens[j], tokens[j + 1], region);
      break;
    }
    // «بعثة الأمم المتحدة في ليبيا»، «البعثة الأميركية لدى الحلف الأطلسي»: a mission is named by where it is sent
    // (round 22), a country or one definite word and its nisba.
    const sentTo = tokens[j + 1];
    if (PLACE_PREPOSITION.test(norm) && sentTo && isMissionHead(run[0].norm) && (PLACES.has(sentTo.norm) || (/^ال.{3,}$/.test(sentTo.norm) && !STOPWORDS.has(sentTo.norm) && !TIME_WORDS.has(sentTo.norm) && !INSTITUTIONS.has(withoutArticle(sentTo.norm)) && !ROLE_HEADS.has(withoutArticle(sentTo.norm))))) {
      run.push(tokens[j], sentTo);
      if (tokens[j + 2] && isNisba(tokens[j + 2].norm)) run.push(tokens[j + 2]);
      break;
    }
    if (SUBJECT_STOPS.has(norm) || STOPWORDS.has(norm) || SPEECH_VERBS.has(norm) || isParticiple(norm) || HONORIFICS.has(norm)) break;
    // («صحيفة صباح»، «صحيفة اليوم»: right after a newspaper or a channel, a time word is its name.)
    const mediaName = run.length === 1 && MEDIA_HEADS.has(withoutArticle(run[0].norm)) && !/^(ال|وال)/.test(run[0].norm);
    if (KANA_FORMS.has(norm) || isQuantifier(norm) || (TIME_WORDS.has(norm) && !mediaName)) break;
    if (/^(ال|وال|لل|بال)/.test(norm)) {
      if (ROLE_HEADS.has(withoutArticle(norm)) && run.length > 1) break;
      // «وزارة الداخلية الكويتية القبض على…»، «الوزارة القدرة…»: after an adjective, or after a head with the
      // article (which takes no genitive), a definite word that is no adjective is the verb's object.
      const prev = run.at(-1)?.norm ?? '';
      const headDefinite = run.length === 1 && /^(ال|وال)/.test(prev);
      // «وزارة الأوقاف الاعتراف»: a construct takes one definite genitive; a second definite word must be an adjective.
      const secondGenitive = run.length > 1 && /^(ال|وال)/.test(prev);
      if ((headDefinite || secondGenitive) && /^ال/.test(norm) && !isAdjective(norm)) break;
      // «الشركة بالأمس»، «لجنة مكافحة الفساد التابعة لرئيس الوزراء بالتحقيق»: a time word behind a preposition, a
      // phrase with «ب», or «التابعة لـ» (what the body belongs to) end the name.
      if (/^(بال|لل)/.test(norm) && TIME_WORDS.has(`ال${norm.slice(3)}`)) break;
      if (headDefinite && /^لل/.test(norm)) break; // «الحزب للانتخابات البرلمانية»
      if (/^بال/.test(norm) || /^(التابع|التابعه)$/.test(norm)) break;
      run.push(tokens[j]);
      continue;
    }
    // «الاتحاد السعودي لكرة القدم»: ل glued to an indefinite noun that governs a definite one.
    if (/^ل[^ل]/.test(norm) && run.length > 1 && /^ال/.test(tokens[j + 1]?.norm ?? '') && !isGluedOutlet(norm)) {
      run.push(tokens[j], tokens[j + 1]);
      j++;
      continue;
    }
    // «رئيس» inside «مكتب رئيس الوزراء» is part of the name; an indefinite word after a definite one is not.
    // («الحركة تعيين نائبين»: after a head with the article too.)
    const afterDefinite = /^(ال|وال|لل|بال)/.test(run.at(-1)?.norm ?? '');
    if (afterDefinite || indefinite >= 3 || !/^[\p{L}]+$/u.test(tokens[j].text)) break;
    indefinite++;
    run.push(tokens[j]);
  }
  return run;
}

const MEDIA_HEADS: ReadonlySet<string> = new Set(['صحيفه', 'جريده', 'قناه', 'مجله', 'اذاعه']);
/**
 * The region a body's name can end on after «في»: «إقليم كردستان». Not «منطقة»: «معهد وودز هول لعلوم المحيطات في
 * منطقة كيب كود» is where the institute is, and two-word places would be cut.
 */
const REGION_HEADS: ReadonlySet<string> = new Set(['اقليم']);

/** A nisba adjective with the article: «الكويتية»، «السعودي». */
function isNisba(norm: string): boolean {
  return /^(ال|وال)/.test(norm) && /(ي|يه)$/.test(norm) && norm.length >= 5;
}

/** A definite adjective: a nisba, a participle («المتحدة»، «المستقلة»), an elative («الأعلى») or a common one. */
function isAdjective(norm: string): boolean {
  const bare = norm.replace(/^(ال|لل|بال)/, '');
  if (isNisba(`ال${bare}`)) return true;
  if (/^م/.test(bare) && bare.length >= 4 && !/(ين|ون)$/.test(bare)) return true;
  if (/^.ا..ه?$/.test(bare)) return true; // «العاملة»، «الفاخر»: an active participle
  if (/^ا..[يا]$/.test(bare)) return true;
  return COMMON_ADJECTIVES.has(bare);
}
const COMMON_ADJECTIVES: ReadonlySet<string> = new Set(
  'عام عامه حر حره كبير كبري خاص خاصه جديد جديده اول اولي ثاني عليا وطني اهلي صغري عظمي احمر دولي اوسط ادني اقصي ابيض اخضر ازرق اسود'.split(' '),
);

/** Bodies named in the article, in order, for resolving «الوزارة» or «البيان» to the name given in full. */
export function organisationsIn(paragraphs: string[], tokenized: Token[][] = paragraphs.map((p) => tokensOf(p))): string[][] {
  return paragraphs.map((_, n) => {
    const tokens = tokenized[n];
    const names: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (!isOrganisationHead(tokens[i].norm, tokens[i + 1]?.norm)) continue;
      const run = organisationRun(tokens, i);
      if (run.length > 1) names.push(join(run));
      i += run.length - 1;
    }
    return names;
  });
}

/** Occasions of speaking: «في تصريح»، «خلال مؤتمر صحفي»، «في حديث». */
const SPEECH_EVENTS: ReadonlySet<string> = new Set(
  'تصريح تصريحات حديث مقابله كلمه لقاء حوار مؤتمر ندوه اتصال تدوينه تغريده منشور'.split(' '),
);

const COMPLEMENTIZERS: ReadonlySet<string> = new Set(['ان', 'بان', 'انه', 'انها', 'وان', 'انهم']);

/** A name further inside a role's segment, after an honorific or closing it after a definite word. */
function nameInRoleSegment(segment: string): { kind: 'named'; name: string } | null {
  const all = tokensOf(segment).filter((t) => !isParticle(t));
  // «نائب رئيس هيئة العلاقات الخارجية في مقاطعة كوباني إدريس نعسان لـ«الشرق الأوسط»»: the outlet spoken to,
  // behind a glued preposition, is not part of the segment the name closes.
  // («الوزير في تصريح لموزاييك أف أم»: what follows «في تصريح» is where he spoke, not his name.)
  // («اشار الخبير الفرنسي في سلامة النقل الجوي كزافييه تييلمان الى "…"»: «إلى»/«عن» after a name word open the
  // verb's complement, round 13; not after «رافضا الكشف عن اسمه».)
  const end = all.findIndex((t, j) => (SPEECH_EVENTS.has(t.norm) && j > 0 && SUBJECT_STOPS.has(all[j - 1].norm)) || COMPLEMENTIZERS.has(t.norm) || (j >= 4 && OBJECT_PREPOSITIONS.has(t.norm) && isNameToken(all[j - 1].norm)) || SPEECH_VERBS.has(t.norm) || isParticiple(t.norm) || (j >= 3 && (/^لـ*$/.test(t.text) || (isGluedOutlet(t.norm) && !STOPWORDS.has(t.norm) && !SUBJECT_STOPS.has(t.norm)))));
  // («… خالد مشعل خلال مؤتمر»: the preposition before the occasion ends the segment too.)
  const stop = end > 0 && SPEECH_EVENTS.has(all[end].norm) && SUBJECT_STOPS.has(all[end - 1].norm) ? end - 1 : end;
  const tokens = stop >= 0 ? all.slice(0, stop) : all;
  if (tokens.length < 3) return null;
  const honorific = nameAfterHonorific(tokens);
  if (honorific?.kind === 'named') return { kind: 'named', name: honorific.name };
  const plain = tokens.filter((t) => !HONORIFICS.has(t.norm));
  const run = roleThenNameRun(plain, 2);
  return run?.kind === 'named' ? { kind: 'named', name: run.name } : null;
}
