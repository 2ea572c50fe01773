/**
 * The Nashra sandbox: a local server on 127.0.0.1 that speaks enough of Discord's API v10 (REST under
 * /api/v10 and a JSON gateway at /gateway) for the UNCHANGED discord.js client to log in, register slash
 * commands and answer interactions — so end-to-end tests exercise exactly what the bot sends to Discord.
 *
 * It enforces Discord's rules (3 s to acknowledge, no double acknowledgement, message/embed/component
 * limits, command-name rules; the bot's permissions per channel with overwrites; threads, forum posts, channel
 * webhooks and what allowed_mentions lets a message ping), answers violations with the HTTP error Discord would
 * send, checks request bodies against the official OpenAPI document where practical, and records every request
 * and violation. Tests shape the world with addChannel (text, announcement, forum with tags), addThread,
 * setThreadState, addRole, setBotPermissions and deleteWebhook.
 *
 * ```ts
 * const sandbox = await startSandbox();
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: sandbox.apiUrl } });
 * await client.login(sandbox.token);
 * await sandbox.waitForBot();
 * const record = await sandbox.slash('search', [{ name: 'query', value: 'غزة' }]);
 * ```
 *
 * A control API for humans sits beside it (no auth, 127.0.0.1 only):
 * POST /_sandbox/slash {name, options, userId?, channelId?} → the completed InteractionRecord;
 * POST /_sandbox/autocomplete {name, options} → the choices;
 * POST /_sandbox/click {messageId, customId} and POST /_sandbox/select {messageId, customId, values};
 * GET /_sandbox/messages?channel=ID; GET /_sandbox/violations; GET /_sandbox/requests; GET /_sandbox/commands;
 * GET /_sandbox/info; GET /_sandbox/feed?channel=ID&viewer=USER (what one member sees, their ephemeral replies
 * included); GET /_sandbox/events?viewer=USER (server-sent events: message, delete, violation, channels, controls);
 * POST /_sandbox/controls/ID (a control the app added, e.g. "post the next briefing now"). Errors answer 400 { error }.
 * Add ?format=text to slash, autocomplete, click, select, messages, feed, violations or info for a readable answer.
 *
 * The playground: GET / is a Discord-like page (src/sandbox/playground/) that drives the bot through this control
 * API and shows its replies live, drawn with @skyra/discord-components-core served from node_modules.
 *
 * Discord behaviours worth knowing: the first follow-up after a deferred reply (type 5) fills the deferred
 * message instead of creating one (Discord's documented compatibility rule); an interaction token works as
 * a webhook only after an accepted callback and for 15 minutes; ephemeral messages are not part of the
 * channel (channelMessages, GET /channels/{id}/messages/{id}) and can only be edited through the webhook.
 * Destroy the discord.js client before `close()`, or it will keep trying to reconnect.
 */
import { startSandboxServer } from './server.js';

export interface SandboxOptions {
  /** 0 (default) = pick a free port on 127.0.0.1. */
  port?: number;
  /** The bot token the sandbox accepts (default 'sandbox-bot-token'); any other gets 401. */
  token?: string;
  /** Time the bot has to acknowledge an interaction; default 3000 ms, Discord's rule. */
  ackDeadlineMs?: number;
  /** Discord's OpenAPI document; default ../shared/data/discord-api-spec/openapi.json from the cwd when it exists. */
  openapiPath?: string;
  /** Where the sandbox's log lines go (default: nowhere). */
  log?: (line: string) => void;
  /** How long slash/click/select/autocomplete wait for the bot's complete response; default 10000 ms. */
  responseTimeoutMs?: number;
  /**
   * Keep at most this many recorded requests, dropping the oldest (default: keep all, as tests assert on them).
   * `npm start` sets it, so a sandbox left running for days does not grow without bound.
   */
  maxRecordedRequests?: number;
  /**
   * A JSON file keeping the world's ids (guild, channels, members, bot). With it, a restarted sandbox is the same
   * server, so what the bot stored about it (scheduled briefings per channel) stays valid. Default: a new world.
   */
  worldFile?: string;
  /**
   * The sandbox's clock (ms since 1970) for what Discord decides by time: the nonce window (a POST with a nonce
   * seen more than five minutes earlier creates a new message) and message timestamps. Default Date.now; tests of
   * restarts after a long downtime move it.
   */
  clock?: () => number;
}

/** A button on the playground page that runs app-side code (the sandbox only relays it). */
export interface SandboxControl {
  id: string;
  label: string;
  /** Show it in this channel only (default: every channel). */
  channelId?: string;
  /** What the control did, in one line for the page. */
  run(context: { channelId: string; userId: string }): Promise<string>;
}

