import type Database from 'better-sqlite3';

/** A channel webhook Nashra created for briefings. The token is a credential: it never goes into a log line. */
export interface StoredWebhook {
  channelId: string;
  guildId: string;
  webhookId: string;
  token: string;
  createdAt: string;
}

interface Row {
  channel_id: string;
  guild_id: string;
  webhook_id: string;
  token: string;
  created_at: string;
}

/** One webhook per channel, reused by every subscription posting there (each under its own name and avatar). */
export class WebhookRepository {
  constructor(private readonly db: Database.Database) {}

  get(channelId: string): StoredWebhook | null {
    const r = this.db.prepare('SELECT * FROM briefing_webhooks WHERE channel_id = ?').get(channelId) as Row | undefined;
    return r ? { channelId: r.channel_id, guildId: r.guild_id, webhookId: r.webhook_id, token: r.token, createdAt: r.created_at } : null;
  }

  save(w: StoredWebhook): void {
    this.db
      .prepare(
        `INSERT INTO briefing_webhooks (channel_id, guild_id, webhook_id, token, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (channel_id) DO UPDATE SET guild_id = excluded.guild_id, webhook_id = excluded.webhook_id,
           token = excluded.token, created_at = excluded.created_at`,
      )
      .run(w.channelId, w.guildId, w.webhookId, w.token, w.createdAt);
  }

  /** Forget a webhook (deleted in Discord, or no subscription uses it any more). */
  forget(channelId: string, webhookId?: string): void {
    if (webhookId) this.db.prepare('DELETE FROM briefing_webhooks WHERE channel_id = ? AND webhook_id = ?').run(channelId, webhookId);
    else this.db.prepare('DELETE FROM briefing_webhooks WHERE channel_id = ?').run(channelId);
  }
}
