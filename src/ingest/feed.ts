/**
 * RSS 2.0 / Atom (and RSS 1.0 RDF) text → normalized items. Pure. Parsing is feedsmith's (fast-xml-parser
 * underneath): lenient where real feeds are sloppy (a bare «&» in a title, mixed-case tags, legacy elements),
 * strict where the XML is broken (an unclosed element is an error, not a silently merged title). Feedsmith keeps
 * each format's own structure; this module maps the three onto one FeedItem.
 */
import { parseFeed } from 'feedsmith';
import { htmlToLine } from './html-text.js';
import type { FeedItem, ParsedFeed } from './types.js';

/** A feed lists its newest items; more than this per poll is a dump (or an archive feed), not news. */
export const MAX_ITEMS_PER_FEED = 100;

export type FeedParse = { ok: true; feed: ParsedFeed } | { ok: false; message: string };

type Loose = Record<string, any>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const text = (v: unknown): string | null => str(v) ?? (v && typeof v === 'object' ? str((v as Loose).value) : null);

function people(list: unknown): string | null {
  if (!Array.isArray(list)) return str(list);
  const names = list.map((p) => (typeof p === 'string' ? str(p) : str(p?.name) ?? str(p?.email))).filter((n): n is string => Boolean(n));
  return names.length ? names.join('، ') : null;
}

function rssItem(item: Loose): FeedItem | null {
  const link = str(item.link) ?? (item.guid?.isPermaLink !== false ? str(item.guid?.value) : null);
  const key = str(item.guid?.value) ?? link;
  if (!key) return null;
  return {
    key,
    link: link && /^https?:\/\//i.test(link) ? link : null,
    title: htmlToLine(str(item.title)),
    published: str(item.pubDate) ?? str(item.dc?.dates?.[0]) ?? null,
    author: people(item.authors) ?? people(item.dc?.creators),
    contentHtml: str(item.content?.encoded) ?? str(item.description),
  };
}

function atomEntry(entry: Loose): FeedItem | null {
  const links: Loose[] = Array.isArray(entry.links) ? entry.links : [];
  const alternate = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
  const link = str(alternate?.href);
  const key = str(entry.id) ?? link;
  if (!key) return null;
  return {
    key,
    link: link && /^https?:\/\//i.test(link) ? link : null,
    title: htmlToLine(text(entry.title)),
    published: str(entry.published) ?? str(entry.updated),
    author: people(entry.authors),
    contentHtml: text(entry.content) ?? text(entry.summary),
  };
}

function rdfItem(item: Loose): FeedItem | null {
  const link = str(item.link) ?? str(item.rdf?.about);
  if (!link) return null;
  return {
    key: link,
    link: /^https?:\/\//i.test(link) ? link : null,
    title: htmlToLine(str(item.title)),
    published: str(item.dc?.dates?.[0]),
    author: people(item.dc?.creators),
    contentHtml: str(item.content?.encoded) ?? str(item.description),
  };
}

export function parseFeedXml(xml: string): FeedParse {
  let parsed: { format: string; feed: Loose };
  try {
    parsed = parseFeed(xml) as { format: string; feed: Loose };
  } catch (err) {
    const e = err as Error & { cause?: Error };
    if (e.name === 'DetectError') return { ok: false, message: 'not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> document found)' };
    const detail = e.cause?.message ?? e.message;
    return { ok: false, message: `malformed feed XML (${detail})` };
  }
  const { format, feed } = parsed;
  let items: (FeedItem | null)[];
  let title: string | null;
  if (format === 'rss') {
    items = (feed.items ?? []).map(rssItem);
    title = htmlToLine(str(feed.title));
  } else if (format === 'atom') {
    items = (feed.entries ?? []).map(atomEntry);
    title = htmlToLine(text(feed.title));
  } else if (format === 'rdf') {
    items = (feed.items ?? []).map(rdfItem);
    title = htmlToLine(str(feed.title));
  } else {
    return { ok: false, message: `a ${format} feed; Nashra reads RSS and Atom` };
  }
  const unique = new Map<string, FeedItem>();
  for (const item of items) if (item && !unique.has(item.key)) unique.set(item.key, item);
  return { ok: true, feed: { format, title, items: [...unique.values()].slice(0, MAX_ITEMS_PER_FEED) } };
}
