import { STOPWORDS } from '../arabic/index.js';
import type { Article } from '../corpus/article.js';
import { DOCUMENT_HEADS, DOCUMENT_WORDS, HONORIFICS, INSTITUTIONS, INTRODUCERS, KANA_FORMS, NAMED_BODIES, PRESENT_SPEECH_VERBS, ROLE_HEADS, SPEECH_VERBS, SUBJECT_STOPS, TITLE_NOUNS } from './lexicon.js';

const isStop = (norm: string): boolean => SUBJECT_STOPS.has(norm);
import { scanQuoteMarks, type QuoteSpan } from './marks.js';
import type { Quote, SpeakerKind } from './quote.js';
export type { SpeakerKind } from './quote.js';
import {
  ALI_NAME,
  CLAUSE_OPENERS,
  SURE_GIVEN,
  familyNamesIn,
  isGluedNoun,
  isAudience,
  isGluedOutlet,
  isGluedNamedOutlet,
  isMissionHead,
  isNameToken,
  MAX_NAME_TOKENS,
  placeThenHonorific,
  isOrganisationHead,
  organisationsIn,
  isParticiple,
  isSpeechVerb,
  nameAfterRole,
  nameKeys,
  sameName,
  parseSubject,
  parseSubjectBefore,
  PersonRegistry,
  type Gender,
  isPrincipalRole,
  speaksForPrincipal,
  tokensOf,
  withoutArticle,
  withoutTitleDots,
  type Person,
  type Subject,
  type Token,
} from './speakers.js';

/**
 * A quotation has at least this many words. Quoted names and scare-quoted terms in the seeds run 1–3 words
 * («داعش»، «ماب»، «الممتازة»، «بناءة»، «الالتزام المشترك»، «يضطلع بدور ريادي»، «تعزيز هذا التعاون»); a
 * statement is a clause, and four words is about the shortest clause a speaker is quoted for. Longer quoted
 * names («التحالف الدولي لهزيمة تنظيم (داعش)») are kept out by the second rule: a quotation needs a reporting
 * verb or participle before it in its sentence.
 */
export const MIN_QUOTE_WORDS = 4;

/**
 * Who the text is currently reporting: a person, a body speaking in its own name (its name as the article gives it
 * in full), or an unnamed source (a group, «مصدر أمني») with its label.
 */
type Current = { person: Person } | { organisation: string } | { label: string } | null;


/**
 * A bare «وأضاف» reaches back at most this many paragraphs to its speaker. Reporters repeat the name or a
 * description when they come back to a speaker after other material; further back is more often a new,
 * unnamed voice than the old one.
 */
const MAX_PARAGRAPHS_TO_SPEAKER = 2;

interface PendingQuote {
  text: string;
  paragraph: number;
  start: number;
  end: number;
  speaker: Current;
}

/** A quotation with where it stands: `start`/`end` are offsets of the quoted words in its paragraph. */
export interface LocatedQuote extends Quote {
  start: number;
  end: number;
  speakerKind: SpeakerKind;
}

/**
 * Direct quotations of one article with their speakers, in reading order. Attribution follows the article:
 * each reporting verb with a subject changes the current speaker («قال سايلس»), a definite description
 * («المسؤول الأميركي») points back to the person already named, a bare verb or participle («وأضاف أن»،
 * «مشيرا إلى أن») keeps the current one.
 */
export function extractQuotes(article: Article): Array<Quote & { speakerKind: SpeakerKind }> {
  return extractLocatedQuotes(article).map(({ start: _start, end: _end, ...quote }) => quote);
}

/** extractQuotes with each quotation's offsets, for scoring against annotated spans (bench/quotes.ts). */
export function extractLocatedQuotes(article: Article): LocatedQuote[] {
  // (The speaker ranker of src/quotes/ranker.ts is not applied here: on text the rules were not tuned on it did not
  // choose better than they do; bench/train-quote-ranker.ts measures it.)
  return analyseQuotes(article).quotes;
}

/**
 * What the rules read in an article: the quotations with the speaker the rules chose, and every person and body the
 * narration named (the candidates a speaker can be, src/quotes/ranker.ts). The masked paragraphs and their tokens
 * are kept so that mentions are looked for in the narration only, never in the quotations' own words.
 */
export interface QuoteAnalysis {
  quotes: LocatedQuote[];
  people: Person[];
  bodies: string[];
  masked: string[];
  tokens: Token[][];
}

