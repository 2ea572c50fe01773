import type Database from 'better-sqlite3';

export type SubscriptionStatus = 'active' | 'failing' | 'removed';
export type TargetKind = 'channel' | 'thread' | 'forum';
export type BriefingFormat = 'full' | 'compact';

/** Which of a period's articles and stories a subscription wants (beyond its include query). */
export interface BriefingFilters {
  /** Articles that a search for any of these words finds are left out. */
  excludeWords: string[];
  /** When not empty, only articles whose source contains one of these (Arabic-normalized). */
  includeSources: string[];
  /** Articles whose source contains one of these are left out. */
  excludeSources: string[];
  /** A story is listed only when at least this many sources report it (1: every story). */
  minSources: number;
}

export const NO_FILTERS: BriefingFilters = { excludeWords: [], includeSources: [], excludeSources: [], minSources: 1 };

/** A subscription as stored. The service turns it into the contract's `Subscription` (with next run and words). */
export interface SubscriptionRecord {
  id: number;
  guildId: string;
  /** The channel, thread or forum the briefing goes to. */
  channelId: string;
  targetKind: TargetKind;
  /** For a thread: the channel it belongs to (webhooks are created there). */
  parentChannelId: string | null;
  /** For a forum: the tag applied to each post. */
  forumTagId: string | null;
  cron: string;
  timezone: string;
  query: string | null;
  language: 'en' | 'ar';
  mentionRoleId: string | null;
  /** Post through the channel's webhook under this name (and avatar); null: the bot posts. */
  identityName: string | null;
  identityAvatarUrl: string | null;
  filters: BriefingFilters;
  format: BriefingFormat;
  /** At most this many stories (null: all). */
  maxStories: number | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string | null;
  status: SubscriptionStatus;
  failureReason: string | null;
  failedAt: string | null;
  failureNotifiedAt: string | null;
  failureNotice: string | null;
  removedAt: string | null;
}

/** What defines a subscription's briefings: two subscriptions with the same settings would post the same thing. */
export type SubscriptionSettings = Pick<
  SubscriptionRecord,
  | 'guildId'
  | 'channelId'
  | 'targetKind'
  | 'parentChannelId'
  | 'forumTagId'
  | 'cron'
  | 'timezone'
  | 'query'
  | 'language'
  | 'mentionRoleId'
  | 'identityName'
  | 'identityAvatarUrl'
  | 'filters'
  | 'format'
  | 'maxStories'
>;

export type NewSubscription = Pick<SubscriptionRecord, 'guildId' | 'channelId' | 'cron' | 'timezone' | 'query' | 'language' | 'createdBy' | 'createdAt'> &
  Partial<Omit<SubscriptionSettings, 'guildId' | 'channelId' | 'cron' | 'timezone' | 'query' | 'language'>>;

interface Row {
  id: number;
  guild_id: string;
  channel_id: string;
  target_kind: TargetKind;
  parent_channel_id: string | null;
  forum_tag_id: string | null;
  cron: string;
  timezone: string;
  query: string | null;
  language: 'en' | 'ar';
  mention_role_id: string | null;
  identity_name: string | null;
  identity_avatar_url: string | null;
  filters: string;
  format: BriefingFormat;
  max_stories: number | null;
  created_by: string;
  created_at: string;
  updated_at: string | null;
  status: SubscriptionStatus;
  failure_reason: string | null;
  failed_at: string | null;
  failure_notified_at: string | null;
  failure_notice: string | null;
  removed_at: string | null;
}

/** Filters as stored: fixed key order and sorted lists, so equal filters are equal text (findSame). */
export function filtersJson(f: BriefingFilters): string {
  const list = (xs: string[]) => [...new Set(xs)].sort();
  return JSON.stringify({
    excludeWords: list(f.excludeWords),
    includeSources: list(f.includeSources),
    excludeSources: list(f.excludeSources),
    minSources: f.minSources,
  });
}

function readFilters(text: string): BriefingFilters {
  const v = JSON.parse(text || '{}') as Partial<BriefingFilters>;
  return {
    excludeWords: v.excludeWords ?? [],
    includeSources: v.includeSources ?? [],
    excludeSources: v.excludeSources ?? [],
    minSources: v.minSources ?? 1,
  };
}