/** Starts the sandbox; resolves once it listens. Close it with `sandbox.close()`. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandboxServer(options);
}

export interface Sandbox {
  /** 'http://127.0.0.1:PORT/api' — give it to discord.js as `rest: { api: apiUrl }`. */
  readonly apiUrl: string;
  /** 'ws://127.0.0.1:PORT/gateway' (also returned by GET /gateway/bot). */
  readonly gatewayUrl: string;
  /** 'http://127.0.0.1:PORT' — the control API lives under /_sandbox. */
  readonly baseUrl: string;
  readonly token: string;
  /** The bot's application id (= the bot user's id). */
  readonly applicationId: string;
  /** The one guild, "Nashra Newsroom". */
  readonly guildId: string;
  /** Its main text channel, #general (the default channel of slash()). */
  readonly channelId: string;
  /** #briefings, where scheduled briefings go in the playground. */
  readonly briefingsChannelId: string;
  /** A human member who invokes commands by default; has Manage Server. */
  readonly userId: string;
  /** A second human member without Manage Server (for permission tests). */
  readonly readerId: string;
  /** Resolves when a bot has IDENTIFY'd and READY + GUILD_CREATE were sent (default timeout 10 s). */
  waitForBot(timeoutMs?: number): Promise<void>;
  /** Registered commands as Discord returns them: global when guildId is omitted. */
  registeredCommands(guildId?: string): any[];
  /**
   * Invokes a registered slash command as a user would (INTERACTION_CREATE type 2). Options follow
   * Discord's shape [{ name, type?, value?, options? }]; a missing `type` is filled in from the registered
   * definition, so [{ name: 'query', value: 'غزة' }] is enough. Subcommands: [{ name: 'now', options: [...] }].
   * Resolves when the response is complete: a type 4/7/8/9 callback, or a deferral (5/6) followed by an
   * @original edit or a follow-up. The record stays live: later edits and follow-ups keep updating it.
   * Rejects on timeout with what was seen, or at once when the command is not registered or the user
   * may not use it (default_member_permissions).
   */
  slash(name: string, options?: any[], ctx?: InvokeContext): Promise<InteractionRecord>;
  /** Sends an autocomplete interaction (type 4) with the focused option marked `focused: true`; resolves to the choices. */
  autocomplete(name: string, options: any[], ctx?: InvokeContext): Promise<{ name: string; value: string | number }[]>;
  /** Presses a button on a message (its current state is used; disabled and link buttons cannot be pressed). */
  click(message: MessageRecord, customId: string, ctx?: InvokeContext): Promise<InteractionRecord>;
  /** Chooses values in a select menu on a message. */
  select(message: MessageRecord, customId: string, values: string[], ctx?: InvokeContext): Promise<InteractionRecord>;
  /**
   * Messages currently visible in a channel (default: the main channel), oldest first: bot posts,
   * non-ephemeral interaction responses and follow-ups (e.g. shared results). Deleted messages are gone.
   */
  channelMessages(channelId?: string): MessageRecord[];
  /** Any message the sandbox knows, including ephemeral ones, by id. */
  message(id: string): MessageRecord | undefined;
  /** Every interaction sent so far, oldest first. */
  readonly interactions: InteractionRecord[];
  /** Every HTTP request: { method, path, query, body, status, at }. */
  readonly requests: RecordedRequest[];
  /** Broken Discord rules and our policy: { rule, detail, path, at }. */
  readonly violations: Violation[];
  /**
   * Simulates delivery failures on a channel's REST routes (messages, channel fetch): 403 → 50001 Missing
   * Access, 404 → 10003 Unknown Channel, 500 → Internal Server Error (discord.js retries, then throws).
   * 429 is transient: the NEXT request gets a 429 with retry_after 0.1 s (discord.js waits and retries,
   * which then succeeds) and the failure clears itself; `retryAfterMs` sets that 429's retry_after (a long one
   * keeps discord.js waiting). 'hang-after-create': the next message created there (a post, a forum post, a
   * webhook's message) IS created, and the request is never answered — a crash, or an answer lost on the way. null
   * clears. Channel webhooks meet their channel's failures.
   */
  setChannelFailure(channelId: string, failure: ChannelFailure | null, options?: { retryAfterMs?: number }): void;
  /**
   * Discord unreachable, as when the network drops packets: HTTP requests and gateway frames (close frames
   * included) are read by nobody and answered never, until set back to false.
   */
  setUnreachable(unreachable: boolean): void;
  /** Adds a channel (CHANNEL_CREATE is dispatched): text by default, or an announcement or forum channel; returns its id. */
  addChannel(name: string, options?: ChannelOptions): string;
  /** Adds a public thread in a text or announcement channel, opened by Layla (THREAD_CREATE); returns its id. */
  addThread(parentId: string, name: string, options?: { archived?: boolean; locked?: boolean }): string;
  /** Archives, unarchives, locks or unlocks a thread (THREAD_UPDATE), as a moderator or Discord's auto-archive would. */
  setThreadState(threadId: string, state: { archived?: boolean; locked?: boolean }): void;
  /** A channel or thread as it is now (type, parent, archived/locked, forum tags, a post's applied tags). */
  channelInfo(channelId: string): ChannelInfo;
  /** The threads of a channel (a forum's posts), oldest first. */
  threadsIn(parentId: string): ChannelInfo[];
  /** Adds a role (GUILD_ROLE_CREATE); not mentionable unless said. No member holds it: it is pinged, not held. */
  addRole(name: string, options?: { mentionable?: boolean; permissions?: bigint }): string;
  setRoleMentionable(roleId: string, mentionable: boolean): void;
  /**
   * A permission overwrite for the bot's role in a channel (CHANNEL_UPDATE), e.g. `{ deny: ManageWebhooks }`; null
   * removes it. Threads take their channel's. The REST routes check the bot's permissions as Discord does.
   */
  setBotPermissions(channelId: string, overwrite: { allow?: bigint; deny?: bigint } | null): void;
  /** The channel webhooks (of one channel, or all), without their tokens. */
  webhooks(channelId?: string): WebhookInfo[];
  /** Deletes a webhook, as an admin would in the channel's settings: its executes then answer 10015 Unknown Webhook. */
  deleteWebhook(webhookId: string): void;
  /** Deletes a channel (CHANNEL_DELETE is dispatched); its routes then answer 404 Unknown Channel. */
  deleteChannel(channelId: string): void;
  /** Adds a control to the playground page (POST /_sandbox/controls/ID runs it). */
  addControl(control: SandboxControl): void;
  /** Forgets recorded requests and violations (not messages or commands). */
  clearRecords(): void;
  /** Closes the gateway connections (code 1001) and the HTTP server. */
  close(): Promise<void>;
}

