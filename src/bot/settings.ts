import type { GuildSettingsChange } from '../store/index.js';
import type { SettingsRepository } from '../store/settings.js';
import { canonicalTimeZone, isValidTimeZone } from '../schedule/timezone.js';
import type { Locale } from './i18n/index.js';

/** A server's settings as they apply: its own choices, and the environment's defaults where it made none. */
export interface EffectiveServerSettings {
  language: Locale;
  timezone: string;
  logChannelId: string | null;
  /** Which of them the server chose itself (the others are the defaults). */
  own: { language: boolean; timezone: boolean; logChannelId: boolean };
}

/** What the commands need from the stored settings (/settings, and every reply's language). */
export interface SettingsDesk {
  /**
   * The language to answer a member in: their own choice (/settings me language), else their server's, else
   * BOT_LOCALE. Discord's client offers no Arabic locale, so interaction.locale cannot say it.
   */
  languageFor(guildId: string | null, userId: string): Locale;
  server(guildId: string): EffectiveServerSettings;
  /** Change the given fields (null: back to the default). The timezone is checked and stored as Intl spells it. */
  updateServer(guildId: string, change: GuildSettingsChange, by: string): EffectiveServerSettings;
  userLanguage(userId: string): Locale | null;
  setUserLanguage(userId: string, language: Locale | null): void;
}

export interface SettingsDefaults {
  /** BOT_LOCALE */
  language: Locale;
  /** BRIEFING_TIMEZONE */
  timezone: string;
  /** BRIEFING_LOG_CHANNEL_ID (it applies to the server it is in only; the briefing service checks that). */
  logChannelId: string | null;
}

export class InvalidTimeZone extends Error {
  constructor(readonly zone: string) {
    super(`"${zone}" is not an IANA timezone`);
    this.name = 'InvalidTimeZone';
  }
}

/** Settings kept in SQLite (DATA_DIR/nashra.db, tables guild_settings and user_settings). */
export class StoredSettings implements SettingsDesk {
  constructor(
    private readonly repo: SettingsRepository,
    private readonly defaults: SettingsDefaults,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  languageFor(guildId: string | null, userId: string): Locale {
    return this.repo.userLanguage(userId) ?? (guildId ? this.repo.guild(guildId)?.language : null) ?? this.defaults.language;
  }

  server(guildId: string): EffectiveServerSettings {
    const own = this.repo.guild(guildId);
    return {
      language: own?.language ?? this.defaults.language,
      timezone: own?.timezone ?? this.defaults.timezone,
      logChannelId: own?.logChannelId ?? this.defaults.logChannelId,
      own: { language: Boolean(own?.language), timezone: Boolean(own?.timezone), logChannelId: Boolean(own?.logChannelId) },
    };
  }

  updateServer(guildId: string, change: GuildSettingsChange, by: string): EffectiveServerSettings {
    const next = { ...change };
    if (typeof next.timezone === 'string') {
      const zone = next.timezone.trim();
      if (!isValidTimeZone(zone)) throw new InvalidTimeZone(next.timezone);
      next.timezone = canonicalTimeZone(zone);
    }
    this.repo.updateGuild(guildId, next, by, this.clock().toISOString());
    return this.server(guildId);
  }

  userLanguage(userId: string): Locale | null {
    return this.repo.userLanguage(userId);
  }

  setUserLanguage(userId: string, language: Locale | null): void {
    this.repo.setUserLanguage(userId, language, this.clock().toISOString());
  }
}
