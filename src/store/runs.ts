import type Database from 'better-sqlite3';

/**
 * - posting: recorded BEFORE the first message is sent; parts already delivered have their message ids.
 * - posted: every part delivered. - empty: nothing new (a short line was posted, or nothing when silent).
 * - failed: the channel is gone or forbidden; the period is not consumed, the next good run covers it.
 */
export type RunStatus = 'posting' | 'posted' | 'empty' | 'failed';

/** A message body as sent to POST /channels/{id}/messages (content, embeds, allowed_mentions, nonce…). */
export type MessagePayload = Record<string, unknown>;

export interface BriefingRun {
  id: number;
  subscriptionId: number;
  slot: string;
  periodStart: string;
  periodEnd: string;
  status: RunStatus;
  noncePrefix: string;
  payloads: MessagePayload[];
  /** Discord message id per part, null for parts not yet delivered. */
  messageIds: (string | null)[];
  articleCount: number;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  /** Where the run posts, as it was when it was created (JSON of the service's RunTarget); null before migration 4. */
  target: Record<string, unknown> | null;
  /** The forum post the run's first part created (its other parts go there). */
  threadId: string | null;
}

export type NewRun = Pick<
  BriefingRun,
  'subscriptionId' | 'slot' | 'periodStart' | 'periodEnd' | 'status' | 'noncePrefix' | 'payloads' | 'articleCount'
> & { at: string; target?: Record<string, unknown> | null };

interface Row {
  id: number;
  subscription_id: number;
  slot: string;
  period_start: string;
  period_end: string;
  status: RunStatus;
  nonce_prefix: string;
  payloads: string;
  message_ids: string;
  article_count: number;
  error: string | null;
  created_at: string;
  updated_at: string;
  target: string | null;
  thread_id: string | null;
}

function fromRow(r: Row): BriefingRun {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    slot: r.slot,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    status: r.status,
    noncePrefix: r.nonce_prefix,
    payloads: JSON.parse(r.payloads) as MessagePayload[],
    messageIds: JSON.parse(r.message_ids) as (string | null)[],
    articleCount: r.article_count,
    error: r.error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    target: r.target ? (JSON.parse(r.target) as Record<string, unknown>) : null,
    threadId: r.thread_id,
  };
}

export class RunRepository {
  constructor(private readonly db: Database.Database) {}

  /** Insert a run; null when this subscription already has a run for this slot (someone else got there first). */
  create(run: NewRun): BriefingRun | null {
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO briefing_runs (subscription_id, slot, period_start, period_end, status, nonce_prefix,
           payloads, message_ids, article_count, created_at, updated_at, target)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        run.subscriptionId,
        run.slot,
        run.periodStart,
        run.periodEnd,
        run.status,
        run.noncePrefix,
        JSON.stringify(run.payloads),
        JSON.stringify(run.payloads.map(() => null)),
        run.articleCount,
        run.at,
        run.at,
        run.target ? JSON.stringify(run.target) : null,
      );
    return info.changes === 1 ? this.get(Number(info.lastInsertRowid)) : null;
  }

  get(id: number): BriefingRun | null {
    const row = this.db.prepare('SELECT * FROM briefing_runs WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  listForSubscription(subscriptionId: number): BriefingRun[] {
    const rows = this.db
      .prepare('SELECT * FROM briefing_runs WHERE subscription_id = ? ORDER BY slot, id')
      .all(subscriptionId) as Row[];
    return rows.map(fromRow);
  }

  listByStatus(status: RunStatus): BriefingRun[] {
    const rows = this.db.prepare('SELECT * FROM briefing_runs WHERE status = ? ORDER BY id').all(status) as Row[];
    return rows.map(fromRow);
  }

  /** The latest slot this subscription has a run for (any status), or null. */
  latestSlot(subscriptionId: number): string | null {
    const row = this.db
      .prepare('SELECT MAX(slot) AS slot FROM briefing_runs WHERE subscription_id = ?')
      .get(subscriptionId) as { slot: string | null };
    return row.slot;
  }

  /** Where the next briefing's period starts: the end of the latest run that consumed its period. */
  latestPeriodEnd(subscriptionId: number): string | null {
    const row = this.db
      .prepare(`SELECT MAX(period_end) AS t FROM briefing_runs WHERE subscription_id = ? AND status != 'failed'`)
      .get(subscriptionId) as { t: string | null };
    return row.t;
  }

  /** Record one delivered part: called after each message so a crash mid-run re-sends only the missing parts. */
  recordMessage(runId: number, part: number, messageId: string, at: string): void {
    this.db.transaction(() => {
      const run = this.get(runId);
      if (!run) throw new Error(`no briefing run ${runId}`);
      run.messageIds[part] = messageId;
      this.db
        .prepare('UPDATE briefing_runs SET message_ids = ?, updated_at = ? WHERE id = ?')
        .run(JSON.stringify(run.messageIds), at, runId);
    })();
  }

  /** The forum post this run created (recorded with its first part, before any other part is sent). */
  recordThread(runId: number, threadId: string, at: string): void {
    this.db.prepare('UPDATE briefing_runs SET thread_id = ?, updated_at = ? WHERE id = ?').run(threadId, at, runId);
  }

  finish(runId: number, status: Exclude<RunStatus, 'posting'>, at: string, error: string | null = null): void {
    this.db
      .prepare('UPDATE briefing_runs SET status = ?, error = ?, updated_at = ? WHERE id = ?')
      .run(status, error, at, runId);
  }
}