export function analyseQuotes(article: Article): QuoteAnalysis {
  const registry = new PersonRegistry();
  const recent: Person[] = [];
  let current: Current = null;
  let currentSetIn = 0;
  const pending: PendingQuote[] = [];
  // Quotations are found and masked first, so the article-wide scans read the narration only: «يجب أن يحرص
  // المصور» inside a quotation must not make «المصور» a family name.
  const spansOf = article.paragraphs.map((paragraph) => resolveSpans(paragraph));
  const shortOf = spansOf.map((spans, k) => spans.map((s) => isShortSpan(article.paragraphs[k], s)));
  const maskedParagraphs = article.paragraphs.map((paragraph, k) => maskSpans(paragraph, spansOf[k], shortOf[k]));
  const maskedTokens = maskedParagraphs.map((m) => tokensOf(m));
  const aloneAsSpeaker = speakersByOneWord(maskedTokens);
  const familyNames = familyNamesIn(maskedParagraphs, maskedTokens);
  const confirmedFamilyNames = repeatedFamilyNames(maskedParagraphs, maskedTokens, aloneAsSpeaker);
  for (const w of confirmedFamilyNames) familyNames.add(w);
  const organisations = organisationsIn(maskedParagraphs, maskedTokens);
  const namedBodies: string[] = [];
  /** Head nouns of the unnamed sources so far («دبلوماسي» for «دبلوماسي يتابع الوضع»), for a later «الدبلوماسي». */
  const unnamedHeads = new Set<string>();
  /** People named with a role in the narration, in reading order (not necessarily speakers). */
  const mentioned: Person[] = [];

  /** The paragraph where a person last became the current speaker. */
  let personSetIn = -Infinity;
  let paragraphNow = 0;
  const setPerson = (person: Person) => {
    const at = recent.indexOf(person);
    if (at >= 0) recent.splice(at, 1);
    recent.push(person);
    current = { person };
    personSetIn = paragraphNow;
  };
  /** Whether a body or an unnamed source has spoken yet (a role alone then need not be the one person quoted). */
  let othersSpoke = false;
  /** The people given a quotation so far. */
  const quotedPeople = new Set<Person>();
  const setCurrent = (next: Current, paragraphIndex: number) => {
    current = next;
    currentSetIn = paragraphIndex;
    if (next && !('person' in next)) othersSpoke = true;
  };

  /** Make the subject of a reporting verb (or of an attribution after the quote) the current speaker. */
  const applySubject = (subject: Subject, paragraphIndex: number, subjectText: string, verbGender: Gender | null = null) => {
    // «وذكرت النصرة أن…» after «وقالت جبهة النصرة»: one definite word that the rules cannot read, before «أن» or a
    // colon, and that ends the name of a body that has spoken, is that body speaking again — not whoever spoke
    // before (round 15).
    if (subject.kind === 'bare' && subjectText) {
      // (Only the first two words are read: the subject's text can run to the end of a long paragraph.)
      const [first, next] = tokensOf(/^\s*\S+(?:\s+\S+)?/.exec(subjectText)?.[0] ?? '');
      const alone = next === undefined ? /^\s*:?\s*$/.test(subjectText.slice(first?.end ?? 0)) : THAT_WORDS.has(next.norm) && /^\s+$/.test(subjectText.slice(first.end, next.start));
      const body = first && alone && /^ال/.test(first.norm) && !isRoleWord(first.norm)
        ? namedBodies.find((name) => {
            const keys = tokensOf(name).map((t) => t.norm);
            // («وأوضح التلفزيون أن…» after «وأعلن التلفزيون الكاميروني»: or its head, round 21.)
            return keys.length >= 2 && (keys.at(-1) === first.norm || keys[0] === first.norm);
          })
        : undefined;
      if (body) {
        namedBodies.push(body);
        setCurrent({ organisation: body }, paragraphIndex);
        return;
      }
    }
    if (subject.kind === 'named' && subject.weak) {
      const key = nameKeys(subject.name)[0];
      const known = registry.people.find((p) => p.keys.includes(key));
      if (known) setPerson(known);
      else setCurrent(null, paragraphIndex);
    } else if (subject.kind === 'named') {
      const person = registry.register(subject.name, subject.role);
      if (subject.quoted) person.quoted = true;
      setPerson(person);
    }
    else if (subject.kind === 'unnamed') {
      setCurrent({ label: subject.role }, paragraphIndex);
      const head = tokensOf(subject.role)[0];
      if (head) unnamedHeads.add(withoutArticle(head.norm));
    }
    else if (subject.kind === 'organisation' && subject.name === '' && current && !('label' in current) && paragraphIndex - currentSetIn <= 1) {
      // «وتابعت الرسالة»، «وأضاف البيان»: the document of whoever is speaking — their letter, their statement.
      setCurrent(current, paragraphIndex);
    } else if (subject.kind === 'organisation') {
      // («وأضاف بيان الأزهر» after «وقال الأزهر الشريف في بيان»: a body the rules read as a person's name is still
      // the fuller name a one-word body stands for; listed first, so a body's own mention wins.)
      const asPeople = tokensOf(subject.name).length === 1 ? registry.people.filter((p) => p.keys.length >= 2).map((p) => p.name) : [];
      const known = [...asPeople, ...organisations.slice(0, paragraphIndex + 1).flat(), ...namedBodies];
      const resolved = resolveOrganisation(subject.name, known);
      // («نفت بعثة الاتحاد الإفريقي في الصومال…»: the subject's parse ends at «في», the scan of bodies names the
      // mission in full; round 22.)
      const name = resolved && isMissionHead(tokensOf(resolved)[0]?.norm ?? '') ? (organisations.slice(0, paragraphIndex + 1).flat().find((o) => o.startsWith(`${resolved} `)) ?? resolved) : resolved;
      if (name) {
        namedBodies.push(name);
        setCurrent({ organisation: name }, paragraphIndex);
      } else setCurrent({ label: subjectText.trim().split(/[\s،,:]+/).slice(0, 2).join(' ') }, paragraphIndex);
    }
    else if (subject.kind === 'anaphor' && unnamedHeads.has(subject.head) && !registry.resolve(subject.head, recent, true) && !latestWithRole(mentioned, subject.head)) {
      // «وقال دبلوماسي يتابع الوضع…: "…"» … «وقال الدبلوماسي: "…"»: the description points back to the unnamed source
      // of that description, not to whoever was named last.
      setCurrent({ label: subject.description }, paragraphIndex);
    } else if (subject.kind === 'anaphor') {
      const person =
        surnameInDescription(registry.people, subject.description) ??
        registry.resolve(subject.head, recent, true) ??
        latestWithRole(mentioned, subject.head) ??
        // «الزعيم الأعلى» for «المرشد الأعلى علي خامنئي»، «المختص المالي» for «المحلل المالي»: no role with that
        // head, but one that shares the description's adjective.
        sharingDescription(subject.byRoleOnly ? recent.slice(-3) : recent, subject.description) ??
        // «حمل المستشار مرتضى منصور، رئيس مجلس إدارة نادي الزمالك، …» … «وأوضح رئيس الزمالك»: the description
        // matches the role set after the name as an apposition, which the person's role (given before it) lacks.
        apposedTo(recent.slice(-3), subject.description, maskedParagraphs.slice(0, paragraphIndex + 1)) ??
        (subject.personNoun && paragraphIndex - personSetIn <= 1 ? (recent.at(-1) ?? null) : null) ??
        // «اعتبر المرشح لرئاسة الفيفا الأمير علي بن الحسين…» … «أكد نائب رئيس الفيفا السابق "…"»: a definite role no
        // one was given, when one person alone has spoken so far (no other person, body or unnamed source) and
        // spoke in this paragraph or the one before, is that person described again (round 13).
        // (They must have been given a quotation already: a clause subject the rules misread, «جنوب البلاد», is not.)
        (subject.byRoleOnly && recent.length === 1 && quotedPeople.has(recent[0]) && !othersSpoke && paragraphIndex - personSetIn <= 1 ? recent[0] : null) ??
        // (Not someone the verb disagrees with: «ووصفت النائبة المتطرفة…» after «بنيامين نتنياهو» is not his, round 20.)
        (subject.byRoleOnly ? null : (agreesWith(recent.at(-1), verbGender) ?? (subject.head === '' ? mentioned.at(-1) : null) ?? null));
      if (person) {
        // «المسؤول الأميركي» is a fair role for a person the text gave none.
        if (!person.role && !subject.personNoun && subject.description.includes(' ')) person.role = subject.description;
        setPerson(person);
      } else setCurrent({ label: subject.description }, paragraphIndex);
    }
  };

  article.paragraphs.forEach((paragraph, paragraphIndex) => {
    paragraphNow = paragraphIndex;
    const spans = spansOf[paragraphIndex];
    const short = shortOf[paragraphIndex];
    const statementOpens = spans.filter((_, k) => !short[k]).map((s) => s.openAt);
    const masked = maskedParagraphs[paragraphIndex];
    const tokens = maskedTokens[paragraphIndex];
    const clauseStarts = clauseInitialTokens(masked, tokens);
    let t = 0;
    for (const span of [...spans, null]) {
      const limit = span ? span.openAt : masked.length;
      for (; t < tokens.length && tokens[t].start < limit; t++) {
        if (clauseStarts.has(t) && !isReportingVerbAt(tokens, t)) {
          // «ووصف رئيس القوات سمير جعجع زيارته…، مؤكدا أن «…»»، «وحرصت حسيب على…، وتقول "…"»: the subject of a
          // clause's first verb, whatever the verb, is who the next bare «وأضاف» or «مؤكدا» speaks for.
          const subject = clauseSubject(masked, tokens, t, familyNames, registry, confirmedFamilyNames);
          if (subject) {
            currentSetIn = paragraphIndex;
            applySubject(subject, paragraphIndex, '');
          }
        }
        if (isRoleOrHonorific(tokens[t].norm) && !clauseStarts.has(t) && (t === 0 || !isReportingVerbAt(tokens, t - 1))) {
          // «مع الرئيس الأمريكي باراك أوباما»، «وفقا للمخرج سام منديز»: a person named with a role anywhere in the
          // narration, so that «وقال المخرج» later, or a surname alone, can be read as them.
          const marked = nameAfterRole(tokensOf(firstPhrase(masked.slice(tokens[t].start, tokens[t].start + MENTION_CHARS))));
          // «بوزير الخارجية» → «وزير الخارجية», «للمخرج» → «المخرج»: the role without the preposition glued to it.
          const glued = !isRoleWord(tokens[t].norm) && !HONORIFICS.has(tokens[t].norm);
          if (marked) {
            const role = glued ? marked.role.replace(/^(لل|ل|ب)/, (m) => (m === 'لل' ? 'ال' : '')) : marked.role;
            mentioned.push(registry.register(marked.name, role || null));
          }
        }
        if (SOURCE_LEADS.has(tokens[t].norm) && tokens[t + 1]) {
          // «… وفقا للمخرج سام منديز»، «بحسب مصادر أمنية»: the narration names its source, who then goes on speaking.
          const from = tokens[t + 1].start;
          // «وبحسب المتحدث باسم الشرطة أحمد سالم فإن "…"»: «فإن» answers the lead and ends its source.
          // («… فان "…"»: «فإن» written without its hamza, right before the masked quotation.)
          // («وبحسب ما أفاد به شهود عيان…»: what the source told, «ما أفاد به», comes before the source.)
          const text = masked
            .slice(from, from + CLAUSE_SUBJECT_CHARS)
            .split(/\s[فو]إن|\s[فو]ان(?=\s{3,}|\s*$)/)[0]
            .replace(/^ما\s+\S+\s+(?:به|بها|بهم)\s+/, '')
            .replace(/^لل/, 'ال')
            .replace(/^لـ?\s*/, '');
          // «بحسب ما افاد الاربعاء مسؤول محلي وكالة فرانس برس»: past the verb (and the day it was told) stands the
          // source — when that is a person or an unnamed official; an outlet there («بحسب ما نقلت صحيفة سورية عن
          // زوجة الشيخ») carried someone else's words, and is no speaker (round 21).
          // (Not a verb with its object pronoun, «بحسب ما ذكره…»، read as before.)
          const pastVerb = text.replace(/^ما\s+\S+(?<!ه|ها)\s+(?:(?:أمس|امس|اليوم|ال(?:سبت|أحد|احد|اثنين|إثنين|ثلاثاء|أربعاء|اربعاء|خميس|جمعة))\s+)?/, '');
          const toldBy = pastVerb !== text ? parseSubject(pastVerb, familyNames) : null;
          const subject = toldBy && (toldBy.kind === 'unnamed' || (toldBy.kind === 'named' && toldBy.role !== null)) ? toldBy : parseSubject(text, familyNames);
          const asFor = FOR_LEADS.includes(tokens[t].norm);
          // «حسب نظام…» names no one: a person here needs a role («وفقا للمخرج سام منديز») or to be known already.
          const person = subject.kind === 'named' && (subject.role !== null || registry.people.some((p) => sameName(p.keys, nameKeys(subject.name))));
          if (person || (!asFor && (subject.kind === 'unnamed' || (subject.kind === 'organisation' && subject.name)))) {
            currentSetIn = paragraphIndex;
            applySubject(subject, paragraphIndex, '');
          }
        }
        // The subject runs to the next quotation; a quoted name inside it («رئيس حزب «القوات اللبنانية» الدكتور
        // سمير جعجع») is left readable by maskSpans and does not end it.
        const nextOpen = statementOpens.find((at) => at > tokens[t].end) ?? masked.length;
        if (!isReportingVerbAt(tokens, t) && !sayingNounAt(tokens, t, masked, nextOpen)) continue;
        const an = naqalaAn(tokens, t);
        // («وبحسب ما أفاد به شهود عيان»، «وفق ما صرح به الوزير»: the pronoun after the verb is what was said; the subject
        // follows it. Only after «بحسب/وفق ما»: in a column's «وبما قال به الشيخ…» the writer goes on speaking.)
        const sourceLed = t >= 2 && tokens[t - 1].norm === 'ما' && SOURCE_LEADS.has(tokens[t - 2].norm);
        // («وقال عنها أنطونيو أولينتو: "…"»، «قال عنه أمين الريحاني»: who or what was spoken of, then the subject, round 21.)
        // (Not after a relative, «الذي قال عنه نصا…»: the subject is the antecedent; and a name must follow.)
        const spokenOf =
          /^(عنه|عنها|عنهم|عنهما)$/.test(tokens[t + 1]?.norm ?? '') && /^[وف]?(قال|قالت|يقول|تقول)$/.test(tokens[t].norm) &&
          !(t > 0 && RELATIVES.has(tokens[t - 1].norm)) && nameOrRoleAt(tokens[t + 2]);
        const objectPronoun = (sourceLed && /^(به|بها|بهم)$/.test(tokens[t + 1]?.norm ?? '')) || spokenOf ? tokens[t + 1] : null;
        const subjectFrom = an >= 0 ? tokens[an].end : isJaaFi(tokens, t) ? tokens[t + 1].end : objectPronoun ? objectPronoun.end : tokens[t].end;
        let subject = preferFirstMarkedName(parseSubject(masked.slice(subjectFrom, nextOpen), familyNames, confirmedFamilyNames), masked.slice(subjectFrom, nextOpen));
        // «وقال المتحدث باسم الرئيس الروسي فلاديمير بوتين إن…» after «الرئيس الروسي فلاديمير بوتين» was named: the name
        // is the principal's, whom the article gave that office, and the spokesman is unnamed (round 18).
        if (subject.kind === 'named' && subject.role && !subject.principal && speaksForPrincipal(tokensOf(subject.role))) {
          const keys = nameKeys(subject.name);
          const principal = registry.people.find((p) => sameName(p.keys, keys) && p.role !== null && isPrincipalRole(p.role));
          if (principal) subject = { kind: 'unnamed', role: `${subject.role} ${subject.name}` };
        }
        // «وقالت "هيومن رايتس ووتش" في تقرير:»: the name in marks right after the verb is the subject; when the rules
        // cannot read it as a person, it is a body or an outlet, named as the marks give it (round 15).
        // (Only the first span after the verb can stand right after it.)
        const nextSpan = spans.find((s) => s.openAt > tokens[t].end);
        const quotedSubject = nextSpan && /^\s+$/.test(paragraph.slice(tokens[t].end, nextSpan.openAt)) && isQuotedSubject(paragraph, nextSpan) ? nextSpan : undefined;
        if (quotedSubject && subject.kind !== 'named' && subject.kind !== 'organisation') {
          subject = { kind: 'organisation', name: cleanQuoteText(paragraph.slice(quotedSubject.start, quotedSubject.end)) };
        }
        // «ووصف نتنياهو الهجوم بأنه»، «وتابع أوباما الجلسات»: after a verb that takes an object, a definite noun that
        // is no nisba after a one-word name is that object, not a family name.
        const bareVerb = tokens[t].norm.replace(/^[وف](?=...)/, '');
        // (Not when a role follows the name, «وكشف دخيل الطيار مدير الصالة…»: the apposition shows where the name ends.)
        // (…also behind an honorific: «وعلق الدكتور طارق الحبيب بروفيسور واستشاري الأمراض النفسية».)
        const roleAfterName = roleFollowsName(masked.slice(subjectFrom, nextOpen), subject);
        // (Not when the article makes that word alone a speaker elsewhere, «وقال العساف»: then it is a family name —
        // «أعلن وزير المالية إبراهيم العساف عن…» is «إبراهيم العساف».)
        if (subject.kind === 'named' && !roleAfterName && (OBJECT_VERBS.has(bareVerb) || OPINION_VERBS.has(bareVerb)) && hasCommonNounFamily(subject.name)) {
          const named = tokensOf(subject.name);
          // («ووصف رئيس الوزراء بنيامين نتنياهو الهجوم…»: with a given name before it, the name keeps both words, and
          // three words are cut only where the article calls the person by the middle one alone.)
          // (Not after a given name that is never anything else: «وصف رئيس المجلس محمد الناصر إقرار القانون…» is
          // «محمد الناصر», round 20.)
          const surelyGiven = named.length === 2 && SURE_GIVEN.test(named[0].norm);
          if (!surelyGiven && !aloneAsSpeaker.has(named.at(-1)?.norm ?? '') && (named.length === 2 || aloneAsSpeaker.has(named[1].norm))) {
            const kept = named.length >= 3 ? subject.name.slice(0, named.at(-2)!.end).trim() : named[0].text;
            subject = { kind: 'named', name: kept, role: subject.role, ...(subject.role || named.length >= 3 ? {} : { weak: true }) };
          }
        }
        // «قال المدير العام التنفيذي لمستشفى الملك خالد التخصصي للعيون، استشاري…، الدكتور عبدالإله بن عباد الطويرقي «…»»:
        // an honorific and a name closing the subject, right before the quotation, name the speaker whatever the
        // role chain before them holds.
        const closing = nameClosingSubject(masked.slice(subjectFrom, nextOpen), familyNames);
        if (closing && !(subject.kind === 'named' && closing.name.includes(subject.name))) subject = closing;
        // «وقالت الشركة على لسان مديرها التنفيذي جون سميث»: the body speaks through the person named after «على لسان».
        const mouth = onTheTongueOf(masked.slice(subjectFrom, nextOpen), familyNames);
        if (mouth) subject = mouth;
        // «وقال رومنيجه للصحفيين»: after a verb that takes no object, the lone word is its subject; after one that
        // does («كشف استطلاع للرأي») it stays weak and must be someone already named.
        if (subject.kind === 'named' && subject.weak && !OBJECT_VERBS.has(tokens[t].norm.replace(/^[وف](?=...)/, ''))) {
          subject = { kind: 'named', name: subject.name, role: subject.role };
        }
        // «قال نائب المتحدث باسم صحة تبوك "صالح القرعوطي": "…"»، «وأردف "الزهراني": "…"»: a name in marks closing
        // the subject is the speaker's name, whatever the role before it looks like.
        // (Only when the subject names no one itself: «وقال الأمير خالد آل سعود … بموقع "تويتر"» is خالد آل سعود.)
        const quoted = subject.kind === 'named' ? null : quotedNameInSubject(paragraph, spans, short, tokens[t].end, nextOpen, familyNames);
        if (quoted) subject = quoted;
        // «أماط رئيس لجنة الاحتراف د. عبد الله البرقان اللثام…» … «وقال "البرقان": "…"»: a word the subject parse
        // cannot read as a name is the family name of a person the article has named in full — that person.
        if (subject.kind === 'bare' && subject.unread) {
          const first = tokensOf(masked.slice(subjectFrom, nextOpen)).find((w) => !HONORIFICS.has(w.norm));
          const known = first && registry.people.filter((p) => p.keys.length >= 2 && p.keys.at(-1) === first.norm);
          if (known && known.length === 1) subject = { kind: 'named', name: known[0].name, role: null };
        }
        const issuer = subject.kind === 'bare' ? documentIssuer(masked, tokens, t, familyNames) : null;
        // «…بالهجوم الانتحاري الذي قال: إن…»: after a relative pronoun the verb's subject is its antecedent, read
        // below; the words before it belong to another clause («أن الشرطة التركية تعرفت على…»).
        const afterRelative = t > 0 && RELATIVES.has(tokens[t - 1].norm);
        if (issuer) subject = issuer;
        else if (subject.kind === 'bare' && !afterRelative && (!startsWithConjunction(tokens[t].norm) || afterAmma(masked, tokens[t].start))) {
          // «وكان مروان دماج … قد أكد»، «الأمير خالد الفيصل قال»: the subject stands before the verb. A verb with
          // و/ف opens a new clause, so whatever precedes it belongs to another one.
          const verbAt = tokens[t].start;
          // «وأشار إلى أن رئيس الوزراء إبراهيم محلب أكد أن "…"»: the clause of this verb starts after «أن».
          const complementizer = lastComplementizerEnd(tokens, t);
          const clauseStart = Math.max(sentenceStart(masked, verbAt), masked.lastIndexOf(':', verbAt - 1) + 1, complementizer);
          let before = parseSubjectBefore(masked.slice(clauseStart, verbAt), familyNames);
          // After «أن» a single word before the verb is more often another verb («بعد أن ظلت ترى») than a name.
          if (complementizer > 0 && complementizer === clauseStart && before.kind === 'named' && !before.role && tokensOf(before.name).length < 2) {
            const keys = nameKeys(before.name);
            if (!registry.people.some((p) => sameName(p.keys, keys))) before = { kind: 'bare' };
          }
          if (before.kind !== 'bare' || !(subject.kind === 'bare' && subject.unread)) subject = before;
        }
        if (subject.kind === 'bare') subject = relativeAntecedent(masked, tokens, t, familyNames, registry) ?? subject;
        if (subject.kind === 'bare' && !subject.unread) subject = commentAuthor(masked, tokens, t, registry) ?? subject;
        if (paragraphIndex - currentSetIn > MAX_PARAGRAPHS_TO_SPEAKER) current = null;
        currentSetIn = paragraphIndex; // a bare «وأضاف» carries the speaker on from here
        // «وأضاف العطية» with «العطية» unread: someone new speaks, so the previous speaker must not go on.
        // (Not after a verb that takes an object: «وتابع الجلسات»، «وواصل الدفاع» are the same speaker acting.)
        if (subject.kind === 'bare' && subject.unread && !OBJECT_VERBS.has(tokens[t].norm.replace(/^[وف](?=...)/, ''))) {
          setCurrent(null, paragraphIndex);
        }
        // «ويقولون: "…"» after «ويجادل بعض المسؤولين…»: a plural verb with no subject is a group speaking, never
        // the one person or body speaking before.
        // (Not inside a clause after «أن»: in «…أن المتهمين اعترفوا "…"» the body relaying it still speaks.)
        if (subject.kind === 'bare' && isPluralVerb(tokens[t].norm) && (startsWithConjunction(tokens[t].norm) || lastComplementizerEnd(tokens, t) === 0) && current && !('label' in current)) {
          setCurrent(null, paragraphIndex);
        }
        // «وأضاف: "…"» after «نوهت وزارة الداخلية»: a masculine verb does not agree with a body whose name is
        // feminine (its head in ة), so the body is not who goes on speaking; the person who spoke last is, when
        // they spoke within the last paragraphs, else no one we can name.
        if (subject.kind === 'bare' && !subject.unread && current && 'organisation' in current && isMasculineVerb(tokens[t].norm) && isFeminineBody(current.organisation)) {
          const person = recent.at(-1);
          if (person && paragraphIndex - personSetIn <= MAX_PARAGRAPHS_TO_SPEAKER) setPerson(person);
          else setCurrent(null, paragraphIndex);
        }
        // «قالت سامية…» … «فقال عز…» … «فضحكت ضحكتها العالية، وقالت: "…"»: a bare verb opening its clause that does not
        // agree with the person speaking (a feminine verb after a man named by «قال», or the reverse) goes back to
        // the last person of its gender who was quoted, when one spoke within the last paragraphs (round 18). Only
        // then: a woman holding a masculine title is often «وأضاف» («المدير العام المساعد ماريا هيلينا سيميدو»), and
        // inside «أن» the verb agrees with another subject («ذكر أن المملكة أوضحت أن "…"»).
        const verbGender = genderOfVerb(tokens[t].norm);
        const opensClause = startsWithConjunction(tokens[t].norm) && lastComplementizerEnd(tokens, t) === 0;
        if (subject.kind === 'bare' && !subject.unread && verbGender && opensClause && current && 'person' in current && current.person.gender && current.person.gender !== verbGender) {
          const speaking = current.person;
          // (Someone already given a quotation: a clause subject the rules misread is no one to go back to.)
          const person = [...recent].reverse().find((p) => p.gender === verbGender && p !== speaking && quotedPeople.has(p));
          if (person && paragraphIndex - personSetIn <= MAX_PARAGRAPHS_TO_SPEAKER) setPerson(person);
        }
        if (subject.kind === 'organisation' && subject.name) {
          // «وأشار التقرير الذي أصدرته شركة الأبحاث "البن كابيتال" إلى أن…»: the body's own name is in marks.
          const inMarks = bodyNamedInMarks(paragraph, spans, short, subject.name, sentenceStart(masked, tokens[t].start), nextOpen);
          if (inMarks) subject = { ...subject, name: inMarks };
        }
        applySubject(subject, paragraphIndex, masked.slice(tokens[t].end, nextOpen), verbGender);
        if (subject.kind === 'named' && verbGender && current && 'person' in current) current.person.gender ??= verbGender;
      }
      if (!span) break;
      const text = cleanQuoteText(paragraph.slice(span.start, span.end));
      const words = tokensOf(text).length;
      // «قال رسول الله ــ صلى الله عليه وسلم:» then «قتل المؤمن…» as a paragraph of its own: a quotation opening its
      // paragraph, after a paragraph that ends with a reporting verb's colon, is what that colon introduced (round
      // 13; not after «المادة الثامنة:», a document's text).
      const previous = paragraphIndex > 0 ? maskedParagraphs[paragraphIndex - 1].trimEnd() : '';
      const introducedAbove = masked.slice(0, span.openAt).trim() === '' && previous.endsWith(':') && endsWithReporting(previous);
      const cue = introducedAbove ? 'speech' : attributionCue(masked, span.openAt);
      // «"النادي يعلم رغبتي، أريد الرحيل"، هذا ما قاله موتا»: the attribution can follow the quotation.
      const after = cue === 'speech' ? null : attributionAfter(masked, span.end + 1, familyNames);
      if (cue !== 'speech' && !after) continue;
      if (words < MIN_QUOTE_WORDS && !(words >= 2 && (isCompleteUtterance(masked, span) || closesClauseAfterThat(paragraph, span))) && !(words === 3 && (followsIntroducer(paragraph, span.openAt) || threeWordStatement(paragraph, span)))) {
        continue;
      }
      if (followsTitleNoun(paragraph, span.openAt, span)) continue;
      if (isQuotedPersonName(paragraph, span) || isQuotedSubject(paragraph, span)) continue;
      if (quranQuoted(masked, span.openAt)) continue;
      if (after) {
        currentSetIn = paragraphIndex;
        applySubject(after, paragraphIndex, '');
      }
      // «أن النبي -صلى الله عليه وسلم- قال: "…"»، «في حديث رسول الله صلى الله عليه وسلم: "…"»: a hadith is the
      // Prophet's words. He is not made the current speaker: the preacher or columnist quoting him goes on after it.
      const prophet = introducedAbove ? prophetQuoted(previous, previous.length) : prophetQuoted(masked, span.openAt);
      // (Kept out of the registry, so that completing names never makes him «قول النبي».)
      const speaker = prophet ? { person: { name: PROPHET, keys: [], role: null } } : paragraphIndex - currentSetIn <= MAX_PARAGRAPHS_TO_SPEAKER ? current : null;
      if (speaker && 'person' in speaker && !prophet) quotedPeople.add(speaker.person);
      pending.push({ text, paragraph: paragraphIndex, start: span.start, end: span.end, speaker });
    }
  });

  completeNames(registry, maskedParagraphs, maskedTokens, aloneAsSpeaker);
  trimUnrepeatedTails(registry, maskedTokens);
  const bodies = [...new Set([...organisations.flat(), ...namedBodies])];
  const quotes = pending.map((q) => ({
    articleId: article.id,
    text: q.text,
    speaker: q.speaker && 'person' in q.speaker ? q.speaker.person.name : q.speaker && 'organisation' in q.speaker ? q.speaker.organisation : null,
    speakerRole: !q.speaker || 'organisation' in q.speaker ? null : 'person' in q.speaker ? q.speaker.person.role : q.speaker.label,
    speakerKind: (q.speaker && 'person' in q.speaker ? 'person' : q.speaker && 'organisation' in q.speaker ? 'organisation' : 'unnamed') as SpeakerKind,
    paragraph: q.paragraph,
    start: q.start,
    end: q.end,
  }));
  return { quotes, people: registry.people, bodies, masked: maskedParagraphs, tokens: maskedTokens };
}

