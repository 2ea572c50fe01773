/**
 * Issue 9: a learned ranker over speaker candidates. The rules in extract.ts choose one speaker per quotation by
 * following the narration; they were written against the tune articles and name the wrong person on outlets they
 * were not written for. Here every person and body the narration names (and «no name») is a candidate, described
 * by a few features that hold across outlets — how far back its last mention is, whether that mention is the
 * subject of a reporting verb, whether it comes right after the quotation, how often the article names it, and
 * whether the rules chose it, whether its gender agrees with the quotation's verb, whether the role word after that
 * verb is its role — and a logistic model, trained on the annotated tune articles
 * (bench/train-quote-ranker.ts), scores them. Pure functions; the weights are data (ranker-weights.ts).
 */
import { HONORIFICS, INSTITUTIONS, PRESENT_SPEECH_VERBS, ROLE_HEADS, SPEECH_VERBS } from './lexicon.js';
import type { QuoteAnalysis } from './extract.js';
import type { SpeakerKind } from './quote.js';
import { isNameToken, isParticiple, isSpeechVerb, nameKeys, tokensOf, withoutArticle, type Person, type Token } from './speakers.js';

export interface Candidate {
  kind: SpeakerKind;
  /** The person's or the body's name; null for «no name» (an unnamed source, or a speaker the article leaves out). */
  name: string | null;
  person: Person | null;
  /**
   * A variant of a person candidate's name: a word the article writes right before or after the name added to it
   * («سالوبك» → «توميسلاف سالوبك»، «دخيل» → «دخيل الطيار»), or the last word dropped («يوسف ادعيس إسرائيل» →
   * «يوسف ادعيس»). On articles the rules were not written for, most wrong speakers are the right person with the
   * name's boundary wrong; the variants make the right boundary a candidate, and the ranker weighs the evidence.
   */
  variant?: { of: number; how: 'before' | 'after' | 'dropped'; word: Token | null; slot: boolean; repeated: boolean; once: boolean };
}

/** Where an article mentions a candidate: paragraph and token index in the masked narration. */
interface Mention {
  paragraph: number;
  token: number;
  /** The mention stands within a few words of a reporting verb: the verb's subject, before or after it. */
  nearVerb: boolean;
}

export const FEATURE_NAMES = [
  'none',
  'organisation',
  'rule',
  'rule none',
  'same sentence, before',
  'same paragraph, before',
  'log words back',
  'one paragraph back',
  'two paragraphs back',
  'further back',
  'right after the quotation',
  'mention by a reporting verb',
  'nearest before',
  'second nearest before',
  'log mentions',
  'has a role',
  'previous quotation',
  'first person named',
  'none: no verb before in sentence',
  'two or more name words',
  "subject after the quotation's verb",
  "subject before the quotation's verb",
  'previous quotation, bare verb',
  'none: bare verb',
  'rule and nearest before',
  'variant: a word added before',
  'variant: a word added after',
  'variant: last word dropped',
  'variant: added word after a role or honorific',
  'variant: added word definite',
  'variant: added word a nisba',
  'variant: the longer run written twice',
  'variant: the word dropped written once',
  "variant of the rules' choice",
  "share of the article's other quotations the rules give it",
  'next quotation',
  'latest named by a reporting verb',
  'latest named by a reporting verb, bare verb',
  "gender agrees with the quotation's verb",
  "gender clashes with the quotation's verb",
  'the role word after the verb is its role',
  'none: the role word after the verb is nobody\'s',
  "body in a person's role",
  "first named in the quotation's sentence",
  'most mentioned person',
] as const;

type Gender = 'masculine' | 'feminine';

/**
 * The gender a singular reporting verb or participle agrees with («قال»، «يقول»، «مضيفا» / «قالت»، «تقول»، «مضيفة»),
 * null for a plural or a form that tells nothing. (extract.ts has the rules' own copy; this one stays beside the
 * features so that bench/ranker-examples.sh can run today's ranker over older rules.)
 */
