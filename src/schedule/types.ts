/**
 * The contract between the /digest subscription commands (commands/digest.ts) and the scheduled-briefing service
 * (src/schedule). The service validates everything itself; commands only pass options through and render.
 */
export type BriefingLanguage = 'en' | 'ar';

export interface SubscriptionRequest {
  guildId: string;
  channelId: string;
  /** Five-field cron expression (minute hour day-of-month month day-of-week); six fields with seconds refused. */
  cron: string;
  /** IANA timezone; the configured default (e.g. Africa/Casablanca) when omitted. */
  timezone?: string;
  /** Only articles matching this search query go into the briefing. */
  query?: string;
  language?: BriefingLanguage;
  /** Discord user id of the member who subscribed (told when the channel fails). */
  createdBy: string;
}

export interface Subscription {
  id: number;
  guildId: string;
  channelId: string;
  cron: string;
  timezone: string;
  query: string | null;
  language: BriefingLanguage;
  createdBy: string;
  createdAt: string;
  status: 'active' | 'failing';
  failureReason: string | null;
  /** Next scheduled run (ISO instant), null when failing. */
  nextRunAt: string | null;
  /**
   * Set by subscribe() only: whether it created this subscription, found the same one already active, or resumed
   * the same one that was failing — so the reply can say which.
   */
  outcome?: 'created' | 'existing' | 'resumed';
  /** The schedule in words in the subscription's language: «every day at 08:00, Africa/Casablanca». */
  scheduleText: string;
}

export type SubscriptionErrorCode =
  | 'INVALID_CRON'
  | 'INVALID_TIMEZONE'
  | 'TOO_FREQUENT'
  | 'GUILD_CAP_REACHED'
  | 'UNKNOWN_SUBSCRIPTION'
  | 'INVALID_QUERY';

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
  subscribe(request: SubscriptionRequest): Subscription;
  list(guildId: string): Subscription[];
  unsubscribe(guildId: string, id: number): Subscription;
  /** The schedule in words, in the given language, for replies. */
  describeSchedule(cron: string, timezone: string, language: BriefingLanguage): string;
}