/**
 * A name set in marks at the end of a reporting verb's subject (SaudiNewsNet's sabq writes names so): «قال نائب
 * المتحدث الإعلامي باسم صحة تبوك "صالح القرعوطي": "…"»، «ويقول عنك "كوشنير" وزير خارجية فرنسا: "…"»، «وأردف
 * "العمري": "…"». The quoted words must all be name words (one to three), with nothing before them in the subject but
 * a role or adverbs («عنك»), and nothing after them but a role; so a quoted outlet spoken to («لـ"عكاظ"») or a
 * platform («عبر حسابه في "تويتر"») is not taken.
 */
function quotedNameInSubject(paragraph: string, spans: QuoteSpan[], short: boolean[], from: number, to: number, familyNames: ReadonlySet<string> = new Set()): Subject | null {
  for (let k = spans.length - 1; k >= 0; k--) {
    const span = spans[k];
    if (!short[k] || span.openAt < from || span.end >= to) continue;
    const words = tokensOf(paragraph.slice(span.start, span.end));
    // «وأوضحت المواطنة "ب.و" لـ"سبق"»: the outlet spoken to closes the subject; the name may stand before it.
    if (/(^|\s)لـ?\s*$/.test(paragraph.slice(from, span.openAt)) && k > 0) continue;
    // «الناطق باسم شبكة «الجزيرة» على "تويتر"»: after a preposition the quoted words are a place or a platform.
    const lastBefore = tokensOf(paragraph.slice(from, span.openAt)).at(-1)?.norm ?? '';
    if (STOPWORDS.has(lastBefore) || isStop(lastBefore)) return null;
    // «المواطنة "ب.و"»: sabq withholds a private person's name behind initials, which are the name as given.
    const quotedText = paragraph.slice(span.start, span.end).trim();
    const initials = /^\p{L}{1,3}(\s?\.\s?\p{L}{1,3}){1,3}\.?$/u.test(quotedText);
    // («وقال "البرقان": "…"»: a family name the article gives after a given name elsewhere, alone in marks.)
    const familyAlone = words.length === 1 && words[0].norm.startsWith('ال') && familyNames.has(words[0].norm);
    if (!initials && !familyAlone && (words.length === 0 || words.length > 3 || !words.every((w) => isNameToken(w.norm) || NAME_LINKS.has(w.norm)))) return null;
    const before = paragraph.slice(from, span.openAt);
    if (/(^|\s)[لب]ـ?\s*$/.test(before) || /[،,.:;؛]/.test(before)) return null;
    const lead = tokensOf(before).filter((w) => !HONORIFICS.has(w.norm));
    const roleLead = lead.length > 0 && ROLE_HEADS.has(withoutArticle(lead[0].norm));
    if (!roleLead && !lead.every((w) => ADVERBS_OR_ABOUT.has(w.norm))) return null;
    const after = paragraph.slice(span.end + 1, to).replace(/[\s:،,]+$/, '').trim();
    const afterTokens = tokensOf(after);
    // (…or the outlet spoken to: «"ب.و" لـ"سبق"».)
    const toOutlet = (afterTokens.length > 0 && /^لـ?$/.test(afterTokens[0].norm)) || (isGluedOutlet(afterTokens[0]?.norm ?? '') && !isAudience(afterTokens[0].norm));
    if (afterTokens.length > 0 && !toOutlet && !ROLE_HEADS.has(withoutArticle(afterTokens[0].norm))) return null;
    const role = roleLead ? before.trim() : afterTokens.length > 0 && !toOutlet ? after : null;
    return { kind: 'named', name: initials ? quotedText.replace(/\s+/g, '') : words.map((w) => w.text).join(' '), role, quoted: true };
  }
  return null;
}
/** «يقول عنك»، «قال عنه»: nothing but these may stand between the verb and a quoted name. */
const ADVERBS_OR_ABOUT: ReadonlySet<string> = new Set(['عنه', 'عنها', 'عنك', 'عنهم', 'ايضا', 'بدوره', 'بدورها']);

/**
 * «وأخيرا يأخذني قول أحد مستشاري الرئيس الروسي: "…"»: the noun «قول» (a saying) in construct with the speaker,
 * right before a colon and the quotation, introduces it as a reporting verb does. Only so: «لا يمكنني قول المزيد»
 * is a verbal noun in the narration, and reading a subject there would stop the current speaker.
 */
function sayingNounAt(tokens: Token[], t: number, masked: string, nextOpen: number): boolean {
  if (!SAYING_NOUNS.has(tokens[t].norm)) return false;
  const between = masked.slice(tokens[t].end, nextOpen);
  return /:\s*$/.test(between) && !/[.!?؟،,]/.test(between) && tokensOf(between).length <= 10;
}
const SAYING_NOUNS: ReadonlySet<string> = new Set(['قول', 'وقول', 'بقول']);

/** The Prophet as the development set names him (issue 9: «a hadith quoted in a column is the Prophet's»). */
export const PROPHET = 'النبي';

/** Words of the blessing that follows the Prophet's name: «صلى الله عليه وسلم»، «عليه الصلاة والسلام»، «صلوات الله وسلامه عليه». */
const BLESSING: ReadonlySet<string> = new Set(['صلي', 'الله', 'عليه', 'واله', 'وصحبه', 'وسلم', 'الصلاه', 'والسلام', 'صلوات', 'وسلامه', 'ﷺ']);
/** «بقوله»، «قوله»: the Prophet's saying named right before the mark. */
const SAYING_WORDS: ReadonlySet<string> = new Set(['بقوله', 'قوله', 'وقوله', 'بقول', 'قول', 'يقول', 'قال']);
/** Nouns for what he said, standing before his name: «في حديث رسول الله»، «قول سيد البشر»، «بوصية النبي». */
const PROPHET_SAYINGS: ReadonlySet<string> = new Set(['حديث', 'قول', 'وصيه', 'لسان', 'سنه', 'هدي']);
/** Words after a reference, in search form, that make it one only with the blessing after it («الرسول» is any messenger). */
const PROPHET_SECOND: ReadonlySet<string> = new Set(['الله', 'الهدي', 'الرحمه', 'البشر', 'الخلق', 'المرسلين', 'الانبياء']);

/**
 * Is the quotation opening at `openAt` a hadith — the Prophet named in its sentence, with at most a few words
 * between him and the mark («رسول الهدى صلوات الله وسلامه عليه عن شرفها وخيريتها بقوله: "…"»)? A reporting verb
 * among those words must be the last one (his «قال»/«يقول»), so «…قال النبي…، فقال الصحابي: "…"» is not his.
 * «النبي»، «نبينا»، «رسول الله»، «نبي الرحمة» count alone; «الرسول»، «المصطفى»، «سيد البشر» only with the blessing.
 */
function prophetQuoted(masked: string, openAt: number): boolean {
  const tokens = tokensOf(masked.slice(sentenceStart(masked, openAt), openAt));
  // «قال صلى الله عليه وسلم "…"»: a verb of saying followed by the blessing alone, his name left out — only he is
  // blessed so. (The blessing must hold «صلى» or «ﷺ»: «عليه» alone follows other names.)
  const verb = tokens.findLastIndex((t) => isSpeechVerb(t.norm) || SAYING_WORDS.has(t.norm));
  const blessing = verb >= 0 ? tokens.slice(verb + 1) : [];
  if (blessing.length > 0 && blessing.every((t) => BLESSING.has(t.norm)) && blessing.some((t) => t.norm === 'صلي' || t.norm === 'ﷺ')) return true;
  for (let r = tokens.length - 1; r >= 0; r--) {
    const norm = tokens[r].norm.replace(/^[وفبل](?=ال)/, '');
    const next = tokens[r + 1]?.norm ?? '';
    let end = -1; // the index after the reference
    let sure = false;
    if (norm === 'النبي' || norm === 'نبينا' || norm === 'رسولنا') [end, sure] = [r + 1, norm !== 'رسولنا'];
    else if ((norm === 'نبي' || norm === 'رسول' || norm === 'سيد' || norm === 'خاتم') && PROPHET_SECOND.has(next)) [end, sure] = [r + 2, norm !== 'سيد' && norm !== 'خاتم'];
    else if (norm === 'الرسول' || norm === 'المصطفي') end = r + 1;
    if (end < 0) continue;
    const blessed = end < tokens.length && BLESSING.has(tokens[end].norm) && tokens[end].norm !== 'الله';
    if (!sure && !blessed) return false;
    const rest = tokens.slice(end).filter((t) => !BLESSING.has(t.norm));
    const verbAt = rest.findIndex((t) => isSpeechVerb(t.norm) || SAYING_WORDS.has(t.norm));
    // He must be the one saying it: nothing after him but the blessing («في حديث رسول الله صلى الله عليه وسلم:»),
    // his own verb last («… قال:»، «… بقوله:»), or a saying of his before him and a colon («قول سيد البشر …، ولكأنه
    // يراهم اليوم:»). «تعود إلى عصر النبي محمد وأن هذه المخطوطة «…»» only mentions him.
    const sayingBefore = r > 0 && PROPHET_SAYINGS.has(tokens[r - 1].norm.replace(/^[وفب](?=...)/, '')) && /:\s*$/.test(masked.slice(0, openAt));
    // …or his verb right before him, the words after him an adverbial ending at the colon («قال رسول الله ــ صلى
    // الله عليه وسلم ــ في ثنايا خطبته: «…»», round 13).
    const verbBefore = r > 0 && (isSpeechVerb(tokens[r - 1].norm) || SAYING_WORDS.has(tokens[r - 1].norm)) && /:\s*$/.test(masked.slice(0, openAt));
    const his = rest.length === 0 || verbAt === rest.length - 1 || sayingBefore || (verbBefore && verbAt < 0);
    return rest.length <= 6 && (verbAt < 0 || verbAt === rest.length - 1) && his;
  }
  return false;
}

/** Words of the praise after God's name: «قال الله تعالى»، «يقول سبحانه وتعالى»، «قال عز وجل». */
const GOD_PRAISE: ReadonlySet<string> = new Set(['الله', 'تعالي', 'سبحانه', 'وتعالي', 'عز', 'وعز', 'وجل', 'جل', 'جلاله', 'شانه', 'الحق', 'تبارك']);

/**
 * A verse of the Quran under «قال الله تعالى "…"»، «يقول سبحانه: "…"»، «قوله تعالى»: a verse is not a quotation
 * (the development set's convention since tune4), so it is not extracted (round 13).
 */
function quranQuoted(masked: string, openAt: number): boolean {
  // («بقول الحق تبارك وعز: «…»»: «وعز» closes the praise too, round 21.)
  if (!/(تعال[ىي]|سبحانه|وجل|وعز)[\s:،,]*$/.test(masked.slice(Math.max(0, openAt - 30), openAt))) return false;
  const tokens = tokensOf(masked.slice(sentenceStart(masked, openAt), openAt));
  const verb = tokens.findLastIndex((t) => isSpeechVerb(t.norm) || SAYING_WORDS.has(t.norm));
  const praise = verb >= 0 ? tokens.slice(verb + 1) : [];
  return praise.length > 0 && praise.every((t) => GOD_PRAISE.has(t.norm)) && praise.some((t) => t.norm === 'تعالي' || t.norm === 'وتعالي' || t.norm === 'سبحانه' || t.norm === 'وجل' || t.norm === 'وعز');
}

/** Openers after which a clause begins behind a comma: «من جهة أخرى، وجه…»، «بدوره، قال…»، «في الغضون، أعلن…». */
const CLAUSE_LEADS: ReadonlySet<string> = new Set(['من', 'ومن', 'في', 'وفي', 'بدوره', 'بدورها', 'وبدوره', 'وبدورها', 'الي', 'والي', 'على', 'وعلى']);
/** «While»: a sentence opening with one of them puts its main clause after the first comma. */
const WHILE_LEADS: ReadonlySet<string> = new Set(['فيما', 'وفيما', 'بينما', 'وبينما']);
/** How far a «while» clause is looked through for its comma (a longer one is rarely read right). */
const WHILE_CLAUSE_TOKENS = 30;

/**
 * Tokens that open a clause: a paragraph's first word, the first word after a full stop, and the first word after
 * the comma that ends an opener («من جانبه، …»). Computed once per paragraph, in one pass.
 */
function clauseInitialTokens(masked: string, tokens: Token[]): Set<number> {
  const starts = new Set<number>();
  const stopAt = (from: number, to: number): boolean => {
    for (let k = from; k < to; k++) {
      const c = masked[k];
      if (c === '.' || c === '!' || c === '?' || c === '؟') return true;
    }
    return false;
  };
  for (let i = 0; i < tokens.length; i++) {
    // «…، في حين وصف رئيس المجلس محمد الناصر إقرار القانون…، مؤكدا أن «…»»: «في حين» after a comma opens a clause of
    // its own, whose verb's subject a participle after it speaks for (round 15).
    if (tokens[i].norm === 'في' && tokens[i + 1]?.norm === 'حين' && tokens[i + 2] && i > 0 && /[،,]/.test(masked.slice(tokens[i - 1].end, tokens[i].start))) starts.add(i + 2);
    // «…نصيرا)" كما تفاعل عادل الجبير… وكتب "…"»: a quotation (masked to spaces; twelve blanks and more is a
    // quotation of four words and more, not spacing) ends its sentence as a stop does.
    // (Only a word that links a new clause, «كما» or a verb with و/ف: «…" يرحم الله الشيخ» is no new speaker's clause.)
    const afterQuotation = i > 0 && /^([وف].{2,}|و?كما)$/.test(tokens[i].norm) && /\s{12,}/.test(masked.slice(tokens[i - 1].end, tokens[i].start)) && /^[\s:]+$/.test(masked.slice(tokens[i - 1].end, tokens[i].start));
    if (i > 0 && !afterQuotation && ((tokens[i].start === tokens[i - 1].end + 1 && masked[tokens[i - 1].end] === ' ') || !stopAt(tokens[i - 1].end, tokens[i].start))) continue;
    if (i > 0 && isAbbreviation(tokens[i - 1])) continue; // «د. أحمد»، «م. ناصر»: the dot abbreviates a title
    starts.add(i);
    // «من جهة ثانية اثنى…»، «من جانبه أكد…»: a fixed opener, with or without its comma.
    if ((tokens[i].norm === 'من' || tokens[i].norm === 'ومن') && tokens[i + 1]) {
      const next = tokens[i + 1].norm;
      if (/^(جهته|جانبه|جهتها|جانبها|ناحيته|ناحيتها)$/.test(next)) starts.add(i + 2);
      else if (/^(جهه|ناحيه)$/.test(next) && tokens[i + 2]) starts.add(i + 3);
    }
    // «وفيما طالب عدد من المواطنين بمحاولة التوصل للفتاتين…، تحدث لـ"سبق" المستشار … قائلاً: "…"»: a clause of
    // «while» opening the sentence ends at its first comma, where the main clause and its verb begin.
    const whileLead = WHILE_LEADS.has(tokens[i].norm);
    if (!CLAUSE_LEADS.has(tokens[i].norm) && !whileLead) continue;
    for (let j = i + 1; j < Math.min(tokens.length, i + (whileLead ? WHILE_CLAUSE_TOKENS : 5)); j++) {
      const between = masked.slice(tokens[j - 1].end, tokens[j].start);
      if (/[.!?؟]/.test(between)) break;
      if (/[،,]/.test(between)) {
        // (The main clause after «while» joins it with no «و»: «فيما نعت الإعلامية وفاء الكيلاني، وفاة الفنانة…»
        // goes on with the verb's object, round 21.)
        // («وبينما كان الرئيس … يلقي كلمة…، مرت من خلفه… سفن عملاقة»: a verb with a preposition after it has its
        // subject further on, if at all.)
        if (whileLead && (/^[وف]/.test(tokens[j].norm) || /^(من|في|على|علي|الي|عن|مع)$/.test(tokens[j + 1]?.norm ?? ''))) break;
        starts.add(j);
        break;
      }
    }
  }
  return starts;
}

/**
 * A long role chain can hold more than one run of name-like words: «صاحب السمو الملكي الأمير خالد الفيصل مستشار
 * خادم الحرمين الشريفين … رئيس اللجنة الإشرافية لسوق عكاظ أن». The first name a role marks is the speaker's; and
 * «نائب وزير الخزانة … آدم زوبين قوله» names him although words follow the name.
 */