function verbGender(norm: string): Gender | null {
  const bare = norm.replace(/^[وف](?=...)/, '');
  if (isParticiple(bare)) return bare.endsWith('ا') ? 'masculine' : bare.endsWith('ه') ? 'feminine' : null;
  if (!isSpeechVerb(norm) || bare.endsWith('وا') || /^[يت].{2,}ون$/.test(bare) || /(ان|ين|تا)$/.test(bare)) return null;
  if (PRESENT_SPEECH_VERBS.has(norm)) return bare.startsWith('ي') ? 'masculine' : bare.startsWith('ت') ? 'feminine' : null;
  if (bare === 'لفت') return 'masculine';
  return bare.endsWith('ت') ? 'feminine' : 'masculine';
}

/** Words between a reporting verb and its subject's mention, either way («وقال الوزير X»، «X قال»). */
const VERB_REACH_AFTER = 4;
const VERB_REACH_BEFORE = 3;
/** A name this many words after the closing mark still attributes it («"…"، قال X»). */
const AFTER_REACH = 8;

const isVerbToken = (t: Token): boolean => isSpeechVerb(t.norm) || isParticiple(t.norm) || SPEECH_VERBS.has(t.norm);

/** Index of the sentence each token is in (a full stop, ! or ? between two tokens starts a new one). */
function sentenceIds(masked: string, tokens: Token[]): number[] {
  const ids: number[] = [];
  let id = 0;
  tokens.forEach((t, i) => {
    if (i > 0 && /[.!?؟]/.test(masked.slice(tokens[i - 1].end, t.start))) id++;
    ids.push(id);
  });
  return ids;
}

function mentionsOf(candidate: Candidate, analysis: QuoteAnalysis, verbAt: boolean[][]): Mention[] {
  if (candidate.name === null) return [];
  const keys = candidate.person ? candidate.person.keys : tokensOf(candidate.name).map((t) => t.norm);
  if (keys.length === 0) return [];
  const out: Mention[] = [];
  const last = keys.at(-1) ?? '';
  const endings = (candidate.person as { endings?: Set<string> } | null)?.endings ?? new Set<string>();
  analysis.tokens.forEach((tokens, p) => {
    for (let i = 0; i < tokens.length; i++) {
      const norm = tokens[i].norm;
      let hit: boolean;
      if (candidate.person) {
        // A person by their last name, by another ending the article used for them, or by their first two words.
        hit = norm === last || endings.has(norm) || (keys.length >= 2 && norm === keys[0] && tokens[i + 1]?.norm === keys[1]);
      } else {
        // A body by its head and the word after it («وزارة الداخلية»), or by its head alone when that is its name.
        hit = withoutArticle(norm) === withoutArticle(keys[0]) && (keys.length < 2 || tokens[i + 1]?.norm === keys[1]);
      }
      if (!hit) continue;
      let nearVerb = false;
      for (let j = Math.max(0, i - VERB_REACH_AFTER); j <= Math.min(tokens.length - 1, i + VERB_REACH_BEFORE); j++) {
        if (j !== i && verbAt[p][j]) nearVerb = true;
      }
      out.push({ paragraph: p, token: i, nearVerb });
    }
  });
  return out;
}

