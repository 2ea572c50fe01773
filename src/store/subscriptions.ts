import type Database from 'better-sqlite3';

export type SubscriptionStatus = 'active' | 'failing' | 'removed';

/** A subscription as stored. The service turns it into the contract's `Subscription` (with next run and words). */
export interface SubscriptionRecord {
  id: number;
  guildId: string;
  channelId: string;
  cron: string;
  timezone: string;
  query: string | null;
  language: 'en' | 'ar';
  createdBy: string;
  createdAt: string;
  status: SubscriptionStatus;
  failureReason: string | null;
  failedAt: string | null;
  failureNotifiedAt: string | null;
  failureNotice: string | null;
  removedAt: string | null;
}

export type NewSubscription = Pick<
  SubscriptionRecord,
  'guildId' | 'channelId' | 'cron' | 'timezone' | 'query' | 'language' | 'createdBy' | 'createdAt'
>;

interface Row {
  id: number;
  guild_id: string;
  channel_id: string;
  cron: string;
  timezone: string;
  query: string | null;
  language: 'en' | 'ar';
  created_by: string;
  created_at: string;
  status: SubscriptionStatus;
  failure_reason: string | null;
  failed_at: string | null;
  failure_notified_at: string | null;
  failure_notice: string | null;
  removed_at: string | null;
}

function fromRow(r: Row): SubscriptionRecord {
  return {
    id: r.id,
    guildId: r.guild_id,
    channelId: r.channel_id,
    cron: r.cron,
    timezone: r.timezone,
    query: r.query,
    language: r.language,
    createdBy: r.created_by,
    createdAt: r.created_at,
    status: r.status,
    failureReason: r.failure_reason,
    failedAt: r.failed_at,
    failureNotifiedAt: r.failure_notified_at,
    failureNotice: r.failure_notice,
    removedAt: r.removed_at,
  };
}

/** Subscriptions. Unsubscribing marks a row 'removed' rather than deleting it: its runs stay as history. */
export class SubscriptionRepository {
  constructor(private readonly db: Database.Database) {}

  insert(s: NewSubscription): SubscriptionRecord {
    const info = this.db
      .prepare(
        `INSERT INTO subscriptions (guild_id, channel_id, cron, timezone, query, language, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(s.guildId, s.channelId, s.cron, s.timezone, s.query, s.language, s.createdBy, s.createdAt);
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): SubscriptionRecord | null {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /** The guild's subscriptions that are not removed (active and failing), oldest first. */
  listByGuild(guildId: string): SubscriptionRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM subscriptions WHERE guild_id = ? AND status != 'removed' ORDER BY id`)
      .all(guildId) as Row[];
    return rows.map(fromRow);
  }

  listByStatus(status: SubscriptionStatus): SubscriptionRecord[] {
    const rows = this.db.prepare('SELECT * FROM subscriptions WHERE status = ? ORDER BY id').all(status) as Row[];
    return rows.map(fromRow);
  }

  /** What counts against the per-guild cap: every subscription not removed (a failing one can be fixed). */
  countInGuild(guildId: string): number {
    const row = this.db
      .prepare(`SELECT COUNT(*) AS n FROM subscriptions WHERE guild_id = ? AND status != 'removed'`)
      .get(guildId) as { n: number };
    return row.n;
  }

  /** A subscription (not removed) with exactly these settings, so subscribing twice does not post twice. */
  findSame(s: Omit<NewSubscription, 'createdBy' | 'createdAt'>): SubscriptionRecord | null {
    const row = this.db
      .prepare(
        `SELECT * FROM subscriptions WHERE guild_id = ? AND channel_id = ? AND cron = ? AND timezone = ?
           AND query IS ? AND language = ? AND status != 'removed' ORDER BY id LIMIT 1`,
      )
      .get(s.guildId, s.channelId, s.cron, s.timezone, s.query, s.language) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  markFailing(id: number, reason: string, at: string): void {
    this.db
      .prepare(
        `UPDATE subscriptions SET status = 'failing', failure_reason = ?, failed_at = ?,
           failure_notified_at = NULL, failure_notice = NULL
         WHERE id = ? AND status = 'active'`,
      )
      .run(reason, at, id);
  }

  /** Record that the guild was told; returns false when it had already been told (tell once). */
  markNotified(id: number, notice: string, at: string): boolean {
    const info = this.db
      .prepare(
        `UPDATE subscriptions SET failure_notified_at = ?, failure_notice = ?
         WHERE id = ? AND status = 'failing' AND failure_notified_at IS NULL`,
      )
      .run(at, notice, id);
    return info.changes === 1;
  }

  reactivate(id: number): void {
    this.db
      .prepare(
        `UPDATE subscriptions SET status = 'active', failure_reason = NULL, failed_at = NULL,
           failure_notified_at = NULL, failure_notice = NULL
         WHERE id = ? AND status = 'failing'`,
      )
      .run(id);
  }

  remove(id: number, at: string): void {
    this.db.prepare(`UPDATE subscriptions SET status = 'removed', removed_at = ? WHERE id = ?`).run(at, id);
  }
}