function preferFirstMarkedName(subject: Subject, text: string): Subject {
  if (subject.kind !== 'named' && subject.kind !== 'unnamed' && subject.kind !== 'anaphor') return subject;
  if (subject.kind === 'named' && !subject.role) return subject;
  const clause = text.replace(/\([^()]*\)/g, ' ').split(/[.!?؟:؛;،,]/)[0] ?? '';
  const tokens = tokensOf(clause);
  // («… العربية في الجنوب الشيخ أحمد الغانم»: «في» + a definite place + an honorific goes on to the name.)
  const end = tokens.findIndex((t, i) => (isStop(t.norm) && !placeThenHonorific(tokens, i)) || isSpeechVerb(t.norm) || isParticiple(t.norm));
  const marked = nameAfterRole(end >= 0 ? tokens.slice(0, end) : tokens);
  if (!marked) return subject;
  if (subject.kind === 'named') {
    const at = (name: string) => clause.indexOf(name);
    if (at(marked.name) < 0 || at(subject.name) < 0 || at(marked.name) >= at(subject.name)) return subject;
    // («مستشار الرئيس الأمريكي باراك أوباما لشؤون الأمن القومي سوزان رايس»: the first name is the principal the
    // role speaks for, which the subject's parse kept in the role.)
    if (subject.principal === marked.name) return subject;
  }
  return { kind: 'named', name: marked.name, role: marked.role || null };
}

/** A word that can open a subject: a name word without the article, a role or an honorific. */
function nameOrRoleAt(token: Token | undefined): boolean {
  return token !== undefined && ((isNameToken(token.norm) && !/^ال/.test(token.norm)) || isRoleWord(token.norm) || HONORIFICS.has(token.norm));
}

/** «الرئيس»، «للمخرج»، «وزير»، «الدكتور»: a word that can head a mention read by nameAfterRole. */
function isRoleOrHonorific(norm: string): boolean {
  if (HONORIFICS.has(norm) || isRoleWord(norm)) return true;
  const c = norm[0];
  if (c !== 'ل' && c !== 'ب') return false;
  return isRoleWord(norm.startsWith('لل') ? `ال${norm.slice(2)}` : norm.slice(1));
}

/** The person named last whose role has this head noun: «المخرج» → «المخرج سام منديز». */
function latestWithRole(people: Person[], head: string): Person | null {
  for (let i = people.length - 1; i >= 0; i--) {
    const role = people[i].role;
    // («بوزير الخارجية الكويتي»: a preposition glued to the role is dropped too.)
    if (role && tokensOf(role).some((t) => withoutArticle(t.norm.replace(/^(لل|بال)/, 'ال')).replace(/^[بل](?=...)/, (m, o, w: string) => (isRoleWord(w.slice(1)) ? '' : m)) === head)) return people[i];
  }
  return null;
}

/**
 * «واستعرض وزير الخارجية الجبير بشكل مفصل…» after «عادل الجبير»: a role followed by the family name, with the
 * article, of one person named in full — that person (round 21). Only the word right after the role's definite
 * words: further on the description runs into the verb's object.
 */
function surnameInDescription(people: Person[], description: string): Person | null {
  const words = tokensOf(description);
  for (let k = 1; k < Math.min(words.length, 4); k++) {
    const norm = words[k].norm;
    if (!norm.startsWith('ال')) return null;
    const named = people.filter((p) => p.keys.length >= 2 && p.keys.at(-1) === norm);
    if (named.length === 1) return named[0];
  }
  return null;
}

/**
 * The latest person whose role shares an adjective of the description (a definite word of five letters or more
 * after its head: «الأعلى»، «المالي»). `people` is in reading order.
 */
function sharingDescription(people: Person[], description: string): Person | null {
  const words = tokensOf(description).slice(1).map((t) => t.norm).filter((n) => n.startsWith('ال') && n.length >= 5 && !STOPWORDS.has(n));
  if (words.length === 0) return null;
  for (let i = people.length - 1; i >= 0; i--) {
    const role = people[i].role;
    if (role && tokensOf(role).slice(1).some((t) => words.includes(t.norm))) return people[i];
  }
  return null;
}

/**
 * The latest of `people` whose name the narration follows with an apposition («مرتضى منصور، رئيس مجلس إدارة نادي
 * الزمالك،») holding the description's head and all its definite words («رئيس الزمالك»).
 */
function apposedTo(people: Person[], description: string, masked: string[]): Person | null {
  const words = tokensOf(description).map((t) => t.norm);
  if (words.length < 2) return null;
  const head = withoutArticle(words[0]);
  const definite = words.slice(1).filter((n) => n.startsWith('ال') && n.length >= 4 && !STOPWORDS.has(n));
  if (definite.length === 0) return null;
  for (let i = people.length - 1; i >= 0; i--) {
    const name = people[i].name;
    for (const text of masked) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
        const after = text.slice(at + name.length, at + name.length + 120);
        const m = /^\s*[،,]([^،,.:؛]+)/.exec(after);
        if (!m) continue;
        const segment = tokensOf(m[1]).map((t) => t.norm);
        if (segment.length > 0 && withoutArticle(segment[0]) === head && definite.every((n) => segment.includes(n))) return people[i];
      }
    }
  }
  return null;
}

/** How far past a role word a name is looked for. */
const MENTION_CHARS = 160;
/**
 * «وبالنسبة للمهندس سامح ممدوح مشجع النادي الأهلي فإن "الكرة ماتت في مصر"»: «as for X, …» names who speaks when
 * «فإن» hands over to a quotation; only a person with a role or one named already, never a topic («بالنسبة للأسعار»،
 * «بالنسبة لمدن روسية مغمورة») or a body, round 18.
 */
const FOR_LEADS: readonly string[] = ['بالنسبه', 'وبالنسبه'];
/** «وفقا لـ»، «حسب»: words that name the narration's source. */
const SOURCE_LEADS: ReadonlySet<string> = new Set(['وفقا', 'وفق', 'حسب', 'بحسب', 'طبقا', 'وبحسب', 'ووفقا', 'وحسب', 'تعبير', ...FOR_LEADS]);

/** Clause openers («while») that a verb follows, not a subject: «فيما أكد الوزير…»، «بينما قال…». */
const VERB_AFTER_OPENERS: ReadonlySet<string> = new Set(['فيما', 'بينما', 'وبينما']);

/** How far past a clause's first word its subject is looked for. */
const CLAUSE_SUBJECT_CHARS = 300;

/**
 * The subject of the verb that opens a clause, when it is a named person or a body: «وأبلغ مكونيل الصحفيين…»،
 * «وجه البطريرك الماروني بشارة الراعي…»، «وكان موتا، أحد العناصر…». Words that cannot be a verb (a definite noun,
 * a role, a name prefix) open no such clause.
 */
function clauseSubject(
  masked: string,
  tokens: Token[],
  t: number,
  familyNames: ReadonlySet<string>,
  registry: PersonRegistry,
  confirmedFamilyNames: ReadonlySet<string>,
): Subject | null {
  // «فقد اقترح جيب بوش…»، «وقد أكد…»: the particle stands before the clause's verb.
  // «بدوره ألمح عضو الشورى الدكتور موافق الرويلي إلى…»: «in his turn» with no comma after it; the verb comes next.
  if (/^و?بدور(ه|ها)$/.test(tokens[t].norm) && tokens[t + 1] && /^\s+$/.test(masked.slice(tokens[t].end, tokens[t + 1].start))) t++;
  // «ومباشرة بعد ذلك سخرت حركة الشباب من كينيا…»: a time adverb before the verb.
  if (/^و?(مباشره|لاحقا)$/.test(tokens[t].norm) && tokens[t + 1]) t++;
  if (/^و?(بعد|قبل)$/.test(tokens[t].norm) && tokens[t + 1]?.norm === 'ذلك' && tokens[t + 2]) t += 2;
  if (/^[وف]?(قد|لقد)$/.test(tokens[t].norm) && tokens[t + 1]) t++;
  // «كما تفاعل عادل الجبير…»: «كما» (as well) links the clause to the one before; its verb comes next.
  else if (/^و?كما$/.test(tokens[t].norm) && tokens[t + 1] && /^\s+$/.test(masked.slice(tokens[t].end, tokens[t + 1].start))) t++;
  // «لكن مكونيل رفض ما ذهب إليه أوباما. وقال: "…"»: a discourse word, then a person the article has named, then
  // any verb — that person is the clause's subject, and who a bare «وقال» next speaks for.
  if (CLAUSE_OPENERS.has(tokens[t].norm) && tokens[t + 1] && tokens[t + 2] && /^\s+$/.test(masked.slice(tokens[t + 1].end, tokens[t + 2].start))) {
    const next = tokens[t + 1].norm;
    const known = registry.people.find((p) => p.keys.length >= 2 && p.keys.slice(1).includes(next));
    // (The word after the surname must not go on with a name: past verbs look like name words.)
    if (known && !isFamilyNameLike(tokens[t + 2].norm)) return { kind: 'named', name: known.name, role: null };
  }
  // «فيما نعت الإعلامية وفاء الكيلاني…، وكتبت: "…"»: «فيما/بينما» (while) open a clause whose verb comes next; read
  // as the verb, they made the real one («نعت») the subject's name and the whole subject its role (round 20).
  // (Not before a present verb, «وبينما يفرض مشروع القانون القائم…»: a past verb narrates what its subject did.)
  if (VERB_AFTER_OPENERS.has(tokens[t].norm) && tokens[t + 1] && !tokens[t + 1].norm.startsWith('ي') && /^\s+$/.test(masked.slice(tokens[t].end, tokens[t + 1].start))) t++;
  const first = tokens[t].norm;
  // «ونقل التلفزيون الرسمي عنه قوله…»: who relays words is not who says them (round 21).
  if (/^[وف]?نقل(ت)?$/.test(first)) return null;
  const kana = KANA_FORMS.has(first);
  // «مدرب الفريق الكابتن لطفي الشيخاوي، عبر عن ابتهاجه…»: a clause that opens with its subject, a role and a name.
  if ((isRoleWord(first) || HONORIFICS.has(first)) && !/^و/.test(first)) {
    const chunk = firstPhrase(masked.slice(tokens[t].start, tokens[t].start + MENTION_CHARS));
    const marked = nameAfterRole(tokensOf(chunk));
    return marked ? { kind: 'named', name: marked.name, role: marked.role || null } : null;
  }
  // («رد المتحدث … قائلا»: «رد» is two letters.)
  // («رد المتحدث … قائلا»، «شن الأمير … هجوما»، «حث الوزير…»: geminate verbs of two letters.)
  // («ألمح»، «ألقى»، «وألغى»: a verb in «أل» folds to what looks like the article; its hamza tells it apart.)
  const definite = /^(ال|وال|فال|بال|لل)/.test(first) && !/^[وف]?أل/.test(tokens[t].text);
  if ((first.length < 3 && !TWO_LETTER_VERBS.has(first)) || definite || CLAUSE_LEADS.has(first) || isRoleWord(first) || isParticiple(first)) {
    return null;
  }
  // «ومع سيطرة…»، «وحول زيارة…»: a preposition with its conjunction, not a verb — except «وعبر … عن» (expressed).
  const expressed = /^[وف]?عبر$/.test(first) && tokens.slice(t + 1, t + 10).some((x) => x.norm === 'عن');
  if (!kana && !expressed && /^[وف]/.test(first) && (STOPWORDS.has(first.slice(1)) || isStop(first.slice(1)))) return null;
  if (!kana && !expressed && (isOrganisationHead(first) || HONORIFICS.has(first) || STOPWORDS.has(first) || isStop(first))) return null;
  const after = masked.slice(tokens[t].end, tokens[t].end + CLAUSE_SUBJECT_CHARS);
  // «من جهته، شن الأمير خالد بن عبد الله عضو شرف النادي … هجوما»: the first name a role marks is the subject, not a
  // word after the whole role chain (as for a reporting verb's subject).
  let subject = preferFirstMarkedName(parseSubject(after, familyNames, confirmedFamilyNames), after);
  // «وكانت كلينتون وجهت خلال المناظرة…»: after «كانت» the subject is followed by its verb, a past verb in ت.
  if (kana && first.endsWith('ت') && subject.kind === 'named') {
    const words = subject.name.split(/\s+/);
    const last = tokensOf(words.at(-1) ?? '')[0]?.norm ?? '';
    if (words.length >= 2 && last.endsWith('ت') && !last.startsWith('ال') && !familyNames.has(last)) subject = { ...subject, name: words.slice(0, -1).join(' ') };
  }
  if (subject.kind === 'organisation') return subject.name ? subject : null;
  // Any verb may take an object right after its subject («قرأت لوتا الرسائل»، «ورفض بلان التطرق»), and with no
  // capitals nothing marks where the name ends. So the subject counts when a role marks it («ووصف رئيس القوات
  // سمير جعجع…»), or when its first word is a person the article has already named («وأبلغ مكونيل الصحفيين»).
  // (The role must have a role's head: «سمات السعودية خالد آل سعود هيكل», a tag line, has none.)
  const roleHead = subject.kind === 'named' && subject.role ? tokensOf(subject.role)[0]?.norm : undefined;
  // («كما تفاعل عادل الجبير وزير الخارجية السعودي مع الهاشتاق»: a role right after the name marks where it ends.)
  if (subject.kind === 'named' && roleHead && isRoleOrHonorific(roleHead) && (!hasCommonNounFamily(subject.name) || roleFollowsName(after, subject))) return subject;
  const marked = nameAfterRole(tokensOf(firstPhrase(after)));
  if (marked) return { kind: 'named', name: marked.name, role: marked.role || null };
  // «وكان موتا، أحد العناصر…»: after كان its subject comes next.
  if (kana && subject.kind === 'named' && !hasCommonNounFamily(subject.name)) return subject;
  // («واستنكر اللواء ملائكة الفعل…»: an honorific before the known surname is read past.)
  const run = tokensOf(after.split(/[.!?؟،,:;؛]/)[0] ?? '').filter((x) => !HONORIFICS.has(x.norm));
  const next = run[0];
  if (next) {
    const known = registry.people.find((p) => p.keys.includes(next.norm) && p.keys.at(-1) === next.norm);
    if (known) return { kind: 'named', name: known.name, role: null };
    // «ومن جانبه، سلط شريف الكيلاني الضوء…»، «وخلص شريف إلى القول»: the person's full name, or (wire copy calls
    // people by the given name) their given name with no name word after it, when one person alone has it.
    const full = registry.people.find((p) => p.keys.length >= 2 && p.keys.every((key, k) => run[k]?.norm === key));
    if (full) return { kind: 'named', name: full.name, role: null };
    const byGiven = registry.people.filter((p) => p.keys.length >= 2 && p.keys[0] === next.norm);
    const then = run[1]?.norm ?? '';
    if (byGiven.length === 1 && (then === '' || isStop(then) || STOPWORDS.has(then))) return { kind: 'named', name: byGiven[0].name, role: null };
  }
  // «واستيقظت نادية مراد على صوت الرصاص، وقالت: "…"»: two name words and a preposition after the clause's verb, and
  // in the same sentence a bare reporting verb with «و» that agrees with it in gender, share one subject — the name
  // (round 19). Without that second verb a name after any verb may be its object, and is not read.
  if (subject.kind === 'named' && !subject.role && /^[وف]/.test(first) && !NAQALA.has(first)) {
    const named = tokensOf(subject.name);
    const after2 = run[named.length]?.norm ?? '';
    const sentenceEnd = sentenceEndAfter(masked, tokens[t].end);
    let laterVerb: Token | undefined;
    for (let j = t + 1; j < tokens.length && tokens[j].end <= sentenceEnd && !laterVerb; j++) {
      if (/^و/.test(tokens[j].norm) && isSpeechVerb(tokens[j].norm)) laterVerb = tokens[j];
    }
    const sameGender = laterVerb !== undefined && first.endsWith('ت') === laterVerb.norm.endsWith('ت');
    // (Not a second word in «ا», an accusative object more often than a name: «وفتحت يوروتانيل تحقيقا في الواقعة».)
    const accusative = named[1]?.norm.endsWith('ا') ?? false;
    if (named.length === 2 && !accusative && run.slice(0, 2).every((x, k) => x.norm === named[k].norm) && SUBJECT_STOPS.has(after2) && laterVerb && sameGender && !afterReportingVerb(laterVerb, masked)) {
      return subject;
    }
  }
  return null;
}

/** `person`, unless the verb that speaks for them has the other gender. */
function agreesWith(person: Person | undefined, verbGender: Gender | null): Person | undefined {
  return person && verbGender && person.gender && person.gender !== verbGender ? undefined : person;
}

/** Where the sentence holding `from` ends in the masked paragraph (its length when it runs to the end). */
function sentenceEndAfter(masked: string, from: number): number {
  const m = /[.!?؟]/.exec(masked.slice(from));
  return m ? from + m.index : masked.length;
}

/** The later verb has its own subject: a name or a role right after it («وقالت الوزيرة…»). */
function afterReportingVerb(verb: Token, masked: string): boolean {
  const next = tokensOf(masked.slice(verb.end, verb.end + 40))[0];
  return next !== undefined && (isRoleOrHonorific(next.norm) || isNameToken(next.norm)) && !/^\s*[:،,]/.test(masked.slice(verb.end));
}

/**
 * The last honorific in a reporting verb's subject followed by a name and nothing else up to the quotation (a
 * colon at most): «… عضو هيئة التدريس بكلية الطب في جامعة طيبة الدكتور وسيم عبدالعزيز عالم «…»». The role is what
 * stands between the verb and the honorific. Only with a role before it, and only when the name fills the rest.
 */
