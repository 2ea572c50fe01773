/**
 * The contract between the /digest subscription commands (commands/digest.ts) and the scheduled-briefing service
 * (src/schedule). The service validates what it can check itself (schedule, query, filters, identity); what only
 * Discord's cache knows (channel types, permissions, roles) the commands check before they call it.
 */
import type { BriefingFilters, BriefingFormat, TargetKind } from '../store/subscriptions.js';

export type { BriefingFilters, BriefingFormat, TargetKind };
export type BriefingLanguage = 'en' | 'ar';

/** Where a briefing goes. */
export interface BriefingTarget {
  /** 'channel': a text or announcement channel; 'thread': a thread (posted in); 'forum': a new post per briefing. */
  kind: TargetKind;
  channelId: string;
  /** A thread's channel (where its webhook lives); null otherwise. */
  parentChannelId?: string | null;
  /** A forum tag id applied to each post; null for none. */
  forumTagId?: string | null;
}

/** Post through the channel's webhook under this name and avatar (Nashra creates the webhook and reuses it). */
export interface BriefingIdentity {
  name: string;
  avatarUrl?: string | null;
}

export interface SubscriptionRequest {
  guildId: string;
  /** The target channel, thread or forum (its id; `target` says which kind, a text channel when omitted). */
  channelId: string;
  target?: Omit<BriefingTarget, 'channelId'>;
  /** Five-field cron expression (minute hour day-of-month month day-of-week); six fields with seconds refused. */
  cron: string;
  /** IANA timezone; the server's default (/settings), else BRIEFING_TIMEZONE, when omitted. */
  timezone?: string;
  /** Only articles matching this search query go into the briefing. */
  query?: string;
  /** The server's language (/settings), else BOT_LOCALE, when omitted. */
  language?: BriefingLanguage;
  /** The one role to ping when the briefing lands (the command checked that the member may mention it). */
  mentionRoleId?: string | null;
  identity?: BriefingIdentity | null;
  filters?: Partial<BriefingFilters>;
  format?: BriefingFormat;
  /** At most this many stories (1–25); all when omitted. */
  maxStories?: number | null;
  /** Discord user id of the member who subscribed (told when the channel fails). */
  createdBy: string;
}

/** /digest edit: what changes. An absent field stays; null clears it (back to none or to the default). */
export interface SubscriptionChanges {
  channelId?: string;
  target?: Omit<BriefingTarget, 'channelId'>;
  cron?: string;
  timezone?: string;
  query?: string | null;
  language?: BriefingLanguage;
  mentionRoleId?: string | null;
  identity?: BriefingIdentity | null;
  filters?: Partial<BriefingFilters>;
  format?: BriefingFormat;
  maxStories?: number | null;
  forumTagId?: string | null;
}

export interface Subscription {
  id: number;
  guildId: string;
  channelId: string;
  targetKind: TargetKind;
  parentChannelId: string | null;
  forumTagId: string | null;
  cron: string;
  timezone: string;
  query: string | null;
  language: BriefingLanguage;
  mentionRoleId: string | null;
  identity: { name: string; avatarUrl: string | null } | null;
  filters: BriefingFilters;
  format: BriefingFormat;
  maxStories: number | null;
  createdBy: string;
  createdAt: string;
  status: 'active' | 'failing';
  failureReason: string | null;
  /** Next scheduled run (ISO instant), null when failing. */
  nextRunAt: string | null;
  /**
   * Set by subscribe() and edit() only: whether it created this subscription, found the same one already active,
   * resumed the same one that was failing, or changed it — so the reply can say which.
   */
  outcome?: 'created' | 'existing' | 'resumed' | 'edited';
  /** The schedule in words in the subscription's language: «every day at 08:00, Africa/Casablanca». */
  scheduleText: string;
}

export type SubscriptionErrorCode =
  | 'INVALID_CRON'
  | 'INVALID_TIMEZONE'
  | 'TOO_FREQUENT'
  | 'GUILD_CAP_REACHED'
  | 'UNKNOWN_SUBSCRIPTION'
  | 'INVALID_QUERY'
  | 'INVALID_FILTER'
  | 'INVALID_MAX_STORIES'
  | 'INVALID_IDENTITY'
  | 'WEBHOOK_FORBIDDEN'
  | 'WEBHOOK_LIMIT'
  | 'WEBHOOK_FAILED';

export class SubscriptionError extends Error {
  constructor(
    readonly code: SubscriptionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SubscriptionError';
  }
}

/** What the bot's commands need from the briefing service. */
export interface BriefingDesk {
  subscribe(request: SubscriptionRequest): Promise<Subscription>;
  edit(guildId: string, id: number, changes: SubscriptionChanges, editedBy: string): Promise<Subscription>;
  /** One subscription of the guild (UNKNOWN_SUBSCRIPTION otherwise). */
  get(guildId: string, id: number): Subscription;
  list(guildId: string): Subscription[];
  unsubscribe(guildId: string, id: number): Promise<Subscription>;
  /** The schedule in words, in the given language, for replies. */
  describeSchedule(cron: string, timezone: string, language: BriefingLanguage): string;
}
