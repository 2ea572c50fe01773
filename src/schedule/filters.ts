import type { Article } from '../corpus/article.js';
import { normalizeArabic } from '../arabic/index.js';
import type { Digest } from '../digest/types.js';
import type { BriefingFilters } from '../store/index.js';
import { nextBackgroundTurn } from '../event-loop/background-turns.js';

/** What the filters need from the engine: the articles of a period, and what search finds for a word. */
export interface FilterEngine {
  articlesByIds(ids: readonly string[]): Article[];
  matchingIds(query: string): string[];
}

/** Articles read per slice when sources are filtered; between slices the event loop gets a turn. */
const SLICE = 200;

/**
 * A period's articles (id → first seen) narrowed by a subscription's filters, before the digest groups them:
 * - words to exclude: an article that a search for any of them finds is left out — the same reading of a word as
 *   /search and the include query (normalization, clitics, stems), so «المغرب» also drops «والمغرب»;
 * - sources: kept when its source contains one of the sources to include (when there are any), dropped when it
 *   contains one to exclude; compared Arabic-normalized (أ/ا, ة/ه, harakat), as /search's source filter compares.
 *   An article whose source is not named is dropped by an include list and kept by an exclude list.
 */
export async function filterArticles(engine: FilterEngine, addedAt: ReadonlyMap<string, string>, filters: BriefingFilters): Promise<Map<string, string>> {
  const kept = new Map(addedAt);
  for (const word of filters.excludeWords) {
    if (kept.size === 0) break;
    let found: string[];
    try {
      found = engine.matchingIds(word);
    } catch {
      continue; // a word of stopwords only finds nothing, so it excludes nothing
    }
    for (const id of found) kept.delete(id);
  }
  const include = filters.includeSources.map(normalizeSource).filter(Boolean);
  const exclude = filters.excludeSources.map(normalizeSource).filter(Boolean);
  if (kept.size === 0 || (include.length === 0 && exclude.length === 0)) return kept;
  const ids = [...kept.keys()];
  for (let i = 0; i < ids.length; i += SLICE) {
    for (const article of engine.articlesByIds(ids.slice(i, i + SLICE))) {
      const source = normalizeSource(article.source ?? '');
      const wanted = (include.length === 0 || (source !== '' && include.some((s) => source.includes(s)))) && !exclude.some((s) => source !== '' && source.includes(s));
      if (!wanted) kept.delete(article.id);
    }
    if (i + SLICE < ids.length) await nextBackgroundTurn();
  }
  return kept;
}

function normalizeSource(text: string): string {
  return normalizeArabic(text.trim().toLowerCase()).replace(/\s+/g, ' ');
}

/**
 * The stories a subscription lists: those reported by at least `minSources` sources, the first `maxStories` of them
 * (the digest orders stories by how widely they are reported). The article count then counts what is listed.
 */
export function selectStories(digest: Digest, minSources: number, maxStories: number | null): Digest {
  let stories = digest.stories.filter((s) => s.sourceCount >= minSources);
  if (maxStories !== null) stories = stories.slice(0, maxStories);
  // A digest that made only the stories to list (storyCount > stories) still counts every article it was given.
  if (stories.length === digest.stories.length && (digest.storyCount ?? stories.length) === stories.length) return digest;
  return { ...digest, stories, articleCount: new Set(stories.flatMap((s) => s.articleIds)).size };
}