function nameClosingSubject(subjectText: string, familyNames: ReadonlySet<string>): (Subject & { kind: 'named' }) | null {
  if (/[.!?؟]/.test(subjectText)) return null;
  const tokens = tokensOf(subjectText);
  let h = -1;
  for (let j = tokens.length - 2; j >= 1; j--) {
    if (HONORIFICS.has(tokens[j].norm)) {
      h = j;
      break;
    }
  }
  if (h < 1 || !isRoleOrHonorific(tokens[0].norm)) return null;
  const tail = subjectText.slice(tokens[h].start).replace(/[\s:،,]+$/, '');
  const named = parseSubject(tail, familyNames);
  if (named.kind !== 'named' || tokensOf(named.name).length !== tokens.length - h - 1 || tokensOf(named.name).length < 2) return null;
  const role = subjectText.slice(0, tokens[h].start).replace(/[،,]/g, ' ').replace(/\s+/g, ' ').trim();
  return { kind: 'named', name: named.name, role: role || named.role };
}

/**
 * «دخيل الطيار مدير الصالة…»، «الدكتور طارق الحبيب بروفيسور…»: the subject's role stands right after its name (an
 * apposition, with at most honorifics before the name), so the role's head shows where the name ends.
 */
function roleFollowsName(text: string, subject: Subject): boolean {
  if (subject.kind !== 'named' || subject.role === null) return false;
  const nameAt = text.indexOf(subject.name);
  if (nameAt < 0 || !tokensOf(text.slice(0, nameAt)).every((w) => HONORIFICS.has(w.norm))) return false;
  const rest = text.slice(nameAt + subject.name.length);
  return rest.replace(/^[\s،,]+/, '').startsWith(subject.role) && ROLE_HEADS.has(withoutArticle(tokensOf(subject.role)[0]?.norm ?? ''));
}

const TWO_LETTER_VERBS: ReadonlySet<string> = new Set(['رد', 'شن', 'حث']);

/**
 * Words the article makes a speaker on their own: the word right after a reporting verb that takes no object, with
 * punctuation or a preposition after it («وقال العساف:»، «وأضاف الكيلاني أن»، «وتابع غوميز قائلا»). Reporters call a
 * person again by the family name, so such a word after a given name elsewhere is that family name and not the
 * verb's object («أعلن وزير المالية إبراهيم العساف عن…»، «وسلط شريف الكيلاني الضوء…»): the article's own usage
 * tells the name's end, whatever the word looks like.
 */
function speakersByOneWord(tokenized: Token[][]): Set<string> {
  const out = new Set<string>();
  for (const tokens of tokenized) {
    for (let i = 1; i < tokens.length; i++) {
      const verb = tokens[i - 1].norm;
      if (!isSpeechVerb(verb) || OBJECT_VERBS.has(verb.replace(/^[وف](?=...)/, ''))) continue;
      const norm = tokens[i].norm;
      if (!isNameToken(norm) && !/^ال.{3,}/.test(norm)) continue;
      if (ROLE_HEADS.has(withoutArticle(norm)) || INSTITUTIONS.has(withoutArticle(norm)) || isSpeechVerb(norm) || isParticiple(norm)) continue;
      // («يقول الاقتصاديون»، «وأضاف المسؤولون»: a definite plural is a group speaking, not a family name.)
      if (norm.startsWith('ال') && /(ون|ين|ات)$/.test(norm)) continue;
      // The next word must not go on with the name («وقال أحمد الفهيد» names «أحمد» only as a given name).
      const next = tokens[i + 1]?.norm ?? '';
      if (next && isNameToken(next) && !STOPWORDS.has(next) && !isParticiple(next)) continue;
      out.add(norm);
    }
  }
  return out;
}

const isFamilyNameLike = (norm: string): boolean => norm.startsWith('ال') && norm.endsWith('ي');

/** «أوباما الدفاع»: a definite second word that is no nisba (…ي) is more often the verb's object than a family name. */
function hasCommonNounFamily(name: string): boolean {
  const words = tokensOf(name);
  const last = words.at(-1)?.norm ?? '';
  // (A family name in ة or «ين» — «العطية»، «البوعينين» — is only read as one where a role or a nisba marked it.)
  // (Three words only as a given and a family name before the noun — «محمد بن الحسن» is a name — and only where the
  // article calls the person by the middle word alone: «وقال نتنياهو» after «بنيامين نتنياهو الهجوم».)
  if (words.length === 3 && NAME_LINKS.has(words[1].norm)) return false;
  return (words.length === 2 || words.length === 3) && last.startsWith('ال') && !last.endsWith('ي') && !last.endsWith('ه') && !(last.length >= 7 && /(ين|ون)$/.test(last));
}

/**
 * A body's name as the article gave it in full: «الوزارة» is the ministry last named («وزارة العدل»), «الداخلية
 * التونسية» (from «بيان الداخلية التونسية») the body whose name holds those words, and an empty name («وأضاف
 * البيان») the body last named. `known` lists the bodies named so far, in order.
 */
function resolveOrganisation(name: string, known: string[]): string | null {
  const words = tokensOf(name).map((t) => withoutArticle(t.norm));
  const fuller = (pick: (candidate: string[]) => boolean): string | undefined =>
    [...known].reverse().find((k) => {
      const candidate = tokensOf(k).map((t) => withoutArticle(t.norm));
      return candidate.length > words.length && pick(candidate);
    });
  if (words.length === 0) return known.at(-1) ?? null;
  // «بيان الداخلية التونسية»، «عن الداخلية»: the body named in full earlier whose name holds these words.
  if (words.length === 1) return fuller((c) => c[0] === words[0]) ?? fuller((c) => c.includes(words[0]) && isOrganisationHead(c[0])) ?? name;
  // «المنظمة الدولية»، «الشركة الاستشارية»: a definite head with nisba adjectives only describes a body; it is the
  // body with that head named last («منظمة التجارة العالمية»), when there is one.
  const described = tokensOf(name);
  if (/^(ال|وال)/.test(described[0].norm) && described.slice(1).every((t) => /^ال.{2,}(ي|يه)$/.test(t.norm))) {
    const sameHead = fuller((c) => c[0] === words[0]);
    if (sameHead) return sameHead;
  }
  // «الداخلية التونسية» is a ministry's short name: «وزارة الداخلية التونسية» when the article gave it in full.
  const elliptic = ELLIPTIC_MINISTRIES.has(words[0]);
  if (!isOrganisationHead(tokensOf(name)[0].norm) || elliptic) return fuller((c) => words.every((w) => c.includes(w))) ?? name;
  return name;
}

/** «الداخلية»، «الخارجية»: a ministry called by its portfolio alone. */
const ELLIPTIC_MINISTRIES: ReadonlySet<string> = new Set(['داخليه', 'خارجيه']);

/**
 * Closed spans as found; an unclosed one only when its end is clear: it runs until «، مشيرا…» / «، وأضاف…»
 * (the narration taking over), or to the end of the paragraph when the mark came right after «أن/إن/:»
 * (a statement that simply lost its closing mark). Anything else — «في “منطقة تعيش…» with no end — would be a
 * guess, so it is left out.
 */
function resolveSpans(paragraph: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  for (const span of scanQuoteMarks(paragraph).spans) {
    if (span.closed) {
      spans.push(span);
      continue;
    }
    const body = paragraph.slice(span.start, span.end);
    const cut = narrationCut(body);
    if (cut !== null) spans.push({ ...span, end: span.start + cut });
    else if (span.end === paragraph.length && followsIntroducer(paragraph, span.openAt)) spans.push(span);
  }
  return spans;
}

function narrationCut(body: string): number | null {
  // «، مشيرا…»، «، وأضاف…», or a sentence that opens with reporting words: «… جنوب اليمن. كما أضاف، "…"»،
  // «… فترة المنع .   وأكد مدير…».
  for (const m of body.matchAll(/[،,.]\s*([\p{L}\p{M}]+)(?:\s+([\p{L}\p{M}]+))?/gu)) {
    const first = tokensOf(m[1])[0]?.norm ?? '';
    const second = m[0].startsWith('.') && m[2] ? (tokensOf(m[2])[0]?.norm ?? '') : '';
    // «…ورجال الأمن، تؤكد أن المملكة…»: after a comma a present-tense verb is still the speaker's own sentence.
    const narrating = SPEECH_VERBS.has(first) && (m[0].startsWith('.') || !PRESENT_SPEECH_VERBS.has(first));
    if (isParticiple(first) || narrating || SPEECH_VERBS.has(second)) return m.index;
  }
  return null;
}

function followsTitleNoun(paragraph: string, openAt: number, span: QuoteSpan): boolean {
  // «وقال مخرج الفيلم: "…"»، «وقال مخرج أشهر أفلام الحركة "…" (a statement of ten words and more)»: the noun
  // ends the speaker's description; a colon or a long statement right after a reporting verb is speech.
  // («تحت عنوان: «…»»، «حمل عنوان: «…»»: after «عنوان» the colon introduces a title, never speech, round 13.)
  if (paragraph.slice(0, openAt).trimEnd().endsWith(':')) return /(?:^|\s)(?:ب|و)?عنوان(?:ه|ها)?\s*:\s*$/.test(paragraph.slice(Math.max(0, openAt - 30), openAt));
  if (tokensOf(paragraph.slice(span.start, span.end)).length >= 10) {
    const lead = tokensOf(paragraph.slice(Math.max(0, openAt - 80), openAt)).slice(-6);
    if (lead.some((t) => isSpeechVerb(t.norm))) return false;
  }
  const windowStart = Math.max(0, openAt - 40);
  const before = tokensOf(paragraph.slice(windowStart, openAt), windowStart);
  // «يعرف بـ«الإمارة الإسلامية…»»: a one-letter proclitic written apart from its word is skipped.
  const proclitic = before.at(-1)?.norm.replace(/ـ/g, '');
  // «لـ"سكاي نيوز عربية"»، «لـ"الصباح نيوز"»: a few words in marks right after a lone «لـ» are an outlet or the
  // person spoken to, never what was said (round 19; one or two words were too short to count already).
  if (proclitic === 'ل' && /^\s*$/.test(paragraph.slice(before.at(-1)!.end, openAt)) && tokensOf(paragraph.slice(span.start, span.end)).length <= 5) return true;
  const last = proclitic?.length === 1 ? before.at(-2) : before.at(-1);
  if (last === undefined) return false;
  // «رئيس المكتب لإذاعة “إيه بي سي نيوز”، إن…»: after a preposition glued to an outlet word, a few quoted words
  // are the outlet's name.
  // («… لرويترز "القصف لم يتوقف منذ الصباح"»: after an outlet's own name the quotation is what was said, round 19.)
  if (isGluedOutlet(last.norm) && !isAudience(last.norm) && !isGluedNamedOutlet(last.norm) && tokensOf(paragraph.slice(span.start, span.end)).length <= 5) return true;
  return TITLE_NOUNS.has(withoutArticle(last.norm.replace(/^[وفبل](?=ال)/, '')));
}

/** Words that link or open the parts of a person's name («بن»، «آل»، «فون دير»، «دا»): in marks, a name's sign. */
const QUOTED_NAME_LINKS: ReadonlySet<string> = new Set(['بن', 'ابن', 'بنت', 'ابو', 'ال', 'فون', 'فان', 'دي', 'دير', 'دا', 'دو', 'الملا']);

/**
 * A person's name in marks, four words at most, with a name's sign in it (a link such as «بن»/«فون», or a given
 * name no one mistakes, «محمد»): «زيارة وزيرة الدفاع الألمانية «أورزولا فون دير لاين»»، «أكد اختيار “الملا أختر
 * محمد منصور”»، «وقال "سالم بن خلفان القريني"، وهو…». A name is not a statement (round 13). After a colon or «إن»
 * the words are read as speech whatever they look like.
 */
function isQuotedPersonName(paragraph: string, span: QuoteSpan): boolean {
  // (Cheap tests first: most spans are statements, far longer than a name.)
  const text = paragraph.slice(span.start, span.end);
  if (text.length > 60 || /[.!?؟،,:]/.test(text)) return false;
  const words = tokensOf(text);
  if (words.length < 2 || words.length > MIN_QUOTE_WORDS) return false;
  const linked = words.some((w) => QUOTED_NAME_LINKS.has(w.norm) || SURE_GIVEN.test(w.norm));
  return linked && words.every((w) => QUOTED_NAME_LINKS.has(w.norm) || isNameToken(w.norm)) && !followsIntroducer(paragraph, span.openAt);
}

/**
 * Does the last sentence of this paragraph, ending with a colon, hold a reporting verb, a participle or a saying
 * word («قال رسول الله ــ صلى الله عليه وسلم:»، «يقول الدكتور X:»)? A colon alone introduces a lyric or a line
 * the writer quotes as often as speech («اعترض عبدالوهاب على بداية الأغنية:»).
 */
function endsWithReporting(masked: string): boolean {
  const tokens = tokensOf(masked.slice(sentenceStart(masked, masked.length)));
  if (tokens.some((t) => DOCUMENT_WORDS.has(withoutArticle(t.norm.replace(/^[وف](?=ال)/, ''))))) return false;
  return tokens.some((t, i) => isReportingVerbAt(tokens, i) || isParticiple(t.norm) || SAYING_WORDS.has(t.norm));
}

/**
 * «وأكد الناطق … في تصريح لموزاييك أن "الأبحاث متواصلة".»: two words after «أن/إن» that end the sentence are the
 * clause said, a subject and its predicate (round 15). A term or a name in marks goes on into the sentence
 * («أن "حزب الله" يرفض…»), so the full stop right after the closing mark is what tells them apart.
 */
function closesClauseAfterThat(paragraph: string, span: QuoteSpan): boolean {
  if (!span.closed || !/^\s*([.!؟?]|$)/.test(paragraph.slice(span.end + 1))) return false;
  const from = Math.max(0, span.openAt - 12);
  const last = tokensOf(paragraph.slice(from, span.openAt), from).at(-1);
  if (last === undefined || !THAT_WORDS.has(last.norm) || !/^\s*$/.test(paragraph.slice(last.end, span.openAt))) return false;
  // («أن «جبهة النصرة».»: a body's name in marks, not a clause.)
  const first = tokensOf(paragraph.slice(span.start, span.end))[0]?.norm ?? '';
  return !INSTITUTIONS_OR_ROLES(withoutArticle(first)) && !isQuotedPersonName(paragraph, span);
}
const THAT_WORDS: ReadonlySet<string> = new Set(['ان', 'بان', 'وان']);

function followsIntroducer(paragraph: string, openAt: number): boolean {
  const before = paragraph.slice(0, openAt).trimEnd();
  if (before.endsWith(':')) return true;
  const last = tokensOf(before).at(-1);
  return last !== undefined && INTRODUCERS.has(last.norm);
}

/** Too short to be a quotation (see MIN_QUOTE_WORDS): a quoted name or term, which is part of the narration. */
function isShortSpan(paragraph: string, span: QuoteSpan): boolean {
  // (A person's name in marks of four words is read as one too: «وقال "سالم بن خلفان القريني"، وهو…», round 13.)
  return tokensOf(paragraph.slice(span.start, span.end)).length < MIN_QUOTE_WORDS || isQuotedPersonName(paragraph, span) || isQuotedSubject(paragraph, span);
}

/**
 * «وقالت "هيومن رايتس ووتش" في تقرير: "…"»، «وذكرت "واشنطن بوست" أن…»: a few words in marks right after a reporting
 * verb, followed by what follows a subject («إن/أن», «في بيان», a colon), are the verb's subject — a body's or an
 * outlet's name — not what it said (round 15). A statement right after the verb ends its sentence or is the whole
 * clause.
 */
function isQuotedSubject(paragraph: string, span: QuoteSpan): boolean {
  if (!span.closed || span.end - span.start > 45) return false;
  const words = tokensOf(paragraph.slice(span.start, span.end));
  if (words.length < 2 || words.length > 5 || /[.!?؟،,:]/.test(paragraph.slice(span.start, span.end))) return false;
  const from = Math.max(0, span.openAt - 20);
  const verb = tokensOf(paragraph.slice(from, span.openAt), from).at(-1);
  if (!verb || !SPEECH_VERBS.has(verb.norm) || !/^\s+$/.test(paragraph.slice(verb.end, span.openAt))) return false;
  const [next, second] = tokensOf(paragraph.slice(span.end + 1, span.end + 40)).map((w) => w.norm);
  if (!/^\s/.test(paragraph.slice(span.end + 1))) return false;
  // «وتابع "لن نكرر مأساة عام 1948" في اشارة الى النكبة»: after «في», only a statement's medium makes the marks a subject.
  if (next === 'في') return second !== undefined && STATEMENT_MEDIA.has(second.replace(/^ال/, ''));
  return SUBJECT_FOLLOWERS.has(next ?? '');
}
const SUBJECT_FOLLOWERS: ReadonlySet<string> = new Set(['ان', 'بان', 'عبر', 'علي', 'ل', 'لـ', 'الي', 'امس', 'اليوم']);
const STATEMENT_MEDIA: ReadonlySet<string> = new Set(
  tokensOf(
    'بيان بيانها بيانه تقرير تقريرها تقريره تصريح تصريحات تغريدة تغريدات حديث مقال مقالة افتتاحية افتتاحيتها عددها موقعها رسالة مؤتمر تحقيق خبر بلاغ نشرة نشرتها صفحتها حسابها',
  ).map((w) => w.norm),
);