/** The candidates of an article: every person registered and their name variants, every body named, and no name. */
export function candidatesOf(analysis: QuoteAnalysis): Candidate[] {
  const people = analysis.people.filter((p) => p.keys.length > 0).map((p): Candidate => ({ kind: 'person', name: p.name, person: p }));
  const names = new Set(people.map((c) => c.name));
  const variants: Candidate[] = [];
  const keyOf = (name: string) => nameKeys(name).join(' ');
  const seen = new Set(people.map((c) => keyOf(c.name ?? '')));
  const add = (of: number, name: string, v: Omit<NonNullable<Candidate['variant']>, 'of'>) => {
    const key = keyOf(name);
    if (seen.has(key)) return;
    seen.add(key);
    variants.push({ kind: 'person', name, person: people[of].person, variant: { of, ...v } });
  };
  const counts = new Map<string, number>();
  for (const tokens of analysis.tokens) for (const t of tokens) counts.set(t.norm, (counts.get(t.norm) ?? 0) + 1);
  people.forEach((c, of) => {
    const keys = c.person?.keys ?? [];
    const words = (c.name ?? '').split(/\s+/);
    if (keys.length >= 3 && words.length === keys.length) {
      add(of, words.slice(0, -1).join(' '), { how: 'dropped', word: null, slot: false, repeated: false, once: (counts.get(keys.at(-1) ?? '') ?? 0) <= 1 });
    }
    if (keys.length > MAX_VARIANT_BASE) return;
    analysis.tokens.forEach((tokens, p) => {
      const text = analysis.masked[p];
      const joined = (a: Token, b: Token) => /^\s+$/.test(text.slice(a.end, b.start));
      for (let s0 = 0; s0 + keys.length <= tokens.length; s0++) {
        if (!keys.every((k, i) => tokens[s0 + i].norm === k)) continue;
        const e = s0 + keys.length - 1;
        const run = (from: number, to: number) => tokens.slice(from, to + 1).map((t) => t.text).join(' ');
        const repeated = (from: number, to: number) => {
          const want = tokens.slice(from, to + 1).map((t) => t.norm).join(' ');
          let n = 0;
          for (const ts of analysis.tokens) for (let i = 0; i + to - from < ts.length; i++) if (ts.slice(i, i + to - from + 1).map((t) => t.norm).join(' ') === want) n++;
          return n >= 2;
        };
        const before = tokens[s0 - 1];
        // (A definite word before a name is a nationality or a title, «الإيراني محمد جواد ظريف», never its start.)
        if (before && joined(before, tokens[s0]) && isNameToken(before.norm) && !/^[وف]|^ال/.test(before.norm)) {
          const slotWord = tokens[s0 - 2];
          const slot = slotWord !== undefined && joined(slotWord, before) && isSlot(slotWord.norm);
          add(of, run(s0 - 1, e), { how: 'before', word: before, slot, repeated: repeated(s0 - 1, e), once: false });
        }
        const after = tokens[e + 1];
        if (after && joined(tokens[e], after) && (isNameToken(after.norm) || isDefiniteNameLike(after.norm))) {
          add(of, run(s0, e + 1), { how: 'after', word: after, slot: s0 > 0 && isSlot(tokens[s0 - 1].norm), repeated: repeated(s0, e + 1), once: false });
        }
      }
    });
  });
  const bodies = analysis.bodies.filter((b) => !names.has(b)).map((b): Candidate => ({ kind: 'organisation', name: b, person: null }));
  return [...people, ...bodies, ...variants, { kind: 'unnamed', name: null, person: null }];
}

/** Names of at most this many words get variants (longer ones are already as long as names run). */
const MAX_VARIANT_BASE = 3;

/** A role, an honorific or a nisba: the words after which a name starts («المدرب توميسلاف سالوبك»). */
function isSlot(norm: string): boolean {
  const bare = withoutArticle(norm);
  return ROLE_HEADS.has(bare) || HONORIFICS.has(norm) || (/^ال.{3,}ي$/.test(norm) && !ROLE_HEADS.has(bare));
}

/** «الطيار»، «العطية»: a definite word that could be a family name — no role, body or function word. */
function isDefiniteNameLike(norm: string): boolean {
  const bare = withoutArticle(norm);
  return /^ال.{3,}/.test(norm) && !ROLE_HEADS.has(bare) && !INSTITUTIONS.has(bare) && !isSpeechVerb(norm) && !isParticiple(norm);
}

/** The token index of the first token at or after a character offset. */
function tokenAt(tokens: Token[], offset: number): number {
  let i = 0;
  while (i < tokens.length && tokens[i].start < offset) i++;
  return i;
}

/**
 * Feature vectors (FEATURE_NAMES order) of every candidate for every quotation of the analysis:
 * result[q][c] for quotation q and candidates[c].
 */
