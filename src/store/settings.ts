import type Database from 'better-sqlite3';

export type SettingsLanguage = 'en' | 'ar';

/** A server's /settings. A null field means "the environment's default" (BOT_LOCALE, BRIEFING_TIMEZONE, …). */
export interface GuildSettingsRecord {
  guildId: string;
  language: SettingsLanguage | null;
  timezone: string | null;
  logChannelId: string | null;
  updatedBy: string;
  updatedAt: string;
}

export type GuildSettingsChange = Partial<Pick<GuildSettingsRecord, 'language' | 'timezone' | 'logChannelId'>>;

interface GuildRow {
  guild_id: string;
  language: SettingsLanguage | null;
  timezone: string | null;
  log_channel_id: string | null;
  updated_by: string;
  updated_at: string;
}

export class SettingsRepository {
  constructor(private readonly db: Database.Database) {}

  guild(guildId: string): GuildSettingsRecord | null {
    const r = this.db.prepare('SELECT * FROM guild_settings WHERE guild_id = ?').get(guildId) as GuildRow | undefined;
    return r
      ? { guildId: r.guild_id, language: r.language, timezone: r.timezone, logChannelId: r.log_channel_id, updatedBy: r.updated_by, updatedAt: r.updated_at }
      : null;
  }

  /** Change the fields given (undefined: unchanged, null: back to the default). */
  updateGuild(guildId: string, change: GuildSettingsChange, by: string, at: string): GuildSettingsRecord {
    const current = this.guild(guildId);
    const next = {
      language: change.language !== undefined ? change.language : (current?.language ?? null),
      timezone: change.timezone !== undefined ? change.timezone : (current?.timezone ?? null),
      logChannelId: change.logChannelId !== undefined ? change.logChannelId : (current?.logChannelId ?? null),
    };
    this.db
      .prepare(
        `INSERT INTO guild_settings (guild_id, language, timezone, log_channel_id, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (guild_id) DO UPDATE SET language = excluded.language, timezone = excluded.timezone,
           log_channel_id = excluded.log_channel_id, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .run(guildId, next.language, next.timezone, next.logChannelId, by, at);
    return this.guild(guildId)!;
  }

  userLanguage(userId: string): SettingsLanguage | null {
    const r = this.db.prepare('SELECT language FROM user_settings WHERE user_id = ?').get(userId) as { language: SettingsLanguage } | undefined;
    return r?.language ?? null;
  }

  /** A member's own reply language; null: follow the server's again. */
  setUserLanguage(userId: string, language: SettingsLanguage | null, at: string): void {
    if (language === null) {
      this.db.prepare('DELETE FROM user_settings WHERE user_id = ?').run(userId);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO user_settings (user_id, language, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at`,
      )
      .run(userId, language, at);
  }
}