/**
 * Quoted text replaced by spaces (same length), so narration can be read without the quotations' words. A short
 * span is a quoted name or term and stays readable (only its marks go): it can sit inside a speaker's role,
 * «رئيس حزب «القوات اللبنانية» الدكتور سمير جعجع».
 */
function maskSpans(paragraph: string, spans: QuoteSpan[], short: boolean[]): string {
  let out = paragraph;
  for (const [k, span] of spans.entries()) {
    const closeLen = span.end < paragraph.length ? 1 : 0; // the closing mark (or the comma a cut stopped at)
    if (short[k]) {
      // The closing mark of a quoted name ends a phrase: «رئيس تحرير "سبق" علي الحازمي»، «صحيفة “بليك” الأوسع
      // انتشارا» read as «رئيس تحرير سبق، علي الحازمي» and «صحيفة بليك، الأوسع انتشارا» (role, then the name).
      const wordFollows = /^\s*[\p{L}]/u.test(out.slice(span.end + closeLen));
      const close = closeLen ? (wordFollows ? '،' : ' ') : '';
      out = `${out.slice(0, span.openAt)} ${out.slice(span.start, span.end)}${close}${out.slice(span.end + closeLen)}`;
      continue;
    }
    out = out.slice(0, span.openAt) + ' '.repeat(span.end + closeLen - span.openAt) + out.slice(span.end + closeLen);
  }
  return out;
}

/** «أما X فيرى»: the ف answers «أما», so the subject before it belongs to this verb. */
function afterAmma(masked: string, verbAt: number): boolean {
  if (masked[verbAt] !== 'ف') return false;
  const lead = tokensOf(masked.slice(sentenceStart(masked, verbAt), verbAt));
  return lead.length > 0 && (lead[0].norm === 'اما' || lead[0].norm === 'واما');
}

/**
 * Verbs SPEECH_VERBS takes only behind a conjunction (alone «كتب» is "books", «طالب» "a student", «بين» "between"):
 * with it, they start their own clause too (round 20: «ونعى الفنان محمد عطية الفقيدة، وكتب: "…"» read the clause
 * before «وكتب» as its subject, a name «ونعى» with the rest as its role).
 */
const CONJOINED_ONLY: ReadonlySet<string> = new Set(['وكتب', 'فكتب', 'وطالب', 'فطالب', 'فبين']);

/** «وأكد»، «فقال»: the verb carries a conjunction, so it starts its own clause. */
function startsWithConjunction(norm: string): boolean {
  return /^[وف]/.test(norm) && (SPEECH_VERBS.has(norm.slice(1)) || CONJOINED_ONLY.has(norm));
}



/** Sentence start before `at`: the last full stop / question mark of the narration (quotations are masked). */
function sentenceStart(masked: string, at: number): number {
  for (let i = at - 1; i >= 0; i--) {
    if (/[.!?؟]/.test(masked[i]) && (i + 1 >= masked.length || /\s/.test(masked[i + 1]))) return i + 1;
  }
  return 0;
}

/** A quotation is attributed: its sentence has a reporting verb or participle before it, or «:» right before it. */
/**
 * What introduces a quotation, read in its sentence before it: a reporting verb or participle, or «:» right
 * before it ('speech'); nothing ('none'); or a document word after the last reporting verb ('document') —
 * «وأشار إلى أن المادة (24) … نصت “على أنه…”»، «أبرز بنودها «…»»: the quoted text is a law or a list, not speech.
 */
function attributionCue(masked: string, openAt: number): 'speech' | 'document' | 'none' {
  const leadIn = masked.slice(sentenceStart(masked, openAt), openAt);
  const tokens = tokensOf(leadIn);
  let cue = leadIn.trimEnd().endsWith(':');
  let document = false;
  // «وبحسب المتحدث باسم الشرطة أحمد سالم فإن "…"»: the narration names its source, and «فإن» hands over to the
  // quotation.
  // («وحسب بلاغ لوزارة الداخلية، فإن «…»»: a comma may stand before «فإن», round 19.)
  if (/(?:^|\s)(?:و?ب?حسب|و?وفقا?|طبقا|و?بالنسبة)\s[^،,.:]{3,90}(?:\s|\s?[،,]\s*)[فو]?[إا]ن(?:ه|ها)?\s*$/.test(leadIn)) cue = true;
  // «على حد تعبير هايفيلد "…"»، «وبحسب بلير، من معهد سيجنيت "…"»: the source named right before the mark, with at
  // most a short affiliation after a comma, hands over to the quotation.
  // («حسب تقدير «دي جيه آي»»: what follows «حسب تقدير» is a body's name, not its words.)
  const source = /(?:^|\s)(?:و?على\s+حد\s+تعبير|و?ب?حسب)\s+([^،,.:\s]+)(?:\s+[^،,.:\s]+){0,2}(?:[،,]\s*من\s+[^،,.:]{3,40})?[،,]?\s*$/.exec(leadIn);
  if (source && !/^(تقدير|تقديرات|تعبير|رواية|وصف|تصنيف)$/.test(source[1])) cue = true;
  // «وزاد «أن أهم معوقات…»»: «زاد» (went on) right before the mark continues the speaker; elsewhere it is «increased»,
  // so it is no reporting verb in the lexicon.
  if (/(?:^|\s)[وف]زاد[تا]?\s*:?\s*$/.test(leadIn)) cue = true;
  tokens.forEach((t: Token, i) => {
    if (isReportingVerbAt(tokens, i) || isParticiple(t.norm)) {
      cue = true;
      document = false;
    } else if (DOCUMENT_WORDS.has(withoutArticle(t.norm.replace(/^[وف](?=ال)/, '')))) document = true;
  });
  return document ? 'document' : cue ? 'speech' : 'none';
}

/** «ومن أبرز الإصلاحات» is a superlative, not the verb «أبرز»: a reporting verb is not governed by «من». */
/** More blanks than narration puts between two words (sabq's triple spaces included): a masked quotation. */
const MASKED_GAP = 8;

function isReportingVerbAt(tokens: Token[], i: number): boolean {
  if (isJaaFi(tokens, i) || naqalaAn(tokens, i) >= 0) return true;
  if (!isSpeechVerb(tokens[i].norm) && !opinionVerbAt(tokens, i)) return false;
  // «…بأنها "…"، وقال خالد الرميح "…"»: a word across a masked quotation (a long run of blanks) is no neighbour —
  // the verb opens a new clause after that quotation. (Not a plural verb: «محذرين من "…".. وأكدوا أن "…"» goes on
  // with the same speakers, and a plural verb opening a clause would otherwise make them a new, unnamed group.)
  const acrossQuote = i > 0 && tokens[i].start - tokens[i - 1].end > MASKED_GAP && !isPluralVerb(tokens[i].norm);
  const before = acrossQuote ? undefined : tokens[i - 1]?.norm;
  // «وقال دبلوماسي يتابع الوضع في سوريا»، «دبلوماسي ثان يتابع الأحداث»: a present verb right after an indefinite
  // role noun (and perhaps its adjective) describes that noun — «a diplomat who follows» — it reports nothing.
  if (PRESENT_SPEECH_VERBS.has(tokens[i].norm) && before !== undefined) {
    const indefiniteRole = (n: string | undefined) => n !== undefined && ROLE_HEADS.has(n) && !/^(ال|وال)/.test(n);
    if (indefiniteRole(before) || (indefiniteRole(tokens[i - 2]?.norm) && !/^(ال|وال)/.test(before) && !isNameToken(before))) return false;
  }
  // «أنه لا يرى دورا لبشار الأسد»: a negated verb or one after a complementizer is inside what is reported.
  return before === undefined || !EMBEDDING_WORDS.has(before);
}

// «وهو أبرز حزب معارض»: after a pronoun «أبرز» is the elative (the most prominent), not the verb.
/** Reporting verbs that also take a direct object («تابع الجلسات»، «أعلن الخبر»), in search form. */
const OBJECT_VERBS: ReadonlySet<string> = new Set(
  'وصف وصفت طالب طالبت اتهم اتهمت كتب كتبت تابع تابعت واصل واصلت ابرز ابرزت اختتم اختتمت انتقد انتقدت استنكر استنكرت نفي نفت اعلن اعلنت كشف كشفت ذكر ذكرت رحب رحبت دعا دعت ناشد ناشدت اشاد اشادت اقر اقرت اعترف اعترفت اوصي اوصت علق علقت'.split(' '),
);

/** Where the clause after the last «أن/إن» before tokens[t] (in its sentence, within 12 words) starts; 0 if none. */
function lastComplementizerEnd(tokens: Token[], t: number): number {
  for (let j = t - 1; j >= Math.max(0, t - 12); j--) {
    if (j < t - 1 && INTRODUCERS.has(tokens[j].norm) && !/^قائل/.test(tokens[j].norm)) return tokens[j].end;
  }
  return 0;
}

/**
 * «ونقل موقع "أخبار مصر" عن حسام القاويش المتحدث الرسمي قوله إن…»، «ونقلت وكالة رويترز عن مصدر أمني»: the one
 * quoted is whoever follows «عن», not the outlet that relays them. The index of that «عن», or -1.
 */
function naqalaAn(tokens: Token[], i: number): number {
  if (!NAQALA.has(tokens[i].norm)) return -1;
  // «عن نقل زوجته…»: after a preposition «نقل» is the noun (transport), not the verb.
  const before = tokens[i - 1]?.norm;
  if (before !== undefined && (STOPWORDS.has(before) || isStop(before))) return -1;
  for (let j = i + 1; j < Math.min(tokens.length, i + 10); j++) {
    if (tokens[j].norm !== 'عن') continue;
    // …and what is relayed follows: «قوله»، «أن».
    for (let k = j + 1; k < Math.min(tokens.length, j + 16); k++) if (RELAYED.has(tokens[k].norm)) return j;
    return -1;
  }
  return -1;
}
// («ونقلت واشنطن بوست عن مسؤول … القول:»: the bare noun of saying relays too, round 19.)
const RELAYED: ReadonlySet<string> = new Set(['قوله', 'قولها', 'قولهم', 'القول', 'ان', 'انه', 'انها', 'بان']);
const NAQALA: ReadonlySet<string> = new Set(['نقل', 'ونقل', 'نقلت', 'ونقلت']);

/** «وجاء في بيان النادي "…"»، «كما جاء في البلاغ»: a document speaks; its issuer follows «في». */
function isJaaFi(tokens: Token[], i: number): boolean {
  if (!JAA.has(tokens[i].norm) || tokens[i + 1]?.norm !== 'في') return false;
  const next = tokens[i + 2]?.norm ?? '';
  return DOCUMENT_HEADS.has(withoutArticle(next));
}
const JAA: ReadonlySet<string> = new Set(['جاء', 'وجاء', 'فجاء']);

const EMBEDDING_WORDS: ReadonlySet<string> = new Set(['من', 'ومن', 'لا', 'لم', 'لن', 'انه', 'انها', 'بانه', 'بانها', 'هو', 'هي', 'وهو', 'وهي']);

function cleanQuoteText(raw: string): string {
  return raw
    .replace(/\s+/g, ' ')
    .replace(/^[\s،,.:؛;-]+/, '')
    .replace(/[\s،,:؛;-]+$/, '')
    .replace(/\s+\.$/, '.')
    .trim();
}

/**
 * A person's name as the article first gives it in full: «سايلس» becomes «نايثن سايلس» and «الجاسر» «صالح بن
 * ناصر الجاسر» when the article writes the longer name somewhere in its narration (quotations masked) in a place
 * where a name stands — after a role, an honorific, a nationality or a reporting verb, or after a comma
 * («والمنسق الأميركي …، نايثن سايلس»، «المهندس صالح بن ناصر الجاسر»، «، وسامي الخرساني، مدير…»). The earliest
 * such mention wins. A sentence's first word is not such a place: it is usually a verb («هاجم خالد…»).
 */
function completeNames(registry: PersonRegistry, masked: string[], tokenized: Token[][], aloneAsSpeaker: ReadonlySet<string> = new Set()): void {
  for (const person of registry.people) {
    if (person.keys.length === 0 || person.keys.length >= MAX_COMPLETED_NAME || person.quoted) continue;
    let best: string | null = null;
    // «حمل المستشار مرتضى منصور، رئيس…» … «في نفس الإطار طلب مرتضى منصور عقد جلسة»: where the article gives the name
    // right after a role or an honorific, that is where the name starts, and a later mention cannot lengthen it.
    let bounded = false;
    for (let p = 0; p < masked.length && best === null && !bounded; p++) {
      const tokens = tokenized[p];
      for (let e = person.keys.length - 1; e < tokens.length && best === null && !bounded; e++) {
        const s0 = e - person.keys.length + 1;
        if (!person.keys.every((key, k) => tokens[s0 + k].norm === key)) continue;
        const prev = tokens[s0 - 1];
        if (prev && (isRoleWord(prev.norm) || HONORIFICS.has(prev.norm)) && /^\s+$/.test(masked[p].slice(prev.end, tokens[s0].start))) bounded = true;
        else best = longerNameEndingAt(masked[p], tokens, s0, e, aloneAsSpeaker);
      }
    }
    // «السفير البريطاني في لبنان توم فلتشر أكد…» … «لفت فلتشر»، «ربما يفتقر دالي بليند…» … «وقال بليند»: where no name
    // slot marks the name, the word right before the surname, inside a clause, is its given name.
    if (!best && !bounded && person.keys.length === 1) best = givenNameBefore(masked, tokenized, person.keys[0]);
    if (!best) continue;
    const keys = nameKeys(best);
    // «سمات السعودية خالد آل سعود هيكل» (a tag line): a run that holds another person's whole name glues two names.
    if (registry.people.some((other) => other !== person && other.keys.length > 0 && other.keys.every((k) => keys.includes(k)))) continue;
    person.name = best;
    person.keys = keys;
  }
}

/**
 * A person the article calls by one word («فلتشر»، «بليند»): the given name is the word written right before that
 * word at its first mention, when that mention stands inside a clause (not its first word, which is a verb: «لفت
 * فلتشر») and the word before the given name is not a particle that a verb follows («أن التقى بليند»). The given
 * name must be written nowhere in the narration but before this surname (a verb or a noun recurs elsewhere), be no
 * definite word, no word with و/ف, no glued preposition. Null when the first mention does not fit.
 */
function givenNameBefore(masked: string[], tokenized: Token[][], key: string): string | null {
  for (let p = 0; p < masked.length; p++) {
    const tokens = tokenized[p];
    const at = tokens.findIndex((t) => t.norm === key);
    if (at < 0) continue;
    if (at < 2) return null;
    const given = tokens[at - 1];
    const before = tokens[at - 2];
    const word = given.norm;
    if (!/^\s+$/.test(masked[p].slice(given.end, tokens[at].start)) || !/^\s+$/.test(masked[p].slice(before.end, given.start))) return null;
    if (clauseFirstAt(masked[p], tokens, at - 1) || STOPWORDS.has(before.norm) || isStop(before.norm) || /^[وف]?(قد|لقد)$/.test(before.norm)) return null;
    // («حين قالت المعلمة» after «بوفاة المعلمة»: a definite noun in ة is a description, and ب/ل glued to a noun in ة
    // is no given name.)
    if ((key.startsWith('ال') && key.endsWith('ه')) || /^[بل].{3,}ه$/.test(word)) return null;
    if (!isNameToken(word) || word.startsWith('ال') || /^[وف]/.test(word) || isGluedNoun(word) || isRoleOrHonorific(word) || NAME_LINKS.has(word)) return null;
    if (OBJECT_VERBS.has(word) || OPINION_VERBS.has(word) || isRoleOrHonorific(before.norm)) return null;
    const elsewhere = tokenized.some((ts) => ts.some((t, i) => t.norm === word && ts[i + 1]?.norm !== key));
    return elsewhere ? null : `${given.text} ${tokens[at].text}`;
  }
  return null;
}

/**
 * «لكن الرئيس الإيراني حسن روحاني تحدث بلهجة…» then «وقال روحاني»، «وأشاد روحاني»: the article calls a person again
 * by the last word of their name, so a word after that one, used nowhere else in the narration, is what followed
 * the name (a verb, a noun) and not part of it: «حسن روحاني تحدث» → «حسن روحاني»، «داود أوغلو حمل» → «داود
 * أوغلو»، «باراك أوباما كسب تأييد» → «باراك أوباما» (a verb-first clause: the verb and its object after the
 * subject). Never a family name with the article or a link (بن، آل), only when two words remain, and only when the
 * article calls them by the shorter form alone somewhere.
 */
