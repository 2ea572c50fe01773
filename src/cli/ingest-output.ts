/**
 * JSON documents and terminal text of `nashra add`, `nashra fetch` and `nashra feeds` (README, "CLI"). Built field
 * by field, like json.ts: the shapes are a contract, the internal records may grow.
 */
import type { FeedRecord, IngestReport } from '../ingest/index.js';

export function ingestJson(report: IngestReport) {
  return {
    added: report.added.map((a) => ({ id: a.id, title: a.title, date: a.date, source: a.source, url: a.url, file: a.file })),
    skipped: report.skipped.map((s) => ({ url: s.url, reason: s.reason })),
    errors: report.errors.map((e) => ({ url: e.url, error: e.error })),
  };
}

export function feedJson(feed: FeedRecord) {
  return {
    url: feed.url,
    title: feed.title,
    addedAt: feed.addedAt,
    lastPolledAt: feed.lastPolledAt,
    lastOkAt: feed.lastOkAt,
    failures: feed.failures,
    lastError: feed.lastError,
    nextPollAt: feed.nextPollAt,
  };
}

export function ingestText(report: IngestReport): string {
  const lines: string[] = [];
  for (const a of report.added) lines.push(`added    ${a.id}  ${a.title}${a.date ? ` · ${a.date}` : ''}${a.source ? ` · ${a.source}` : ''}`);
  for (const s of report.skipped) lines.push(`skipped  ${s.url} — ${s.reason}`);
  for (const e of report.errors) lines.push(`error    ${e.url} — ${e.error}`);
  lines.push(`${report.added.length} added, ${report.skipped.length} skipped, ${report.errors.length} failed`);
  return `${lines.join('\n')}\n`;
}

export function feedText(feed: FeedRecord): string {
  const state = feed.failures
    ? `failing ${feed.failures} time(s): ${feed.lastError ?? '?'}${feed.nextPollAt ? `; next try ${feed.nextPollAt}` : ''}`
    : feed.lastOkAt
      ? `ok, last polled ${feed.lastOkAt}`
      : 'not polled yet';
  return `${feed.url}${feed.title ? `  «${feed.title}»` : ''}\n   ${state}`;
}

export function feedListText(feeds: readonly FeedRecord[]): string {
  if (!feeds.length) return 'No feeds. Add one with: nashra feeds add <url>\n';
  return `${feeds.map(feedText).join('\n')}\n`;
}