export function candidateFeatures(analysis: QuoteAnalysis, candidates: Candidate[]): number[][][] {
  const verbAt = analysis.tokens.map((tokens) => tokens.map(isVerbToken));
  const sentences = analysis.tokens.map((tokens, p) => sentenceIds(analysis.masked[p], tokens));
  const own = candidates.map((c) => (c.variant ? [] : mentionsOf(c, analysis, verbAt)));
  // A variant is the same person: it is where the base name is.
  const mentions = candidates.map((c, k) => (c.variant ? own[c.variant.of] : own[k]));
  const counts = mentions.map((m) => m.length);
  const nameLength = candidates.map((c) => (c.name ? nameKeys(c.name).length : 0));
  const firstPerson = candidates.findIndex((c) => c.kind === 'person');
  const ruleIndex = analysis.quotes.map((q) => {
    if (q.speaker === null) return candidates.length - 1;
    const k = candidates.findIndex((c) => c.name === q.speaker && !c.variant);
    return k >= 0 ? k : -1;
  });
  // Gender of each candidate: a body's by its head noun (ة feminine), a person's by the reporting verbs beside their
  // mentions (each verb kept with where it is, so that a quotation's own verb is not counted as evidence for itself).
  const genderEvidence = candidates.map((c, k): Array<{ paragraph: number; token: number; gender: Gender }> => {
    if (c.kind !== 'person') return [];
    const out: Array<{ paragraph: number; token: number; gender: Gender }> = [];
    for (const m of mentions[k]) {
      const tokens = analysis.tokens[m.paragraph];
      for (let j = Math.max(0, m.token - VERB_REACH_AFTER); j <= Math.min(tokens.length - 1, m.token + VERB_REACH_BEFORE); j++) {
        const g = j !== m.token && verbAt[m.paragraph][j] ? verbGender(tokens[j].norm) : null;
        if (g) {
          out.push({ paragraph: m.paragraph, token: j, gender: g });
          break;
        }
      }
    }
    return out;
  });
  const bodyGender = candidates.map((c): Gender | null => {
    if (c.kind !== 'organisation' || !c.name) return null;
    const head = withoutArticle(tokensOf(c.name)[0]?.norm ?? '');
    return head.endsWith('ه') ? 'feminine' : 'masculine';
  });
  const roleWords = candidates.map((c) => new Set(c.person?.role ? tokensOf(c.person.role).map((t) => withoutArticle(t.norm)) : []));
  const roleTexts = candidates.filter((c) => c.person?.role).map((c) => tokensOf(c.person?.role ?? '').map((t) => withoutArticle(t.norm)).join(' '));
  const inRole = candidates.map((c) => {
    if (c.kind !== 'organisation' || !c.name) return false;
    const keys = tokensOf(c.name).map((t) => withoutArticle(t.norm)).slice(0, 2).join(' ');
    return keys !== '' && roleTexts.some((r) => ` ${r} `.includes(` ${keys} `));
  });
  const personCounts = candidates.map((c, k) => (c.kind === 'person' && !c.variant ? counts[k] : 0));
  const mostMentioned = Math.max(0, ...personCounts);
  return analysis.quotes.map((q, qi) => {
    const tokens = analysis.tokens[q.paragraph];
    const openTok = tokenAt(tokens, q.start);
    const closeTok = tokenAt(tokens, q.end);
    const sentence = sentences[q.paragraph];
    const quoteSentence = openTok < tokens.length ? sentence[openTok] : (sentence.at(-1) ?? 0);
    let verb = -1;
    for (let i = openTok - 1; i >= 0 && sentence[i] === quoteSentence; i--) {
      if (verbAt[q.paragraph][i]) {
        verb = i;
        break;
      }
    }
    const verbBefore = verb >= 0;
    // The verb's subject: a mention in the words after it up to the quotation, or just before it.
    const subjectAfter = (ms: Mention[]) => verb >= 0 && ms.some((m) => m.paragraph === q.paragraph && m.token > verb && m.token <= verb + 8 && m.token < openTok);
    const subjectBefore = (ms: Mention[]) => verb >= 0 && ms.some((m) => m.paragraph === q.paragraph && m.token < verb && m.token >= verb - 3 && sentence[m.token] === quoteSentence);
    const bareVerb = verbBefore && !mentions.some((ms) => subjectAfter(ms) || subjectBefore(ms));
    // Distance back (in words, paragraphs counted as 200 words) of each candidate's last mention before the quotation.
    const back = mentions.map((ms) => {
      let best = Infinity;
      for (const m of ms) {
        if (m.paragraph > q.paragraph || (m.paragraph === q.paragraph && m.token >= openTok)) continue;
        const d = m.paragraph === q.paragraph ? openTok - m.token : (q.paragraph - m.paragraph) * 200 + (analysis.tokens[m.paragraph].length - m.token);
        if (d < best) best = d;
      }
      return best;
    });
    const order = back.map((d, k) => [d, k] as const).filter(([d]) => Number.isFinite(d)).sort((a, b) => a[0] - b[0]);
    // Who a bare «وأضاف» most likely continues: the candidate whose last mention beside a reporting verb is the latest.
    let latestSpeaker = -1;
    let latestAt = Infinity;
    mentions.forEach((ms, k) => {
      if (candidates[k].variant) return;
      for (const m of ms) {
        if (!m.nearVerb || m.paragraph > q.paragraph || (m.paragraph === q.paragraph && m.token >= openTok)) continue;
        const d = m.paragraph === q.paragraph ? openTok - m.token : (q.paragraph - m.paragraph) * 200 + (analysis.tokens[m.paragraph].length - m.token);
        if (d < latestAt) {
          latestAt = d;
          latestSpeaker = k;
        }
      }
    });
    // The quotation's verb's gender (the verb before it in its sentence, else one right after the closing mark).
    let quoteVerbAt = verb;
    if (quoteVerbAt < 0) {
      for (let j = closeTok; j < Math.min(tokens.length, closeTok + 3); j++) if (verbAt[q.paragraph][j]) {
        quoteVerbAt = j;
        break;
      }
    }
    const quoteGender = quoteVerbAt >= 0 ? verbGender(tokens[quoteVerbAt].norm) : null;
    const genderOf = (k: number): Gender | null => {
      const base = candidates[k].variant ? candidates[k].variant.of : k;
      if (bodyGender[base]) return bodyGender[base];
      const votes = genderEvidence[base].filter((e) => !(e.paragraph === q.paragraph && e.token === quoteVerbAt));
      if (votes.length === 0) return null;
      const fem = votes.filter((e) => e.gender === 'feminine').length;
      return fem * 2 > votes.length ? 'feminine' : fem * 2 < votes.length ? 'masculine' : null;
    };
    // «وقال الوزير…»، «وقال رئيس الشركة…»، «وقالت الوزارة…»: a role or body word right after the verb, and whose it is.
    let roleWord = '';
    if (verb >= 0) {
      for (let j = verb + 1; j <= Math.min(openTok - 1, verb + 2); j++) {
        const bare = withoutArticle(tokens[j].norm);
        if (ROLE_HEADS.has(bare) || INSTITUTIONS.has(bare)) {
          roleWord = bare;
          break;
        }
      }
    }
    const holdsRole = candidates.map((c, k) => {
      if (roleWord === '' || !c.name) return false;
      if (c.kind === 'organisation') return withoutArticle(tokensOf(c.name)[0]?.norm ?? '') === roleWord;
      return roleWords[k].has(roleWord);
    });
    const roleNobodys = roleWord !== '' && !holdsRole.some(Boolean);
    // The first candidate the quotation's sentence names before the quotation: a VSO sentence's subject.
    let firstInSentence = -1;
    let firstAt = Infinity;
    mentions.forEach((ms, k) => {
      if (candidates[k].variant) return;
      for (const m of ms) {
        if (m.paragraph === q.paragraph && m.token < openTok && sentence[m.token] === quoteSentence && m.token < firstAt) {
          firstAt = m.token;
          firstInSentence = k;
        }
      }
    });
    // (Ranked among base candidates: a variant shares its base's rank.)
    const rankOf = new Map(order.filter(([, k]) => !candidates[k].variant).map(([, k], r) => [k, r]));
    return candidates.map((c, k) => {
      const ms = mentions[k];
      const before = ms.filter((m) => m.paragraph < q.paragraph || (m.paragraph === q.paragraph && m.token < openTok));
      const lastBefore = before.at(-1);
      const sameParagraph = lastBefore?.paragraph === q.paragraph;
      const sameSentence = sameParagraph && sentence[lastBefore.token] === quoteSentence;
      const parsBack = lastBefore ? q.paragraph - lastBefore.paragraph : Infinity;
      const after = ms.some((m) => m.paragraph === q.paragraph && m.token >= closeTok && m.token < closeTok + AFTER_REACH);
      const base = c.variant ? c.variant.of : k;
      const rank = rankOf.get(base);
      const isNone = c.name === null;
      const v = c.variant;
      const added = v?.word?.norm ?? '';
      const gender = isNone || quoteGender === null ? null : genderOf(k);
      return [
        isNone ? 1 : 0,
        c.kind === 'organisation' ? 1 : 0,
        ruleIndex[qi] === k ? 1 : 0,
        isNone && ruleIndex[qi] === k ? 1 : 0,
        sameSentence ? 1 : 0,
        sameParagraph && !sameSentence ? 1 : 0,
        sameParagraph ? Math.log1p(openTok - lastBefore.token) : 0,
        parsBack === 1 ? 1 : 0,
        parsBack === 2 ? 1 : 0,
        parsBack >= 3 && Number.isFinite(parsBack) ? 1 : 0,
        after ? 1 : 0,
        lastBefore?.nearVerb ? 1 : 0,
        rank === 0 ? 1 : 0,
        rank === 1 ? 1 : 0,
        Math.log1p(counts[k]),
        c.person?.role ? 1 : 0,
        qi > 0 && ruleIndex[qi - 1] === base ? 1 : 0,
        base === firstPerson ? 1 : 0,
        isNone && !verbBefore ? 1 : 0,
        c.kind === 'person' && nameLength[k] >= 2 ? 1 : 0,
        subjectAfter(ms) ? 1 : 0,
        subjectBefore(ms) ? 1 : 0,
        bareVerb && qi > 0 && ruleIndex[qi - 1] === base ? 1 : 0,
        isNone && bareVerb ? 1 : 0,
        ruleIndex[qi] === k && rank === 0 ? 1 : 0,
        v?.how === 'before' ? 1 : 0,
        v?.how === 'after' ? 1 : 0,
        v?.how === 'dropped' ? 1 : 0,
        v?.slot ? 1 : 0,
        v && added.startsWith('ال') ? 1 : 0,
        v && /^ال.{3,}ي$/.test(added) ? 1 : 0,
        v?.repeated ? 1 : 0,
        v?.once ? 1 : 0,
        v && ruleIndex[qi] === base ? 1 : 0,
        analysis.quotes.length > 1 ? ruleIndex.filter((r, j) => j !== qi && r === base).length / (analysis.quotes.length - 1) : 0,
        qi + 1 < ruleIndex.length && ruleIndex[qi + 1] === base ? 1 : 0,
        base === latestSpeaker ? 1 : 0,
        base === latestSpeaker && bareVerb ? 1 : 0,
        gender !== null && gender === quoteGender ? 1 : 0,
        gender !== null && gender !== quoteGender ? 1 : 0,
        holdsRole[base] ? 1 : 0,
        isNone && roleNobodys ? 1 : 0,
        inRole[k] ? 1 : 0,
        base === firstInSentence ? 1 : 0,
        mostMentioned > 0 && personCounts[base] === mostMentioned ? 1 : 0,
      ];
    });
  });
}

export function score(weights: readonly number[], features: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < features.length; i++) s += weights[i] * features[i];
  return s;
}

/**
 * The quotations of an analysis with each speaker the ranker's best candidate. Where that is the rules' own choice
 * the quotation is left as the rules gave it (with an unnamed source's description); otherwise the candidate's name,
 * role and kind replace it. `weights` in FEATURE_NAMES order.
 */
export function rankSpeakers(analysis: QuoteAnalysis, weights: readonly number[]): QuoteAnalysis['quotes'] {
  if (analysis.quotes.length === 0) return analysis.quotes;
  const candidates = candidatesOf(analysis);
  const features = candidateFeatures(analysis, candidates);
  const rule = FEATURE_NAMES.indexOf('rule');
  return analysis.quotes.map((q, qi) => {
    let best = 0;
    let bestScore = -Infinity;
    features[qi].forEach((f, k) => {
      const s = score(weights, f);
      if (s > bestScore) {
        bestScore = s;
        best = k;
      }
    });
    if (features[qi][best][rule] === 1) return q;
    const c = candidates[best];
    return { ...q, speaker: c.name, speakerRole: c.person?.role ?? null, speakerKind: c.kind };
  });
}