function trimUnrepeatedTails(registry: PersonRegistry, tokenized: Token[][]): void {
  let counts: Map<string, number> | null = null;
  for (const person of registry.people) {
    // (Two words must remain: in «مايكل ستيرن» … «وأضاف مايكل» the short form is the given name.)
    if (person.keys.length < 3 || person.keys.length > MAX_COMPLETED_NAME) continue;
    if (counts === null) {
      counts = new Map();
      for (const tokens of tokenized) for (const t of tokens) counts.set(t.norm, (counts.get(t.norm) ?? 0) + 1);
    }
    const seen = counts;
    // The name ends at the last word the article calls them by alone («وقال روحاني»): a common given name counted in
    // other people's names, or a word like «أكبر», is no evidence, so the article must use that word alone and more
    // than once. Every word after it must be used nowhere else (a verb, its object: «باراك أوباما كسب تأييد» with
    // «وقال أوباما» is «باراك أوباما»), never a family name with the article or a link (بن، آل).
    let cut = -1;
    for (let j = person.keys.length - 2; j >= 1; j--) {
      const last = person.keys[j];
      const tail = person.keys.slice(j + 1);
      if (tail.some((w) => w.startsWith('ال') || NAME_LINKS.has(w) || (seen.get(w) ?? 0) !== 1)) break;
      if (!person.endings?.has(last) || (seen.get(last) ?? 0) < 2 || NAME_LINKS.has(last)) continue;
      // «أحمد داود أغولو» then «داود أوغلو»: where the last word comes back with another name word after it, the
      // name goes on there too (a variant spelling), so nothing is cut.
      const goesOn = tokenized.some((tokens) => tokens.some((t, i) => t.norm === last && i + 1 < tokens.length && tokens[i + 1].norm !== tail[0] && continuesName(tokens[i + 1].norm)));
      if (goesOn) break;
      cut = j;
      break;
    }
    if (cut < 0) continue;
    const words = person.name.split(/\s+/);
    if (words.length !== person.keys.length) continue;
    person.name = words.slice(0, cut + 1).join(' ');
    person.keys = person.keys.slice(0, cut + 1);
  }
}

/** A name word that could continue a name: «أوغلو» after «داود», not «لمعسكر» (ل glued to a noun) after «روحاني». */
function continuesName(norm: string): boolean {
  return isNameToken(norm) && !(/^[وفبل][^اوي]/.test(norm) && norm.length >= 5);
}

/** Last words of the fixed openers «من جهته،»، «بدوره،»، «في المقابل،»، «إلى ذلك،» (see clauseInitialTokens). */
const OPENER_ENDS: ReadonlySet<string> = new Set(
  'جهته جهتها جانبه جانبها ناحيته ناحيتها بدوره بدورها وبدوره وبدورها المقابل ذلك السياق الغضون جهه'.split(' '),
);

const MAX_COMPLETED_NAME = 5;
const NAME_LINKS: ReadonlySet<string> = new Set(['بن', 'ابن', 'بنت', 'عبد', 'ابو', 'ال']);