function fromRow(r: Row): SubscriptionRecord {
  return {
    id: r.id,
    guildId: r.guild_id,
    channelId: r.channel_id,
    targetKind: r.target_kind,
    parentChannelId: r.parent_channel_id,
    forumTagId: r.forum_tag_id,
    cron: r.cron,
    timezone: r.timezone,
    query: r.query,
    language: r.language,
    mentionRoleId: r.mention_role_id,
    identityName: r.identity_name,
    identityAvatarUrl: r.identity_avatar_url,
    filters: readFilters(r.filters),
    format: r.format,
    maxStories: r.max_stories,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    status: r.status,
    failureReason: r.failure_reason,
    failedAt: r.failed_at,
    failureNotifiedAt: r.failure_notified_at,
    failureNotice: r.failure_notice,
    removedAt: r.removed_at,
  };
}

/** Every setting with its default, in the order of SETTING_COLUMNS. */
function settingValues(s: Partial<SubscriptionSettings> & Pick<SubscriptionSettings, 'guildId' | 'channelId' | 'cron' | 'timezone' | 'query' | 'language'>) {
  return [
    s.guildId,
    s.channelId,
    s.targetKind ?? 'channel',
    s.parentChannelId ?? null,
    s.forumTagId ?? null,
    s.cron,
    s.timezone,
    s.query,
    s.language,
    s.mentionRoleId ?? null,
    s.identityName ?? null,
    s.identityAvatarUrl ?? null,
    filtersJson(s.filters ?? NO_FILTERS),
    s.format ?? 'full',
    s.maxStories ?? null,
  ];
}

const SETTING_COLUMNS = [
  'guild_id',
  'channel_id',
  'target_kind',
  'parent_channel_id',
  'forum_tag_id',
  'cron',
  'timezone',
  'query',
  'language',
  'mention_role_id',
  'identity_name',
  'identity_avatar_url',
  'filters',
  'format',
  'max_stories',
] as const;

/** Subscriptions. Unsubscribing marks a row 'removed' rather than deleting it: its runs stay as history. */
export class SubscriptionRepository {
  constructor(private readonly db: Database.Database) {}

  insert(s: NewSubscription): SubscriptionRecord {
    const columns = [...SETTING_COLUMNS, 'created_by', 'created_at'];
    const info = this.db
      .prepare(`INSERT INTO subscriptions (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
      .run(...settingValues(s), s.createdBy, s.createdAt);
    return this.get(Number(info.lastInsertRowid))!;
  }

  /** Replace a subscription's settings (/digest edit). */
  update(id: number, s: SubscriptionSettings, at: string): SubscriptionRecord {
    this.db
      .prepare(`UPDATE subscriptions SET ${SETTING_COLUMNS.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`)
      .run(...settingValues(s), at, id);
    return this.get(id)!;
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

  /** Subscriptions (not removed) posting through the webhook of this channel: it is theirs to share. */
  countUsingWebhookIn(channelId: string): number {
    const row = this.db
      .prepare(
        `SELECT COUNT(*) AS n FROM subscriptions WHERE status != 'removed' AND identity_name IS NOT NULL
           AND (CASE WHEN target_kind = 'thread' THEN parent_channel_id ELSE channel_id END) = ?`,
      )
      .get(channelId) as { n: number };
    return row.n;
  }

  /** A subscription (not removed) with exactly these settings, so subscribing twice does not post twice. */
  findSame(s: Partial<SubscriptionSettings> & Pick<SubscriptionSettings, 'guildId' | 'channelId' | 'cron' | 'timezone' | 'query' | 'language'>): SubscriptionRecord | null {
    const row = this.db
      .prepare(
        `SELECT * FROM subscriptions WHERE ${SETTING_COLUMNS.map((c) => `${c} IS ?`).join(' AND ')}
           AND status != 'removed' ORDER BY id LIMIT 1`,
      )
      .get(...settingValues(s)) as Row | undefined;
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
