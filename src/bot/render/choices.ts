import { LIMITS } from '../limits.js';
import { truncate } from '../split.js';
import { plainText } from './text.js';

export interface Choice {
  name: string;
  value: string;
}

/**
 * Autocomplete choices: at most 25, names and values of 1–100 characters (Discord rejects the whole response
 * otherwise). Names are plain text — Discord does not render markdown in choices — so nothing is escaped; an id
 * longer than 100 characters cannot be a value and is left out rather than cut (a cut id would name nothing).
 */
export function renderArticleChoices(suggestions: readonly { id: string; title: string }[]): Choice[] {
  return suggestions
    .filter((s) => s.id.length > 0 && s.id.length <= LIMITS.autocompleteChoiceValue)
    .slice(0, LIMITS.autocompleteChoices)
    .map((s) => ({ name: truncate(oneLine(s.title) || s.id, LIMITS.autocompleteChoiceName), value: s.id }));
}

export function renderSpeakerChoices(speakers: readonly string[]): Choice[] {
  return speakers
    .map(oneLine)
    .filter((s) => s.length > 0 && s.length <= LIMITS.autocompleteChoiceValue)
    .slice(0, LIMITS.autocompleteChoices)
    .map((s) => ({ name: s, value: s }));
}

/**
 * Suggestions for a free-text search query: what was typed, as typed (so Enter searches exactly that), then the
 * headlines that match it, each usable as the query itself. A headline longer than a choice value may be is cut at a
 * word boundary: as a query, its first words find the same article.
 */
export function renderQueryChoices(typed: string, suggestions: readonly { id: string; title: string }[]): Choice[] {
  const own = oneLine(typed);
  const choices: Choice[] = own && own.length <= LIMITS.autocompleteChoiceValue ? [{ name: own, value: own }] : [];
  for (const s of suggestions) {
    const title = oneLine(s.title);
    const value = truncate(title, LIMITS.autocompleteChoiceValue).replace(/…$/u, '').trim();
    if (!value || choices.some((c) => c.value === value)) continue;
    choices.push({ name: truncate(title, LIMITS.autocompleteChoiceName), value });
    if (choices.length === LIMITS.autocompleteChoices) break;
  }
  return choices;
}

/** One line of plain text (Discord shows choices unrendered), bidi controls removed like everywhere else. */
function oneLine(text: string): string {
  return plainText(text).replace(/\s+/g, ' ').trim();
}

/**
 * IANA timezones containing what was typed (case and separators ignored: "casa" finds Africa/Casablanca). On empty
 * input, the zones of the Arabic-speaking newsrooms Nashra is made for come first.
 */
const NEWSROOM_ZONES = ['Africa/Casablanca', 'Africa/Cairo', 'Africa/Tunis', 'Africa/Algiers', 'Asia/Riyadh', 'Asia/Dubai', 'Asia/Amman', 'Asia/Beirut', 'Asia/Baghdad', 'Asia/Qatar', 'Europe/London', 'UTC'];

export function renderTimeZoneChoices(typed: string): Choice[] {
  const key = (s: string) => s.toLowerCase().replace(/[\s_/-]+/g, '');
  const wanted = key(typed);
  const zones = [...new Set([...NEWSROOM_ZONES, ...Intl.supportedValuesOf('timeZone')])];
  return zones
    .filter((z) => key(z).includes(wanted))
    .slice(0, LIMITS.autocompleteChoices)
    .map((z) => ({ name: z, value: z }));
}