/** The longest name run ending with tokens[s0..e] that stands in a name slot, or null when there is none longer. */
function longerNameEndingAt(text: string, tokens: Token[], s0: number, e: number, aloneAsSpeaker: ReadonlySet<string> = new Set()): string | null {
  const spaceOnly = (a: Token, b: Token) => /^\s+$/.test(text.slice(a.end, b.start));
  let bestStart = -1;
  let stripConjunction = false;
  // «حاكم منطقة سوروتش عبدالله جيفتشي»: a name that opens with a sure given name («عبد…»، «محمد») starts there.
  if (SURE_GIVEN.test(tokens[s0].norm) || tokens[s0].norm === ALI_NAME) return null;
  for (let s = s0; s > 0 && e - s + 2 <= MAX_COMPLETED_NAME; s--) {
    const prev = tokens[s - 1];
    if (!spaceOnly(prev, tokens[s])) break;
    const word = prev.norm;
    // «الحاكم السابق لفلوريدا جيب بوش»: a preposition glued to a noun is a place, not a given name.
    const gluedNoun = isGluedNoun(word);
    // («المتحدث باسم حماس حازم قاسم»: a body's one-word proper name is no given name, round 16.)
    const extendable = (isNameToken(word) && !word.startsWith('ال') && !gluedNoun && !NAMED_BODIES.has(word)) || NAME_LINKS.has(word) || prev.text === 'آل';
    if (!extendable) break;
    const before = tokens[s - 2];
    const gap = before ? text.slice(before.end, prev.start) : text.slice(0, prev.start);
    // «…عام 2010. كتب بوزيد حرز الله»: a sentence's first word is a verb's place, never a name's.
    if ((/[.!?؟]/.test(gap) && !isAbbreviation(before)) || before === undefined) break;
    const commaBefore = /[،,:(]/.test(gap);
    // «فقد اقترح جيب بوش شقيق…»: the word after «قد» is a verb.
    if (/^[وف]?(قد|لقد)$/.test(before.norm)) break;
    // «من جهته، ناقش فينبار سكستون، رئيس…»: after an opener's comma the clause begins with its verb, not a name.
    if (commaBefore && OPENER_ENDS.has(before.norm)) break;
    // «، وسامي الخرساني»: a و after a comma joins a list of names; elsewhere a word with و is a verb («ورأى كيري»).
    // (After a role or a nisba it is a given name: «وزير الخارجية السوري وليد المعلم».)
    const wSlot = before !== undefined && (isRoleWord(before.norm) || /^ال.{2,}ي$/.test(before.norm));
    if (word.startsWith('و') && !commaBefore && !wSlot) break;
    // «ومن خلال خبرتها في هذا المجال استطاعت مرام القصير»: a word in ت after a plain noun is a verb.
    const plainNounBefore = before !== undefined && /^(ال|وال)/.test(before.norm) && !/(ي|يه)$/.test(before.norm) && !isRoleWord(before.norm);
    if (plainNounBefore && word.endsWith('ت') && word.length >= 4) break;
    if (NAME_LINKS.has(word) && !(prev.text === 'آل')) continue; // «بن» needs the given name before it
    if (prev.text === 'آل') continue;
    // After a comma the name must stand as an apposition — a comma, a role or the sentence's end after it —
    // since a clause opens after a comma as often («، استطاعت مرام القصير أن…»).
    const after = tokens[e + 1];
    const tail = text.slice(tokens[e].end, after ? after.start : text.length);
    const apposition = /[،,:.(]/.test(tail) || after === undefined || isRoleWord(after.norm);
    // «وأفصح خالد العطية وزير خارجية قطر»: a role right after marks the name too, for one given name.
    const roleAfter = s === s0 && after !== undefined && isRoleWord(after.norm) && /^\s+$/.test(tail);
    // («محافظ عدن نايف البكري»: after an indefinite role head comes its complement, not a name.)
    const slot = before !== undefined && isNameSlot(before.norm) && !(isRoleWord(before.norm) && !/^(ال|وال)/.test(before.norm));
    // «وسلط شريف الكيلاني الضوء…» … «وقال الكيلاني»: a clause opens with its verb and then its subject (Arabic news
    // is verb-first), so one name word between the clause's first word and a family name the article makes a
    // speaker on its own is that person's given name. (Only that one word: further back is the verb; and only for a
    // person known by the family name alone — a longer name at a paragraph's start may be a tag line, «سمات
    // أفغانستان جون كامبل».)
    const verbFirst = s === s0 && s0 === e && aloneAsSpeaker.has(tokens[e].norm) && clauseFirstAt(text, tokens, s - 2) && !/^(ال|وال|فال)/.test(before.norm) && !STOPWORDS.has(before.norm) && !isStop(before.norm) && !word.startsWith('و');
    if ((commaBefore && apposition) || slot || roleAfter || verbFirst) {
      bestStart = s - 1;
      stripConjunction = word.startsWith('و') && commaBefore;
    }
  }
  if (bestStart < 0) return null;
  const run = tokens.slice(bestStart, e + 1).map((t) => t.text);
  if (stripConjunction) run[0] = run[0].slice(1);
  return run.join(' ');
}

/**
 * A body's proper name set in marks right after the words that describe it: «شركة الأبحاث "البن كابيتال"»، «محطة
 * «ام تي في» التلفزيونية»، «الشركة الاستشارية "كابيتال إيكونوميكس"». Whatever the outlet's marks, a short quoted run
 * of name words after a body's head and at most two descriptive words is that body's name (the development set's
 * convention: the name, not the description; a head right before the marks stays, «صحيفة بليك»), where the
 * narration's reading stops at the head, runs into the quoted words or past them («صحيفة بليك الأوسع»). `name` is the body as read from the masked narration, looked for in [from, to).
 */
function bodyNamedInMarks(paragraph: string, spans: QuoteSpan[], short: boolean[], name: string, from: number, to: number): string | null {
  const head = tokensOf(name)[0];
  if (!head) return null;
  const at = paragraph.indexOf(head.text, from);
  if (at < 0 || at >= to) return null;
  for (const [k, span] of spans.entries()) {
    if (!short[k] || span.openAt <= at || span.openAt >= to) continue;
    const between = tokensOf(paragraph.slice(at, span.openAt));
    // The head and at most two describing words («شركة الأبحاث»، «الشركة الاستشارية البريطانية»), nothing else.
    if (between.length < 1 || between.length > 3 || /[،,.:؛]/.test(paragraph.slice(at, span.openAt))) return null;
    if (!between.slice(1).every((t) => /^(ال|وال)/.test(t.norm) && !isSpeechVerb(t.norm))) return null;
    const quoted = tokensOf(paragraph.slice(span.start, span.end));
    if (quoted.length === 0 || quoted.length > 3 || quoted.some((t) => STOPWORDS.has(t.norm) || isStop(t.norm) || isSpeechVerb(t.norm))) return null;
    // Right after the head the marks only set off the name, and the head is part of it («صحيفة “بليك”» is «صحيفة
    // بليك»); after a description the quoted words alone are the name.
    return [...(between.length === 1 ? [between[0]] : []), ...quoted].map((t) => t.text).join(' ');
  }
  return null;
}

/**
 * Definite words the article both writes right after a given name and makes a speaker on their own («وأشار أحمد
 * الفهيد…» and «ويضيف الفهيد:»): a family name, whatever its pattern (familyNamesIn reads the pattern only, and
 * leaves out words in ة or of an adjective's form, which can be nouns). The second use is the evidence.
 */
function repeatedFamilyNames(masked: string[], tokenized: Token[][], aloneAsSpeaker: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  if (aloneAsSpeaker.size === 0) return out;
  tokenized.forEach((tokens, p) => {
    for (let i = 1; i < tokens.length; i++) {
      const norm = tokens[i].norm;
      if (!norm.startsWith('ال') || !aloneAsSpeaker.has(norm) || out.has(norm)) continue;
      const given = tokens[i - 1].norm;
      if (!isNameToken(given) || given.startsWith('ال') || given.startsWith('و') || isSpeechVerb(given)) continue;
      if (!/^\s+$/.test(masked[p].slice(tokens[i - 1].end, tokens[i].start))) continue;
      out.add(norm);
    }
  });
  return out;
}

/**
 * Whether tokens[k] is the first word of its clause: the paragraph's or a sentence's first word, the word after «قد»
 * at a clause's start («وقد أشار…»), or the first after an opener's comma («من جهته، ناقش…»).
 */
function clauseFirstAt(text: string, tokens: Token[], k: number): boolean {
  if (k === 0) return true;
  const prev = tokens[k - 1];
  const gap = text.slice(prev.end, tokens[k].start);
  if (/[.!?؟]/.test(gap) && !isAbbreviation(prev)) return true;
  if (/[،,]/.test(gap) && OPENER_ENDS.has(prev.norm)) return true;
  return /^[وف]?(قد|لقد)$/.test(prev.norm) && /^\s+$/.test(gap) && clauseFirstAt(text, tokens, k - 1);
}

/**
 * The text up to the first mark that ends a phrase (a comma, a colon, a stop, a bracket) — but the dot of a title
 * («رئيس لجنة الاحتراف د. عبد الله البرقان»، «م. خالد») does not end it: a one- or two-letter word before a dot.
 */
function firstPhrase(text: string): string {
  return withoutTitleDots(text).split(/[.!?؟:؛;،,(]/)[0] ?? '';
}

/** «د.»، «م.»، «أ.د.»: a one- or two-letter word before a dot is a title, not a sentence's end. */
function isAbbreviation(t: Token | undefined): boolean {
  return t !== undefined && t.norm.length <= 2 && /^\p{L}+$/u.test(t.text);
}

/** Words after which a name stands: a role, an honorific, a nationality or title (a definite word), a verb of saying. */
function isNameSlot(norm: string): boolean {
  // («إلى جانب بلاتيني»: «إلى» folds to «الي», which looks definite; a function word is no slot.)
  if (STOPWORDS.has(norm) || isStop(norm)) return false;
  return (
    /^(ال|وال)/.test(norm) ||
    isRoleWord(norm) ||
    HONORIFICS.has(norm) ||
    isSpeechVerb(norm) ||
    isParticiple(norm) ||
    /^(لل|بال)/.test(norm)
  );
}

function isRoleWord(norm: string): boolean {
  return ROLE_HEADS.has(withoutArticle(norm));
}

const norms = (words: string): Set<string> => new Set(words.split(/\s+/).filter(Boolean).map((w) => tokensOf(w)[0].norm));
/** «هذا ما قاله X»، «وفق ما صرح به X»، «حسب X»: words that attribute the quotation just before them. */
const AFTER_LEADS = norms('هذا هكذا ذلك ما كما وفق وفقا حسب بحسب حسبما طبقا لما على حد تعبير');
// («"…"، هكذا علق المدير الجهوي للصحة…»: «علق» reports a comment after the quotation it follows, round 19.)
const AFTER_VERBS = norms('قاله قالته قالها صرح صرحت اكده اكدته ذكره ذكرته اوضحه اضافه كتبه كتبته قال قالت يقول تقول اضاف اضافت افاد افادت افاده جاء ورد علق علقت');
const AFTER_LINKS = norms('به بها في');
/** «تعبيره»، «قولها»، «روايتهم»: a noun of saying with a pronoun, pointing back to whoever is speaking. */
const OWN_WORDS = /^(تعبير|قول|وصف|روايت|كلام|حديث|زعم|رأي|راي|ادعاء)(ه|ها|هم|هما)$/;

/**
 * The speaker named right after a quotation's closing mark: «"…"، هذا ما قاله جون ألكسندر أمين عام يونايتد»،
 * «"…"، وفق ما صرح به X»، «"…"، حسب مصدر أمني»، «"…"، قال X». Null when the words after it are narration.
 */
function attributionAfter(masked: string, from: number, familyNames: ReadonlySet<string>): Subject | null {
  const gap = /^[\s،,]{0,3}/.exec(masked.slice(from))?.[0].length ?? 0;
  const rest = masked.slice(from + gap, from + gap + 300);
  const tokens = tokensOf(rest);
  let k = 0;
  let attributed = false;
  while (k < tokens.length && k < 5 && (AFTER_LEADS.has(tokens[k].norm) || AFTER_VERBS.has(tokens[k].norm) || AFTER_LINKS.has(tokens[k].norm))) {
    if (AFTER_VERBS.has(tokens[k].norm) || ['وفق', 'وفقا', 'حسب', 'بحسب', 'حسبما', 'طبقا', 'تعبير'].includes(tokens[k].norm)) attributed = true;
    k++;
  }
  // «"…"، وفق تعبيره»، «على حد قولها»، «حسب وصفه»: his words, her account — the one speaking, not a new name.
  // (Bare: the quotation is attributed, to whoever speaks now.)
  if (k > 0 && k < tokens.length && OWN_WORDS.test(tokens[k].norm)) return { kind: 'bare' };
  if (!attributed || k >= tokens.length) return null;
  const subject = parseSubject(rest.slice(tokens[k].start), familyNames);
  return subject.kind === 'bare' ? null : subject;
}

/**
 * A complete short utterance (two or three words) presented as speech: after a colon («وجدت رسالة تقول: «العشاء
 * جاهز»»), or a sentence with its own full stop right after the attribution («وقال مورينيو … "نعم الجميع
 * بخير."») with no «أن» between. A short quoted phrase that merely ends the narrator's sentence («… "تعزيز هذا
 * التعاون".», seed 001) is a partial quote of a term and stays out.
 */
function isCompleteUtterance(masked: string, span: QuoteSpan): boolean {
  if (masked.slice(0, span.openAt).trimEnd().endsWith(':')) return true;
  // «"لن نتراجع أبدا"، قال X»، «…، يقول X»: a reporting verb right after the closing mark and its comma (round 16).
  const rest = masked.slice(span.end + 1, span.end + 40);
  const verb = /^\s*[،,]/.test(rest) ? tokensOf(rest)[0] : undefined;
  // (Only when the marks open their sentence: «ووصفه بأنه "خطوة تاريخية"، قال…» quotes a term.)
  const opensSentence = () => masked.slice(sentenceStart(masked, span.openAt), span.openAt).trim() === '';
  if (verb && (SPEECH_VERBS.has(verb.norm) || PRESENT_SPEECH_VERBS.has(verb.norm)) && opensSentence()) return true;
  if (!/[.!?؟]\s*$/.test(masked.slice(span.start, span.end))) return false;
  const lead = tokensOf(masked.slice(sentenceStart(masked, span.openAt), span.openAt));
  let cueAt = -1;
  lead.forEach((t, i) => {
    if (isReportingVerbAt(lead, i) || isParticiple(t.norm)) cueAt = i;
  });
  if (cueAt < 0) return false;
  const between = lead.slice(cueAt + 1);
  return between.length <= 12 && !between.some((t) => INTRODUCERS.has(t.norm));
}


/** «بيانا»، «تغريدة»، «كلمة»: what a «قال فيه» points back to (accusative alef dropped, article removed). */
const SAID_IN: ReadonlySet<string> = new Set(
  ['كلمه', 'خطاب', 'خطابا', 'تصريح', 'تصريحا', 'حديث', 'حديثا', 'مقال', 'مقالا', 'مقابله', 'منشور', 'منشورا', 'تدوينه', 'تغريده', 'بيانا', 'تقريرا', 'اعلانا', 'قرارا'],
);
const IN_IT: ReadonlySet<string> = new Set(['فيه', 'فيها']);

/**
 * «وأصدرت البطريركية اللاتينية بيانا قالت فيه: "…"»، «ونشر الاتحاد تغريدة جاء فيها»: the verb speaks through a
 * document the clause's subject issued; that subject is the speaker. A body the lexicon does not list (a definite
 * noun and its adjectives) counts as the organisation, named as the article gives it.
 */
function documentIssuer(masked: string, tokens: Token[], t: number, familyNames: ReadonlySet<string>): Subject | null {
  if (!IN_IT.has(tokens[t + 1]?.norm ?? '')) return null;
  const from = sentenceStart(masked, tokens[t].start);
  // «جاءت تغريدة للغفيلي قال فيها:»: the document's author after «ل», right before the verb (round 17).
  const author = tokens[t - 1];
  const documentWord = tokens[t - 2] ? withoutArticle(tokens[t - 2].norm) : '';
  if (author && (SAID_IN.has(documentWord) || DOCUMENT_HEADS.has(documentWord)) && /^ل/.test(author.norm) && author.norm.length >= 5) {
    const name = author.text.startsWith('لل') ? `ا${author.text.slice(1)}` : author.text.slice(1);
    const subject = parseSubject(` ${name} `, familyNames);
    if (subject.kind === 'named' || subject.kind === 'organisation') return subject;
  }
  for (let j = t - 1; j > 0 && tokens[j].start >= from && j >= t - 12; j--) {
    const bare = withoutArticle(tokens[j].norm.replace(/\u064B$/, ''));
    if (!SAID_IN.has(bare) && !DOCUMENT_HEADS.has(bare) && !DOCUMENT_HEADS.has(bare.replace(/ا$/, ''))) continue;
    // The clause's verb opens the sentence (or follows its comma): its subject runs up to the document word.
    let v = j - 1;
    while (v > 0 && tokens[v - 1].start >= from && /^\s+$/.test(masked.slice(tokens[v - 1].end, tokens[v].start))) v--;
    if (v >= j - 1) return null;
    const text = masked.slice(tokens[v + 1].start, tokens[j].start);
    const subject = parseSubject(text, familyNames);
    if (subject.kind === 'named' || subject.kind === 'unnamed' || subject.kind === 'anaphor') return subject;
    if (subject.kind === 'organisation' && subject.name) return subject;
    const words = tokensOf(text);
    if (words.length >= 1 && words.length <= 4 && words.every((w) => /^ال/.test(w.norm) && !isRoleWord(w.norm))) {
      return { kind: 'organisation', name: words.map((w) => w.text).join(' ') };
    }
    return null;
  }
  return null;
}

const RELATIVES: ReadonlySet<string> = new Set(['الذي', 'التي', 'والذي', 'والتي']);

/**
 * A past verb or a participle in the masculine: «وأضاف»، «قال»، «مشيرا» — not «وأضافت»، «مشيرة», and not a
 * present form (its prefix ت is the feminine or the second person, ي the masculine: left undecided).
 */
function isMasculineVerb(norm: string): boolean {
  const bare = norm.replace(/^[وف](?=...)/, '');
  if (isParticiple(bare)) return bare.endsWith('ا');
  return isSpeechVerb(norm) && !/[ته]$/.test(bare) && !/^[يتن]/.test(bare) && !bare.endsWith('وا');
}

/**
 * The gender a singular reporting verb or participle agrees with: «قال»، «يقول»، «مضيفا» masculine; «قالت»، «تقول»،
 * «مضيفة» feminine; null for a plural, a form that tells nothing, or a word that is no reporting verb.
 */
function genderOfVerb(norm: string): Gender | null {
  const bare = norm.replace(/^[وف](?=...)/, '');
  if (isParticiple(bare)) return bare.endsWith('ا') ? 'masculine' : bare.endsWith('ه') ? 'feminine' : null;
  if (!isSpeechVerb(norm) || isPluralVerb(norm) || /(ان|ين|تا)$/.test(bare)) return null;
  // The present by its prefix («يقول» / «تقول»); the past by its ending: «أضافت»، «دعت»، but «لفت» (he pointed out),
  // and «تابع»، «تحدث» are masculine pasts that begin with ت.
  if (PRESENT_SPEECH_VERBS.has(norm)) return bare.startsWith('ي') ? 'masculine' : bare.startsWith('ت') ? 'feminine' : null;
  if (bare === 'لفت') return 'masculine';
  return bare.endsWith('ت') ? 'feminine' : 'masculine';
}

/** «قالوا»، «يقولون»: a reporting verb in the plural. */
function isPluralVerb(norm: string): boolean {
  const bare = norm.replace(/^[وف](?=...)/, '');
  return isSpeechVerb(norm) && (bare.endsWith('وا') || /^[يت].{2,}ون$/.test(bare));
}

/** «وزارة الداخلية»، «منظمة…»، «الشركة»: a body whose head noun ends in ة is feminine. */
function isFeminineBody(name: string): boolean {
  const head = tokensOf(name)[0]?.norm ?? '';
  return withoutArticle(head).endsWith('ه');
}

/** Nouns of a statement given by someone: «في تعليق لـX»، «في تصريح لـX». */
const COMMENT_NOUNS: ReadonlySet<string> = new Set(['تعليق', 'تصريح', 'حديث', 'تعقيب', 'رد', 'كلمه']);

/**
 * «وفي تعليق لناصر الطوالة الذي يمتلك شركة متخصصة في العقار قال: «…»»: a bare verb whose sentence opened on a
 * statement by a named person («تعليق/تصريح/حديث» + ل glued to a name) is that person speaking (round 22). The
 * name runs from the glued word to the first word that cannot be in one (a relative, a function word, a verb); an
 * outlet after ل («في تصريح لـ"سبق"») is no person, nor is a known name that begins with ل («تصريح ليندسي»).
 */
function commentAuthor(masked: string, tokens: Token[], t: number, registry: PersonRegistry): Subject | null {
  const from = sentenceStart(masked, tokens[t].start);
  for (let i = t - 1; i >= 1 && tokens[i - 1].start >= from; i--) {
    if (!COMMENT_NOUNS.has(withoutArticle(tokens[i - 1].norm.replace(/^[وف](?=...)/, '')))) continue;
    const glued = tokens[i];
    if (!/^ل[^ل]/.test(glued.norm) || isGluedOutlet(glued.norm) || !isNameToken(glued.norm.slice(1))) return null;
    // («تصريح ليندسي»: a name the article has given, that begins with ل itself.)
    if (registry.people.some((p) => p.keys.includes(glued.norm))) return null;
    if (!/^\s+$/.test(masked.slice(tokens[i - 1].end, glued.start))) return null;
    const words = [glued.text.replace(/^ل/, '')];
    for (let j = i + 1; j < t && words.length < MAX_NAME_TOKENS; j++) {
      const norm = tokens[j].norm;
      if (!/^\s+$/.test(masked.slice(tokens[j - 1].end, tokens[j].start))) break;
      if (isStop(norm) || STOPWORDS.has(norm) || isSpeechVerb(norm) || isParticiple(norm) || ROLE_HEADS.has(withoutArticle(norm)) || INSTITUTIONS.has(withoutArticle(norm))) break;
      if (!isNameToken(norm) && !/^ال/.test(norm)) break;
      words.push(tokens[j].text);
    }
    return words.length >= 2 ? { kind: 'named', name: words.join(' '), role: null } : null;
  }
  return null;
}

/**
 * «مالك صقر يدعى مطر الكواري الذي قال…»، «بنت سلمان التي تقول "…"»: the relative pronoun's antecedent, read
 * back from it, is the speaker — the longest run of up to five words before it that reads wholly as a subject.
 */
function relativeAntecedent(masked: string, tokens: Token[], t: number, familyNames: ReadonlySet<string>, registry: PersonRegistry): Subject | null {
  if (t < 2 || !RELATIVES.has(tokens[t - 1].norm)) return null;
  const end = tokens[t - 1].start;
  const from = Math.max(sentenceStart(masked, end), masked.lastIndexOf('،', end - 1) + 1, masked.lastIndexOf(',', end - 1) + 1);
  for (let s = Math.max(0, t - 6); s < t - 1; s++) {
    if (tokens[s].start < from) continue;
    const subject = parseSubjectBefore(masked.slice(tokens[s].start, end), familyNames);
    if (subject.kind !== 'named') continue;
    // A name needs a mark: a role, «يدعى» before it, a link (بن، أبو), or to be someone the article named already.
    const keys = nameKeys(subject.name);
    const marked =
      subject.role !== null ||
      /^و?(يدعي|تدعي|اسمه|اسمها)$/.test(tokens[s - 1]?.norm ?? '') ||
      keys.some((k) => NAME_LINKS.has(k)) ||
      registry.people.some((p) => sameName(p.keys, keys));
    if (marked) return subject;
  }
  return null;
}

/**
 * A three-word span in a sentence with a reporting cue is a partial quotation («دمرت «جزئياً أو كلياً»»، «متهما
 * إياه بـ"التدليس ومخالفة الحقيقة"») unless the word before it names what the span is: a body, a role or a title
 * («لمنظمة «ب.ك.ك»»، «محطة «ام تي في»»، «ممثل "يورو سبورت عربية"»).
 */
function threeWordStatement(paragraph: string, span: QuoteSpan): boolean {
  const body = paragraph.slice(span.start, span.end);
  if (/[.]\S/.test(body)) return false; // «ب.ك.ك»: an abbreviation
  const before = tokensOf(paragraph.slice(Math.max(0, span.openAt - 40), span.openAt));
  const last = before.at(-1)?.norm.replace(/ـ/g, '').length === 1 ? before.at(-2) : before.at(-1);
  if (!last) return false;
  const bare = withoutArticle(last.norm.replace(/^(لل|بال)/, 'ال').replace(/^[لب](?=...)/, ''));
  if (INSTITUTIONS_OR_ROLES(bare) || TITLE_NOUNS.has(bare)) return false;
  // What governs the span says it is words of the speaker: a complementizer («إنه "ليس حياة طبيعية"»), a
  // preposition glued to the mark («بـ"…"»), «إلى», or a verb («دمرت «…»»، «سافرت "…"»). After a noun, «في» or a
  // comma it is more often a name («في «بيرسون أميركا الشمالية»»).
  const n = last.norm.replace(/ـ/g, '');
  const first = tokensOf(body)[0]?.norm ?? '';
  if (INSTITUTIONS_OR_ROLES(withoutArticle(first))) return false; // «لـ«ولاية مطروح الإسلامية»»: a body's name
  // «متهما إياه بـ"…"»: a proclitic written apart, glued to the mark.
  const proclitic = before.at(-1)?.norm.replace(/ـ/g, '') ?? '';
  if (proclitic === 'ب' || proclitic === 'ل') return true;
  // (A noun before the span is not enough, even in a clause opened by «أن»: «مشيرا إلى أن المغرب “يضطلع بدور
  // ريادي” في الجهود» (seed 000) quotes a term.)
  const verbLike = !/^(ال|وال)/.test(n) && (/^[يت]../.test(n) || /(ت|وا)$/.test(n)) && !STOPWORDS.has(n);
  if (verbLike) return !/^(ال|وال)/.test(first);
  return GOVERNORS.has(n) || n === 'ب' || n === 'الي';
}
const GOVERNORS: ReadonlySet<string> = new Set(['ان', 'انه', 'انها', 'بان', 'بانه', 'بانها', 'لانه', 'لانها', 'كونه', 'كونها', 'انهم', 'بانهم', 'لانهم']);
const INSTITUTIONS_OR_ROLES = (bare: string): boolean => isOrganisationHead(bare) || ROLE_HEADS.has(bare) || INSTITUTIONS.has(bare);

/** «على لسان مديرها التنفيذي جون سميث»: the person a body or a report speaks through, in the verb's clause. */
function onTheTongueOf(text: string, familyNames: ReadonlySet<string>): Subject | null {
  const clause = text.split(/[.!?؟:؛;]/)[0] ?? '';
  const m = /(?:^|\s)على\s+لسان\s+/.exec(clause);
  if (!m) return null;
  // «مديرها التنفيذي»، «متحدثها»: the role with the body's pronoun reads as «المدير التنفيذي».
  const rest = clause.slice(m.index + m[0].length).replace(/^(\S+?)(ها|هم|ه)(?=\s)/, (w, stem: string) =>
    isRoleWord(tokensOf(stem)[0]?.norm ?? '') ? `ال${stem}` : w,
  );
  const subject = parseSubject(rest, familyNames);
  return subject.kind === 'named' || subject.kind === 'unnamed' || subject.kind === 'anaphor' ? subject : null;
}

/**
 * «ورأى درباس أنه "…"»، «ووصف الوزير المفاوضات بأنها "…"»، «واتهمتها بـ"…"»: verbs of opinion that report speech
 * only with what they govern («أن»، «بأن»، «بـ») a few words on; elsewhere («رأى الملك الطائرة») they narrate.
 */
function opinionVerbAt(tokens: Token[], i: number): boolean {
  // «وردا على ذلك، كتب النائب هشام العجبوني على فيسبوك:»: bare «كتب» (also «books») writes when a role or an
  // honorific follows it (round 16).
  if (tokens[i].norm === 'كتب') {
    const next = tokens[i + 1]?.norm ?? '';
    return HONORIFICS.has(next) || (next.startsWith('ال') && ROLE_HEADS.has(withoutArticle(next)));
  }
  // «وقد عبر مدير المنتخب خالد مطر عن سعادته… وقال:»، «وعبرت الوزارة عن أسفها»: «عبّر» (expressed) with «عن» a few
  // words on, written with و, after «قد»/«كما», or bare before a role word, which «via» never takes («عبر لاعب الفريق
  // الأول … سيف الحشان عن استيائه», «عن» allowed further on); elsewhere bare «عبر» is «via» («قال عبر حسابه»), round 17.
  if (/^و?عبر(ت|وا)?$/.test(tokens[i].norm)) {
    const marked = tokens[i].norm.startsWith('و') || EXPRESSED_AFTER.has(tokens[i - 1]?.norm ?? '');
    const next = tokens[i + 1]?.norm ?? '';
    const beforeRole = ROLE_HEADS.has(withoutArticle(next)) || HONORIFICS.has(next);
    return (marked || beforeRole) && tokens.slice(i + 1, i + (beforeRole ? 21 : 9)).some((t) => t.norm === 'عن');
  }
  if (!OPINION_VERBS.has(tokens[i].norm.replace(/^[وف](?=...)/, ''))) return false;
  // Before a role or an honorific the governed «أن» comes after the whole subject («رجحت عضو لجنة الأمن الداخلي في
  // برلمان الإقليم، النائبة أواز حميد أفندي، في تصريح لـ«الشرق الأوسط» أن…»), round 20.
  // (Only «رجح»: «وصف»، «اتهم» take an object, and so far out «بأنها» can follow another clause.)
  const next = tokens[i + 1]?.norm ?? '';
  const beforeRole = /^رجح/.test(tokens[i].norm.replace(/^[وف](?=...)/, '')) && (ROLE_HEADS.has(withoutArticle(next)) || HONORIFICS.has(next));
  return tokens.slice(i + 1, i + (beforeRole ? 25 : 9)).some((t) => OPINION_GOVERNED.has(t.norm));
}
// («رجحت النائبة أواز حميد أفندي… أن الولايات المتحدة لم تسلم المتهمة «لعدم ثقتها…»»: deemed likely, round 20.)
const OPINION_VERBS: ReadonlySet<string> = new Set(
  'راي رات راوا اعتقد اعتقدت وصف وصفت وصفوا اتهم اتهمت اتهموا رجح رجحت رجحوا'.split(' '),
);
const OPINION_GOVERNED: ReadonlySet<string> = new Set(['ان', 'انه', 'انها', 'بان', 'بانه', 'بانها', 'بانهم', 'ب']);
const EXPRESSED_AFTER: ReadonlySet<string> = new Set(['قد', 'وقد', 'فقد', 'لقد', 'ولقد', 'كما']);