export interface InvokeContext {
  userId?: string;
  channelId?: string;
  /** The member's permission bitfield as a decimal string (default: the member's role permissions). */
  permissions?: string;
  /** The user's client locale, e.g. 'ar' or 'en-US' (default 'en-US'). */
  locale?: string;
}

export type ChannelFailure = 403 | 404 | 429 | 500 | 'hang-after-create';

export interface ChannelOptions {
  type?: 'text' | 'announcement' | 'forum';
  /** A forum's tags (names). */
  tags?: string[];
  /** A forum whose posts must carry a tag (flag REQUIRE_TAG). */
  requireTag?: boolean;
}

export interface ChannelInfo {
  id: string;
  name: string;
  /** 0 text, 5 announcement, 10/11 thread, 15 forum. */
  type: number;
  parentId: string | null;
  archived: boolean;
  locked: boolean;
  /** Who opened a thread (the bot, a webhook, a member). */
  ownerId: string | null;
  tags: { id: string; name: string }[];
  appliedTags: string[];
}

export interface WebhookInfo {
  id: string;
  channelId: string;
  name: string;
  /** The application that created it (the bot's), or null for a member's webhook. */
  applicationId: string | null;
}

export interface MessageRecord {
  id: string;
  channel_id: string;
  content: string;
  embeds: any[];
  components: any[];
  flags: number;
  allowed_mentions?: any;
  nonce?: string | number;
  ephemeral: boolean;
  /** Set when the message is an interaction response or follow-up. */
  interactionId?: string;
  /** The bot, or for a channel webhook's message the webhook (its id, and the username the execute gave). */
  author_id: string;
  author_name: string;
  avatar_url?: string;
  /** What the message really pinged (Discord's reading of content, allowed_mentions and permissions). */
  mention_roles: string[];
  mention_everyone: boolean;
  mentions: string[];
  /** ISO time the message was created / last edited. */
  timestamp?: string;
  edited_timestamp?: string | null;
}

export interface InteractionRecord {
  id: string;
  token: string;
  /** 2 application command, 3 message component, 4 autocomplete. */
  type: number;
  /** The interaction's `data` as sent to the bot. */
  data: any;
  /** Callback type used (4, 5, 6, 7, 8, 9) or null. */
  ackType: number | null;
  ephemeral: boolean;
  /** Current state of @original (after edits); for type 6/7 the component's (updated) message. */
  original: MessageRecord | null;
  followups: MessageRecord[];
  /** Raw callback bodies in order (including rejected ones). */
  callbacks: any[];
  /** Milliseconds from INTERACTION_CREATE to the accepted acknowledgement. */
  ackAfterMs?: number;
  /** Choices of an autocomplete (type 8) response. */
  choices?: { name: string; value: string | number }[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
  status: number;
  at: number;
}

export interface Violation {
  /**
   * Discord's rules (the request is answered with Discord's error): 'ack-deadline' (10062), 'double-ack'
   * (40060), 'message-limits' / 'command-rules' / 'autocomplete-limits' / 'callback-type' (400, 50035),
   * 'empty-message' (50006), 'not-acknowledged' (webhook before any callback: 10015), 'token-expired'
   * (15 min: 50027), 'unknown-interaction', 'auth' (401), 'unknown-route' (404), 'bad-json', 'gateway'.
   * Reported only: 'schema' (OpenAPI findings on accepted requests) and 'policy:allowed_mentions' (ours).
   */
  rule: string;
  detail: string;
  path: string;
  at: number;
  /** The interaction concerned, when there is one. */
  interactionId?: string;
}
