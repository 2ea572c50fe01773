import type Database from 'better-sqlite3';

/**
 * When each article was first seen by the bot. Briefings select on this, not on file modification times: a file
 * copied in with an old mtime, or touched again later, is still "new" exactly once.
 */
export class FirstSeenRepository {
  constructor(private readonly db: Database.Database) {}

  /** Record these ids as seen at `at` unless already known; returns how many were new. */
  record(articleIds: readonly string[], at: string): number {
    const insert = this.db.prepare('INSERT OR IGNORE INTO article_first_seen (article_id, first_seen_at) VALUES (?, ?)');
    return this.db.transaction(() => {
      let added = 0;
      for (const id of articleIds) added += insert.run(id, at).changes;
      return added;
    })();
  }

  get(articleId: string): string | null {
    const row = this.db.prepare('SELECT first_seen_at FROM article_first_seen WHERE article_id = ?').get(articleId) as
      | { first_seen_at: string }
      | undefined;
    return row?.first_seen_at ?? null;
  }

  /** Articles first seen in (after, until], oldest first. */
  between(after: string, until: string): { id: string; at: string }[] {
    return this.db
      .prepare('SELECT article_id AS id, first_seen_at AS at FROM article_first_seen WHERE first_seen_at > ? AND first_seen_at <= ? ORDER BY first_seen_at, article_id')
      .all(after, until) as { id: string; at: string }[];
  }

  all(): Map<string, string> {
    const rows = this.db.prepare('SELECT article_id, first_seen_at FROM article_first_seen').all() as {
      article_id: string;
      first_seen_at: string;
    }[];
    return new Map(rows.map((r) => [r.article_id, r.first_seen_at]));
  }
}
