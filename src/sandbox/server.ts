// The sandbox server: node:http for REST (/api/v10 and the /_sandbox control API) and `ws` for the
// gateway, over one in-memory world. Route handlers answer with the status and error JSON Discord uses
// ({ message, code, errors? }) and record every request and every broken rule.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import {
  applicationJson, channelJson, createWorld, currentUserJson, CHANNEL_TYPE, PERMISSION, REQUIRE_TAG, guildCreateJson, isThread,
  interactionToken, memberJson, messageJson, normaliseEmbeds, parseWorldIds, roleJson, snowflake, userJson, worldIds,
  type ChannelFailure, type SandboxChannel, type SandboxRole, type SandboxUser, type SandboxWebhook, type StoredMessage, type World,
} from './fixtures.js';
import { checkAllowedMentions, resolveMentions } from './mentions.js';
import { basePermissions, channelPermissions, has } from './permissions.js';
import { GatewaySession } from './gateway.js';
import { HttpError, matchPattern, RateLimitedError, rateLimitHeaders, readBody } from './http.js';
import { fillOptionTypes, lastLeafOption } from './options.js';
import type {
  ChannelInfo, ChannelOptions, InteractionRecord, InvokeContext, MessageRecord, RecordedRequest, Sandbox, SandboxControl, SandboxOptions,
  Violation, WebhookInfo,
} from './index.js';
import { playgroundFile } from './playground.js';
import { formatMessage, formatRecord, formatViolations } from './readable.js';
import {
  allowedMentionsProblem, checkAutocompleteChoices, checkCommands, checkMessageBody, isEmptyMessage,
  toDiscordErrors, type RuleProblem,
} from './rules.js';
import { OpenApiSchemas } from './schema.js';

const EPHEMERAL = 64;
const LOADING = 128;
// Discord: "If enforce_nonce is set to true ... and a message was created by the same author with the same
// nonce in the past few minutes, that message will be returned". We use five minutes.
const NONCE_WINDOW_MS = 5 * 60_000;
// Discord: interaction tokens are valid for 15 minutes.
const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;


interface InteractionState {
  record: InteractionRecord;
  createdAt: number;
  channelId: string;
  user: SandboxUser;
  /** For component interactions: the message the component is on. */
  componentMessageId?: string;
  acknowledged: boolean;
  expired: boolean;
  /** A deferral (5/6) was followed by an @original edit/delete or a follow-up. */
  settled: boolean;
  deadlineTimer: NodeJS.Timeout;
  /** The 'ack-deadline' violation, once recorded; a late callback amends it instead of adding another. */
  deadlineViolation?: Violation;
  waiters: { resolve: (r: InteractionRecord) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }[];
}

interface StoredCommand {
  id: string;
  application_id: string;
  guild_id?: string;
  version: string;
  [key: string]: any;
}

interface Route {
  method: string;
  pattern: string[];
  /** OpenAPI path for schema checks, when there is a request body worth checking. */
  spec?: string;
  auth: boolean;
  handle: (ctx: RouteContext) => { status: number; body?: any } | Promise<{ status: number; body?: any }>;
}

interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: any;
  path: string;
}

export async function startSandboxServer(options: SandboxOptions): Promise<Sandbox> {
  const sandbox = new SandboxServer(options);
  await sandbox.listen(options.port ?? 0);
  return sandbox;
}

class SandboxServer implements Sandbox {
  readonly token: string;
  readonly requests: RecordedRequest[] = [];
  readonly violations: Violation[] = [];
  readonly interactions: InteractionRecord[] = [];
  private readonly world: World;
  private readonly worldFile: string | null;
  /** Server-sent event streams of the playground pages, each for one viewer (who sees their own ephemeral replies). */
  private readonly streams = new Set<{ res: ServerResponse; viewer: string }>();
  private readonly controls = new Map<string, SandboxControl>();
  private readonly ackDeadlineMs: number;
  private readonly responseTimeoutMs: number;
  private readonly maxRecordedRequests: number;
  private readonly log: (line: string) => void;
  private readonly schemas: OpenApiSchemas | null;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, GatewaySession>();
  private readonly sockets = new Set<GatewaySession>();
  private bot: GatewaySession | null = null;
  private botWaiters: (() => void)[] = [];
  private readonly commands = new Map<string, StoredCommand[]>(); // 'global' or a guild id
  private readonly messages = new Map<string, StoredMessage>(); // insertion order = creation order
  private readonly interactionStates = new Map<string, InteractionState>();
  private readonly nonces = new Map<string, { messageId: string; at: number }>();
  private readonly routes: Route[];
  private port = 0;
  private readonly mainChannelId: string;
  private readonly briefingsChannel: string;
  private readonly now: () => number;
  private unreachable = false;
  private readonly httpSockets = new Set<import('node:net').Socket>();

  constructor(options: SandboxOptions) {
    this.token = options.token ?? 'sandbox-bot-token';
    this.ackDeadlineMs = options.ackDeadlineMs ?? 3000;
    this.responseTimeoutMs = options.responseTimeoutMs ?? 10_000;
    this.maxRecordedRequests = options.maxRecordedRequests ?? Infinity;
    this.log = options.log ?? (() => {});
    this.worldFile = options.worldFile ?? null;
    this.world = createWorld(this.worldFile ? readWorldIds(this.worldFile) ?? undefined : undefined);
    if (this.worldFile) this.saveWorld();
    this.now = options.clock ?? Date.now;
    const specPath = options.openapiPath ?? path.resolve('../shared/data/discord-api-spec/openapi.json');
    const loaded = OpenApiSchemas.load(specPath);
    this.schemas = loaded.schemas;
    // One line, even without a logger: a run without schema checks should not pass silently.
    if (loaded.reason) (options.log ?? console.warn)(`sandbox: ${loaded.reason}`);
    this.mainChannelId = [...this.world.channels.keys()][0];
    this.briefingsChannel = [...this.world.channels.values()].find((c) => c.name === 'briefings')?.id ?? this.mainChannelId;
    this.routes = this.buildRoutes();
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.http.on('connection', (socket) => {
      this.httpSockets.add(socket);
      socket.on('close', () => this.httpSockets.delete(socket));
      if (this.unreachable) socket.pause();
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.http.on('upgrade', (req, socket, head) => {
      if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/$/, '') !== '/gateway') {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const session = new GatewaySession(ws, req, {
          token: this.token,
          readyPayload: (sessionId) => this.readyPayload(sessionId),
          afterReady: () => [{ t: 'GUILD_CREATE', d: guildCreateJson(this.world) }],
          onReady: (s) => this.onBotReady(s),
          log: this.log,
          violation: (rule, detail) => this.violate(rule, detail, '/gateway'),
        }, this.sessions);
        this.sockets.add(session);
        ws.on('close', () => {
          this.sockets.delete(session);
          if (this.bot === session) this.bot = null;
        });
      });
    });
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, '127.0.0.1', () => {
        this.port = (this.http.address() as AddressInfo).port;
        this.log(`sandbox: listening on ${this.baseUrl} (API ${this.apiUrl}, gateway ${this.gatewayUrl})`);
        resolve();
      });
    });
  }

  get baseUrl(): string { return `http://127.0.0.1:${this.port}`; }
  get apiUrl(): string { return `${this.baseUrl}/api`; }
  get gatewayUrl(): string { return `ws://127.0.0.1:${this.port}/gateway`; }
  get applicationId(): string { return this.world.bot.id; }
  get guildId(): string { return this.world.guildId; }
  get channelId(): string { return this.mainChannelId; }
  get userId(): string { return this.world.editor.id; }
  get readerId(): string { return this.world.reader.id; }
  get briefingsChannelId(): string { return this.briefingsChannel; }

  // ---------------------------------------------------------------- driver API

  waitForBot(timeoutMs = 10_000): Promise<void> {
    if (this.bot) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`sandbox: no bot identified within ${timeoutMs} ms (${this.sockets.size} gateway connection(s) open)`)), timeoutMs);
      this.botWaiters.push(() => { clearTimeout(timer); resolve(); });
    });
  }

  registeredCommands(guildId?: string): any[] {
    return structuredClone(this.commands.get(guildId ?? 'global') ?? []);
  }

  async slash(name: string, options: any[] = [], ctx: InvokeContext = {}): Promise<InteractionRecord> {
    const command = this.findCommand(name);
    const user = this.userFor(ctx);
    if (ctx.permissions !== undefined && !/^\d+$/.test(ctx.permissions)) throw new Error(`sandbox: permissions must be a decimal bitfield string, got ${JSON.stringify(ctx.permissions)}`);
    const permissions = ctx.permissions ?? this.memberPermissions(user, ctx.channelId ?? this.channelId);
    const required = command.default_member_permissions;
    if (required != null && required !== '' && (BigInt(permissions) & BigInt(required)) !== BigInt(required) && (BigInt(permissions) & PERMISSION.Administrator) === 0n) {
      throw new Error(`sandbox: ${user.username} may not use /${name}: it needs permissions ${required}, the member has ${permissions}`);
    }
    const filled = fillOptionTypes(options, command.options ?? []);
    const resolved = this.resolveOptions(filled, command, user);
    const data = {
      id: command.id, name: command.name, type: command.type ?? 1, options: filled,
      ...(resolved ? { resolved } : {}), ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    };
    const state = this.createInteraction(2, data, ctx);
    return this.waitForResponse(state, `/${name}`);
  }

  async autocomplete(name: string, options: any[], ctx: InvokeContext = {}): Promise<{ name: string; value: string | number }[]> {
    const command = this.findCommand(name);
    const filled = fillOptionTypes(options, command.options ?? []);
    if (!JSON.stringify(filled).includes('"focused":true')) {
      // Discord always marks exactly one option as focused; default to the last one given.
      const flat = lastLeafOption(filled);
      if (flat) flat.focused = true;
    }
    const data = { id: command.id, name: command.name, type: command.type ?? 1, options: filled, ...(command.guild_id ? { guild_id: command.guild_id } : {}) };
    const state = this.createInteraction(4, data, ctx);
    const record = await this.waitForResponse(state, `autocomplete /${name}`);
    return record.choices ?? [];
  }

  async click(message: MessageRecord, customId: string, ctx: InvokeContext = {}): Promise<InteractionRecord> {
    return this.componentInteraction(message, customId, ctx, null);
  }

  async select(message: MessageRecord, customId: string, values: string[], ctx: InvokeContext = {}): Promise<InteractionRecord> {
    return this.componentInteraction(message, customId, ctx, values);
  }

  channelMessages(channelId: string = this.channelId): MessageRecord[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId && !m.ephemeral).map(publicRecord);
  }

  message(id: string): MessageRecord | undefined {
    const stored = this.messages.get(id);
    return stored ? publicRecord(stored) : undefined;
  }

  setChannelFailure(channelId: string, failure: ChannelFailure | null, options: { retryAfterMs?: number } = {}): void {
    const channel = this.world.channels.get(channelId);
    if (!channel) throw new Error(`sandbox: unknown channel ${channelId}`);
    channel.failure = failure;
    channel.retryAfterMs = failure === 429 ? options.retryAfterMs : undefined;
  }

  setUnreachable(unreachable: boolean): void {
    this.unreachable = unreachable;
    // A network that drops packets: nothing is read (so no request is answered and no close frame is seen) and
    // nothing is sent. Sockets opened meanwhile are paused as they arrive (see the 'connection' handler).
    for (const socket of this.httpSockets) {
      if (unreachable) socket.pause();
      else socket.resume();
    }
    for (const session of this.sockets) session.setFrozen(unreachable);
  }

  addChannel(name: string, options: ChannelOptions = {}): string {
    const types: Record<string, number> = { text: CHANNEL_TYPE.text, announcement: CHANNEL_TYPE.announcement, forum: CHANNEL_TYPE.forum };
    const type = types[options.type ?? 'text'];
    if (type === undefined) throw new Error(`sandbox: unknown channel type ${String(options.type)}`);
    const channel: SandboxChannel = {
      id: snowflake(), name, position: this.world.channels.size, failure: null, type, overwrites: [],
      ...(type === CHANNEL_TYPE.forum ? {
        tags: (options.tags ?? []).map((tag: string) => ({ id: snowflake(), name: tag, moderated: false })),
        flags: options.requireTag ? REQUIRE_TAG : 0,
      } : {}),
    };
    this.world.channels.set(channel.id, channel);
    this.bot?.dispatch('CHANNEL_CREATE', channelJson(this.world, channel));
    this.saveWorld();
    this.broadcast('channels', this.channelList());
    return channel.id;
  }

  addThread(parentId: string, name: string, options: { archived?: boolean; locked?: boolean } = {}): string {
    const parent = this.world.channels.get(parentId);
    if (!parent || isThread(parent)) throw new Error(`sandbox: ${parentId} is not a channel that can hold threads`);
    if (parent.type === CHANNEL_TYPE.forum) throw new Error('sandbox: forum posts are made by the bot (POST /channels/{forum}/threads)');
    const thread: SandboxChannel = {
      id: snowflake(), name, position: 0, failure: null, overwrites: [], parentId,
      type: parent.type === CHANNEL_TYPE.announcement ? CHANNEL_TYPE.announcementThread : CHANNEL_TYPE.publicThread,
      archived: options.archived ?? false, locked: options.locked ?? false, ownerId: this.world.editor.id, autoArchiveDuration: 1440,
      archiveTimestamp: new Date(this.now()).toISOString(),
    };
    this.world.channels.set(thread.id, thread);
    this.bot?.dispatch('THREAD_CREATE', { ...channelJson(this.world, thread), newly_created: true });
    this.saveWorld();
    this.broadcast('channels', this.channelList());
    return thread.id;
  }

  setThreadState(threadId: string, state: { archived?: boolean; locked?: boolean }): void {
    const thread = this.world.channels.get(threadId);
    if (!thread || !isThread(thread)) throw new Error(`sandbox: ${threadId} is not a thread`);
    if (state.archived !== undefined) {
      thread.archived = state.archived;
      thread.archiveTimestamp = new Date(this.now()).toISOString();
    }
    if (state.locked !== undefined) thread.locked = state.locked;
    this.bot?.dispatch('THREAD_UPDATE', channelJson(this.world, thread));
  }

  channelInfo(channelId: string): ChannelInfo {
    const c = this.world.channels.get(channelId);
    if (!c) throw new Error(`sandbox: unknown channel ${channelId}`);
    return {
      id: c.id, name: c.name, type: c.type, parentId: c.parentId ?? null, archived: c.archived ?? false, locked: c.locked ?? false,
      ownerId: c.ownerId ?? null, tags: (c.tags ?? []).map((t) => ({ id: t.id, name: t.name })), appliedTags: c.appliedTags ?? [],
    };
  }

  threadsIn(parentId: string): ChannelInfo[] {
    return [...this.world.channels.values()].filter((c) => c.parentId === parentId).map((c) => this.channelInfo(c.id));
  }

  addRole(name: string, options: { mentionable?: boolean; permissions?: bigint } = {}): string {
    const role: SandboxRole = {
      id: snowflake(), name, permissions: options.permissions ?? 0n, position: this.world.roles.size,
      mentionable: options.mentionable ?? false, managed: false,
    };
    this.world.roles.set(role.id, role);
    this.bot?.dispatch('GUILD_ROLE_CREATE', { guild_id: this.world.guildId, role: roleJson(role) });
    return role.id;
  }

  setRoleMentionable(roleId: string, mentionable: boolean): void {
    const role = this.world.roles.get(roleId);
    if (!role) throw new Error(`sandbox: unknown role ${roleId}`);
    role.mentionable = mentionable;
    this.bot?.dispatch('GUILD_ROLE_UPDATE', { guild_id: this.world.guildId, role: roleJson(role) });
  }

  setBotPermissions(channelId: string, overwrite: { allow?: bigint; deny?: bigint } | null): void {
    const channel = this.world.channels.get(channelId);
    if (!channel || isThread(channel)) throw new Error(`sandbox: ${channelId} is not a channel (a thread takes its channel's permissions)`);
    channel.overwrites = channel.overwrites.filter((o) => !(o.type === 0 && o.id === this.world.botRoleId));
    if (overwrite) channel.overwrites.push({ id: this.world.botRoleId, type: 0, allow: overwrite.allow ?? 0n, deny: overwrite.deny ?? 0n });
    this.bot?.dispatch('CHANNEL_UPDATE', channelJson(this.world, channel));
  }

  webhooks(channelId?: string): WebhookInfo[] {
    return [...this.world.webhooks.values()]
      .filter((w) => !channelId || w.channelId === channelId)
      .map((w) => ({ id: w.id, channelId: w.channelId, name: w.name, applicationId: w.applicationId }));
  }

  deleteWebhook(webhookId: string): void {
    if (!this.world.webhooks.delete(webhookId)) throw new Error(`sandbox: unknown webhook ${webhookId}`);
  }

  deleteChannel(channelId: string): void {
    const channel = this.world.channels.get(channelId);
    if (!channel) throw new Error(`sandbox: unknown channel ${channelId}`);
    this.world.channels.delete(channelId);
    for (const thread of [...this.world.channels.values()].filter((c) => c.parentId === channelId)) this.world.channels.delete(thread.id);
    for (const webhook of [...this.world.webhooks.values()].filter((w) => w.channelId === channelId)) this.world.webhooks.delete(webhook.id);
    this.bot?.dispatch(isThread(channel) ? 'THREAD_DELETE' : 'CHANNEL_DELETE', channelJson(this.world, channel));
    this.saveWorld();
    this.broadcast('channels', this.channelList());
  }

  addControl(control: SandboxControl): void {
    if (!/^[a-z0-9-]{1,40}$/.test(control.id)) throw new Error(`sandbox: control id ${JSON.stringify(control.id)} must be lowercase letters, digits and dashes`);
    this.controls.set(control.id, control);
    this.broadcast('controls', this.controlList());
  }

  clearRecords(): void {
    this.requests.length = 0;
    this.violations.length = 0;
  }

  async close(): Promise<void> {
    for (const state of this.interactionStates.values()) {
      clearTimeout(state.deadlineTimer);
      for (const waiter of state.waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error('sandbox: closed while waiting for a response'));
      }
      state.waiters = [];
    }
    for (const stream of this.streams) stream.res.end();
    this.streams.clear();
    // An unreachable sandbox has stopped reading: a close handshake would wait for ws's 30 s timeout.
    for (const session of this.sockets) {
      if (this.unreachable) session.socket.terminate();
      else session.close(1001, 'Sandbox closing');
    }
    this.wss.close();
    this.http.closeAllConnections();
    if (this.unreachable) for (const socket of this.httpSockets) socket.destroy();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // ---------------------------------------------------------------- interactions

  private findCommand(name: string): StoredCommand {
    const command = (this.commands.get(this.world.guildId) ?? []).find((c) => c.name === name)
      ?? (this.commands.get('global') ?? []).find((c) => c.name === name);
    if (!command) {
      const known = [...(this.commands.get(this.world.guildId) ?? []), ...(this.commands.get('global') ?? [])].map((c) => c.name);
      throw new Error(`sandbox: /${name} is not registered (registered: ${known.join(', ') || 'none'})`);
    }
    return command;
  }

  private userFor(ctx: InvokeContext): SandboxUser {
    const id = ctx.userId ?? this.world.editor.id;
    const user = [this.world.editor, this.world.reader].find((u) => u.id === id);
    if (!user) throw new Error(`sandbox: unknown user ${id} (members: ${this.world.editor.id}, ${this.world.reader.id})`);
    return user;
  }

  // Discord sends the objects behind user (6), channel (7), role (8) and mentionable (9) options in
  // data.resolved, keyed by id; discord.js reads them there (options.getChannel() etc.).
  private resolveOptions(options: any[], command: StoredCommand, user: SandboxUser): any | undefined {
    const resolved: any = {};
    const add = (kind: string, id: string, value: any) => { (resolved[kind] ??= {})[id] = value; };
    const visit = (option: any, defs: any[]) => {
      const def = defs.find((d: any) => d.name === option.name);
      if (Array.isArray(option.options)) option.options.forEach((o: any) => visit(o, def?.options ?? []));
      const id = String(option.value ?? '');
      const member = [this.world.bot, this.world.editor, this.world.reader].find((u) => u.id === id);
      const role = this.world.roles.get(id);
      if (option.type === 6 || (option.type === 9 && member)) {
        if (!member) throw new Error(`sandbox: option ${option.name}: no member with id ${id}`);
        const { user: _user, ...json } = memberJson(this.world, member, this.memberPermissions(member, this.channelId));
        add('users', id, userJson(member));
        add('members', id, json);
      } else if (option.type === 8 || option.type === 9) {
        if (!role) throw new Error(`sandbox: option ${option.name}: no role with id ${id}`);
        add('roles', id, roleJson(role));
      } else if (option.type === 7) {
        const channel = this.world.channels.get(id);
        if (!channel) throw new Error(`sandbox: option ${option.name}: no channel with id ${id}`);
        // Discord offers only the channel types the option allows; a client cannot send another.
        if (Array.isArray(def?.channel_types) && !def.channel_types.includes(channel.type)) {
          throw new Error(`sandbox: option ${option.name} takes channel types ${def.channel_types.join(', ')}; #${channel.name} is type ${channel.type}`);
        }
        const { guild_id: _guild, ...partial } = channelJson(this.world, channel);
        add('channels', id, { ...partial, permissions: this.memberPermissions(user, id) });
      }
    };
    options.forEach((o) => visit(o, command.options ?? []));
    return Object.keys(resolved).length > 0 ? resolved : undefined;
  }

  private knownUser(id: string): SandboxUser {
    const user = [this.world.bot, this.world.editor, this.world.reader].find((u) => u.id === id);
    if (!user) throw new HttpError(404, 10013, 'Unknown User');
    return user;
  }

  /** A member's permissions in a channel, as Discord computes them (roles, then the channel's overwrites). */
  private memberPermissions(user: SandboxUser, channelId: string): string {
    const channel = this.world.channels.get(channelId);
    return (channel ? channelPermissions(this.world, user.id, channel) : basePermissions(this.world, user.id)).toString();
  }

  /** What the bot may do in a channel. */
  private botPermissions(channel: SandboxChannel): bigint {
    return channelPermissions(this.world, this.world.bot.id, channel);
  }

  /** 403 like Discord when the bot lacks a permission: 50001 Missing Access without View Channel, else 50013. */
  private requireBot(channel: SandboxChannel, needed: bigint, what: string): void {
    const bits = this.botPermissions(channel);
    if (!has(bits, PERMISSION.ViewChannel)) {
      this.log(`sandbox: ${what} in #${channel.name} refused: the bot cannot view it`);
      throw new HttpError(403, 50001, 'Missing Access');
    }
    if (!has(bits, needed)) {
      this.log(`sandbox: ${what} in #${channel.name} refused: the bot lacks permission ${needed}`);
      throw new HttpError(403, 50013, 'Missing Permissions');
    }
  }

  private createInteraction(type: number, data: any, ctx: InvokeContext, componentMessage?: StoredMessage): InteractionState {
    if (!this.bot) throw new Error('sandbox: no bot is connected to the gateway');
    const channelId = ctx.channelId ?? componentMessage?.channel_id ?? this.channelId;
    const channel = this.world.channels.get(channelId);
    if (!channel) throw new Error(`sandbox: unknown channel ${channelId}`);
    const user = this.userFor(ctx);
    const id = snowflake();
    const token = interactionToken();
    const record: InteractionRecord = { id, token, type, data, ackType: null, ephemeral: false, original: null, followups: [], callbacks: [] };
    const state: InteractionState = {
      record, createdAt: Date.now(), channelId, user, componentMessageId: componentMessage?.id,
      acknowledged: false, expired: false, settled: false, waiters: [],
      deadlineTimer: setTimeout(() => {
        if (state.acknowledged) return;
        state.expired = true;
        // What the user sees in Discord: "The application did not respond".
        state.deadlineViolation = this.violate('ack-deadline', `interaction ${id} was not acknowledged within ${this.ackDeadlineMs} ms`, `/interactions/${id}`, id);
      }, this.ackDeadlineMs),
    };
    state.deadlineTimer.unref();
    this.interactionStates.set(id, state);
    this.interactions.push(record);
    const payload: any = {
      id, application_id: this.world.bot.id, type, data, guild_id: this.world.guildId,
      guild: { id: this.world.guildId, locale: 'ar', features: [] },
      channel_id: channelId, channel: { ...channelJson(this.world, channel) },
      member: memberJson(this.world, user, ctx.permissions ?? this.memberPermissions(user, channelId)),
      app_permissions: this.botPermissions(channel).toString(), locale: ctx.locale ?? 'en-US', guild_locale: 'ar', token, version: 1,
      entitlements: [], authorizing_integration_owners: { 0: this.world.guildId }, context: 0, attachment_size_limit: 10 * 1024 * 1024,
      ...(componentMessage ? { message: messageJson(this.world, componentMessage) } : {}),
    };
    this.bot.dispatch('INTERACTION_CREATE', payload);
    return state;
  }

  private async componentInteraction(message: MessageRecord, customId: string, ctx: InvokeContext, values: string[] | null): Promise<InteractionRecord> {
    const stored = this.messages.get(message.id);
    if (!stored) return Promise.reject(new Error(`sandbox: message ${message.id} does not exist (deleted?)`));
    const components = (stored.components ?? []).flatMap((row: any) => row?.components ?? []);
    const component = components.find((c: any) => c?.custom_id === customId);
    if (!component) {
      return Promise.reject(new Error(`sandbox: message ${message.id} has no component ${JSON.stringify(customId)} (has: ${components.map((c: any) => c.custom_id ?? c.url).join(', ') || 'none'})`));
    }
    if (component.disabled) return Promise.reject(new Error(`sandbox: component ${customId} is disabled; a user cannot use it`));
    if (values === null && component.type !== 2) return Promise.reject(new Error(`sandbox: ${customId} is not a button; use select()`));
    if (values !== null && component.type === 2) return Promise.reject(new Error(`sandbox: ${customId} is a button; use click()`));
    if (values !== null && component.type === 3) {
      const allowed = (component.options ?? []).map((o: any) => o.value);
      const bad = values.filter((v) => !allowed.includes(v));
      if (bad.length) return Promise.reject(new Error(`sandbox: ${customId} has no option(s) ${bad.join(', ')}`));
    }
    const data: any = { custom_id: customId, component_type: component.type, ...(values !== null ? { values } : {}) };
    const state = this.createInteraction(3, data, ctx, stored);
    return this.waitForResponse(state, `component ${customId}`);
  }

  private waitForResponse(state: InteractionState, what: string): Promise<InteractionRecord> {
    if (this.isComplete(state)) return Promise.resolve(state.record);
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve, reject,
        timer: setTimeout(() => {
          state.waiters = state.waiters.filter((w) => w !== waiter);
          const seen = state.record.callbacks.length
            ? `callbacks ${state.record.callbacks.map((c) => c?.type).join(', ')}, accepted ack ${state.record.ackType ?? 'none'}, ${state.record.followups.length} follow-up(s), @original ${state.record.original ? 'present' : 'absent'}`
            : 'no callback at all';
          const problems = this.violations.filter((v) => v.interactionId === state.record.id).map((v) => `${v.rule}: ${v.detail}`);
          reject(new Error(`sandbox: ${what} got no complete response within ${this.responseTimeoutMs} ms; seen: ${seen}${problems.length ? `; violations: ${problems.join(' | ')}` : ''}`));
        }, this.responseTimeoutMs),
      };
      state.waiters.push(waiter);
    });
  }

  private isComplete(state: InteractionState): boolean {
    const ack = state.record.ackType;
    return ack === 4 || ack === 7 || ack === 8 || ack === 9 || ((ack === 5 || ack === 6) && state.settled);
  }

  private progress(state: InteractionState): void {
    if (!this.isComplete(state)) return;
    for (const waiter of state.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(state.record);
    }
    state.waiters = [];
  }

  private refreshRecord(state: InteractionState): void {
    const record = state.record;
    const originalId = record.original?.id;
    if (originalId) {
      const stored = this.messages.get(originalId);
      record.original = stored ? publicRecord(stored) : null;
    }
    record.followups = record.followups.map((f) => (this.messages.get(f.id) ? publicRecord(this.messages.get(f.id)!) : f));
  }

  // ---------------------------------------------------------------- HTTP plumbing

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'GET' && url.pathname === '/_sandbox/events') return this.openStream(url, res);
    if (method === 'GET' && !url.pathname.startsWith('/_sandbox/') && !url.pathname.startsWith('/api/')) {
      // The playground's page and files: not Discord traffic, so not recorded as requests.
      const file = await playgroundFile(url.pathname).catch(() => null);
      if (file) {
        res.writeHead(file.status, { 'content-type': file.type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }).end(file.body);
        return;
      }
    }
    let body: any = undefined;
    let status = 500;
    let responseBody: any = undefined;
    const headers: Record<string, string> = {};
    try {
      body = await readBody(req);
      let result: { status: number; body?: any; headers?: Record<string, string> };
      if (url.pathname.startsWith('/_sandbox/')) result = await this.control(method, url, body);
      else if (url.pathname.startsWith('/api/')) result = await this.api(method, url, req, body);
      else throw new HttpError(404, 0, '404: Not Found');
      status = result.status;
      responseBody = result.body;
      Object.assign(headers, result.headers ?? {});
    } catch (error) {
      if (error instanceof HttpError) {
        status = error.status;
        responseBody = { message: error.message, code: error.code, ...(error.errors ? { errors: error.errors } : {}) };
        if (status === 429) {
          const after = String(error instanceof RateLimitedError ? error.retryAfterSeconds : 0.1);
          responseBody = { message: 'You are being rate limited.', retry_after: Number(after), global: false, code: 0 };
          Object.assign(headers, { 'retry-after': after, 'x-ratelimit-scope': 'user', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': after });
        }
      } else if (error instanceof SyntaxError) {
        status = 400;
        responseBody = { message: '400: Bad Request (body is not valid JSON)', code: 50109 };
        this.violate('bad-json', `${method} ${url.pathname}: ${error.message}`, url.pathname);
      } else {
        status = 500;
        responseBody = { message: `500: Internal Server Error (${(error as Error).message})`, code: 0 };
        this.log(`sandbox: ${method} ${url.pathname} crashed: ${(error as Error).stack}`);
      }
    }
    this.requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), body, status, at: Date.now() });
    if (this.requests.length > this.maxRecordedRequests) this.requests.splice(0, this.requests.length - this.maxRecordedRequests);
    // Route-specific headers (a 429's retry-after) win over the usual rate-limit headers.
    const allHeaders = url.pathname.startsWith('/api/') ? { ...rateLimitHeaders(method, url.pathname), ...headers } : headers;
    if (responseBody === undefined || status === 204) {
      res.writeHead(status === 200 ? 204 : status, allHeaders).end();
    } else if (typeof responseBody === 'string') {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...allHeaders }).end(responseBody.endsWith('\n') ? responseBody : `${responseBody}\n`);
    } else {
      res.writeHead(status, { 'content-type': 'application/json', ...allHeaders }).end(JSON.stringify(responseBody));
    }
  }

  private async api(method: string, url: URL, req: IncomingMessage, body: any): Promise<{ status: number; body?: any; headers?: Record<string, string> }> {
    const segments = url.pathname.split('/').filter(Boolean).slice(1); // drop 'api'
    if (segments[0] === 'v10') segments.shift();
    else if (/^v\d+$/.test(segments[0] ?? '')) throw new HttpError(400, 50041, `Invalid API version: ${segments[0]} (the sandbox speaks v10)`);
    const routePath = `/${segments.join('/')}`;
    let params: Record<string, string> | null = null;
    let route: Route | undefined;
    let methodMismatch = false;
    for (const candidate of this.routes) {
      const matched = matchPattern(candidate.pattern, segments);
      if (!matched) continue;
      if (candidate.method !== method) { methodMismatch = true; continue; }
      route = candidate;
      params = matched;
      break;
    }
    if (!route || !params) {
      this.violate('unknown-route', `${method} ${routePath} is not a route the sandbox (or Discord) knows`, routePath);
      if (methodMismatch) throw new HttpError(405, 0, '405: Method Not Allowed');
      throw new HttpError(404, 0, '404: Not Found');
    }
    if (route.auth && req.headers.authorization !== `Bot ${this.token}`) {
      this.violate('auth', `${method} ${routePath} with ${req.headers.authorization ? 'a wrong' : 'no'} Authorization header`, routePath);
      throw new HttpError(401, 0, '401: Unauthorized');
    }
    const result = await route.handle({ params, query: url.searchParams, body, path: routePath });
    // Schema findings are reported only for accepted requests: a rejected one already has its precise
    // violation, and the spec would repeat it less clearly.
    if (route.spec && body !== undefined && this.schemas) {
      for (const problem of this.schemas.validateRequest(route.spec, method, body).slice(0, 10)) {
        this.violate('schema', `${method} ${route.spec}: ${problem.path || '(body)'} ${problem.message}`, routePath);
      }
    }
    return result;
  }

  private violate(rule: string, detail: string, where: string, interactionId?: string): Violation {
    const violation: Violation = { rule, detail, path: where, at: Date.now(), ...(interactionId ? { interactionId } : {}) };
    this.violations.push(violation);
    this.log(`sandbox violation [${rule}] ${detail}`);
    this.broadcast('violation', violation);
    return violation;
  }

  /** Rejects with 400/50035 like Discord when the body breaks a limit, after recording the violation. */
  private enforce(rule: string, problems: RuleProblem[], where: string, interactionId?: string, prefix = ''): void {
    if (problems.length === 0) return;
    for (const p of problems) this.violate(rule, `${prefix}${p.path}: ${p.message}`, where, interactionId);
    const prefixed = prefix ? problems.map((p) => ({ ...p, path: `${prefix}${p.path}` })) : problems;
    throw new HttpError(400, 50035, 'Invalid Form Body', toDiscordErrors(prefixed));
  }

  private checkPolicy(body: any, where: string, interactionId?: string): void {
    const problem = allowedMentionsProblem(body);
    if (problem) this.violate('policy:allowed_mentions', problem, where, interactionId);
  }

  // ---------------------------------------------------------------- routes

  private buildRoutes(): Route[] {
    const r = (method: string, pattern: string, auth: boolean, handle: Route['handle'], spec?: string): Route =>
      ({ method, pattern: pattern.split('/').filter(Boolean), auth, handle, spec });
    const app = (params: Record<string, string>) => {
      if (params.app !== this.world.bot.id) throw new HttpError(403, 50001, 'Missing Access');
    };
    const guild = (params: Record<string, string>) => {
      if (params.guild !== this.world.guildId) throw new HttpError(404, 10004, 'Unknown Guild');
      return params.guild;
    };
    return [
      r('GET', '/gateway', false, () => ({ status: 200, body: { url: this.gatewayUrl } })),
      r('GET', '/gateway/bot', true, () => ({
        status: 200,
        body: { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 } },
      })),
      r('GET', '/users/@me', true, () => ({ status: 200, body: currentUserJson(this.world.bot) })),
      r('GET', '/applications/@me', true, () => ({ status: 200, body: applicationJson(this.world) })),
      r('GET', '/oauth2/applications/@me', true, () => ({ status: 200, body: applicationJson(this.world) })),
      r('GET', '/guilds/:guild', true, ({ params }) => { guild(params); return { status: 200, body: guildCreateJson(this.world) }; }),
      r('GET', '/guilds/:guild/members/:user', true, ({ params }) => { guild(params); return { status: 200, body: memberJson(this.world, this.knownUser(params.user)) }; }),
      r('GET', '/users/:user', true, ({ params }) => ({ status: 200, body: userJson(this.knownUser(params.user)) })),
      r('GET', '/guilds/:guild/channels', true, ({ params }) => { guild(params); return { status: 200, body: [...this.world.channels.values()].map((c) => channelJson(this.world, c)) }; }),

      // Application commands, global and guild.
      r('GET', '/applications/:app/commands', true, ({ params }) => { app(params); return { status: 200, body: this.registeredCommands() }; }),
      r('PUT', '/applications/:app/commands', true, ({ params, body }) => { app(params); return this.putCommands('global', body); }, '/applications/{application_id}/commands'),
      r('POST', '/applications/:app/commands', true, ({ params, body }) => { app(params); return this.upsertCommand('global', body); }, '/applications/{application_id}/commands'),
      r('GET', '/applications/:app/commands/:cmd', true, ({ params }) => { app(params); return { status: 200, body: this.commandById('global', params.cmd) }; }),
      r('DELETE', '/applications/:app/commands/:cmd', true, ({ params }) => { app(params); return this.deleteCommand('global', params.cmd); }),
      r('GET', '/applications/:app/guilds/:guild/commands', true, ({ params }) => { app(params); return { status: 200, body: this.registeredCommands(guild(params)) }; }),
      r('PUT', '/applications/:app/guilds/:guild/commands', true, ({ params, body }) => { app(params); return this.putCommands(guild(params), body); }, '/applications/{application_id}/guilds/{guild_id}/commands'),
      r('POST', '/applications/:app/guilds/:guild/commands', true, ({ params, body }) => { app(params); return this.upsertCommand(guild(params), body); }, '/applications/{application_id}/guilds/{guild_id}/commands'),
      r('GET', '/applications/:app/guilds/:guild/commands/:cmd', true, ({ params }) => { app(params); return { status: 200, body: this.commandById(guild(params), params.cmd) }; }),
      r('DELETE', '/applications/:app/guilds/:guild/commands/:cmd', true, ({ params }) => { app(params); return this.deleteCommand(guild(params), params.cmd); }),

      // Interaction responses: no bot token, the interaction token is the credential.
      r('POST', '/interactions/:id/:token/callback', false, (ctx) => this.callback(ctx), '/interactions/{interaction_id}/{interaction_token}/callback'),
      // Interaction webhooks (the application's id) and channel webhooks (their own ids) share these paths.
      r('GET', '/webhooks/:app/:token/messages/:msg', false, ({ params, query }) =>
        (params.app === this.world.bot.id ? this.webhookGet(params) : this.channelWebhookGet(params, query))),
      r('PATCH', '/webhooks/:app/:token/messages/:msg', false, ({ params, body }) => this.webhookEdit(params, body), '/webhooks/{webhook_id}/{webhook_token}/messages/@original'),
      r('DELETE', '/webhooks/:app/:token/messages/:msg', false, ({ params }) => this.webhookDelete(params)),
      r('DELETE', '/webhooks/:app/:token', false, ({ params }) => {
        if (params.app === this.world.bot.id) throw new HttpError(405, 0, '405: Method Not Allowed');
        const webhook = this.channelWebhook(params);
        this.world.webhooks.delete(webhook.id);
        return { status: 204 };
      }),
      r('POST', '/webhooks/:app/:token', false, ({ params, body, query }) =>
        (params.app === this.world.bot.id ? this.followup(params, body, query) : this.executeWebhook(params, body, query)), '/webhooks/{webhook_id}/{webhook_token}'),

      // Channels.
      r('GET', '/channels/:ch', true, ({ params }) => ({ status: 200, body: channelJson(this.world, this.channel(params.ch)) })),
      r('PATCH', '/channels/:ch', true, ({ params, body }) => this.modifyChannel(params.ch, body), '/channels/{channel_id}'),
      r('POST', '/channels/:ch/threads', true, ({ params, body }) => this.createThread(params.ch, body), '/channels/{channel_id}/threads'),
      r('GET', '/channels/:ch/threads/archived/public', true, ({ params }) => this.archivedThreads(params.ch)),
      r('GET', '/guilds/:guild/threads/active', true, ({ params }) => {
        guild(params);
        const threads = [...this.world.channels.values()].filter((c) => isThread(c) && !c.archived && this.canView(c));
        return { status: 200, body: { threads: threads.map((t) => channelJson(this.world, t)), members: [] } };
      }),
      r('POST', '/channels/:ch/webhooks', true, ({ params, body }) => this.createWebhook(params.ch, body), '/channels/{channel_id}/webhooks'),
      r('GET', '/channels/:ch/webhooks', true, ({ params }) => this.listWebhooks(params.ch)),
      r('GET', '/channels/:ch/messages', true, ({ params, query }) => this.listMessages(params.ch, query)),
      r('POST', '/channels/:ch/messages', true, ({ params, body }) => this.createChannelMessage(params.ch, body), '/channels/{channel_id}/messages'),
      r('GET', '/channels/:ch/messages/:msg', true, ({ params }) => ({ status: 200, body: withoutNonce(messageJson(this.world, this.channelMessage(params.ch, params.msg))) })),
      r('PATCH', '/channels/:ch/messages/:msg', true, ({ params, body }) => this.editChannelMessage(params.ch, params.msg, body), '/channels/{channel_id}/messages/{message_id}'),
      r('DELETE', '/channels/:ch/messages/:msg', true, ({ params }) => {
        const message = this.channelMessage(params.ch, params.msg);
        this.messages.delete(message.id);
        this.emitDeleted(message);
        this.refreshRecordsShowing(message.id);
        return { status: 204 };
      }),
    ];
  }

  // ---- commands

  private putCommands(scope: string, body: any): { status: number; body: any } {
    this.enforce('command-rules', checkCommands(body), scope === 'global' ? '/applications/commands' : `/applications/guilds/${scope}/commands`);
    const previous = this.commands.get(scope) ?? [];
    const stored = (body as any[]).map((definition) => this.storeCommand(scope, definition, previous));
    this.commands.set(scope, stored);
    this.log(`sandbox: ${stored.length} ${scope === 'global' ? 'global' : 'guild'} command(s) registered: ${stored.map((c) => c.name).join(', ')}`);
    return { status: 200, body: structuredClone(stored) };
  }

  private upsertCommand(scope: string, body: any): { status: number; body: any } {
    this.enforce('command-rules', checkCommands([body]), `/applications/commands`);
    const previous = this.commands.get(scope) ?? [];
    const command = this.storeCommand(scope, body, previous);
    const existed = previous.some((c) => c.id === command.id);
    this.commands.set(scope, [...previous.filter((c) => c.id !== command.id), command]);
    return { status: existed ? 200 : 201, body: structuredClone(command) };
  }

  // Discord keeps a command's id when a command of the same name and type is re-registered, and bumps
  // its version only when the definition changed.
  private storeCommand(scope: string, definition: any, previous: StoredCommand[]): StoredCommand {
    const type = definition.type ?? 1;
    const old = previous.find((c) => c.name === definition.name && (c.type ?? 1) === type);
    const shape = {
      type, name: definition.name, name_localizations: definition.name_localizations ?? null,
      description: definition.description ?? '', description_localizations: definition.description_localizations ?? null,
      options: definition.options ?? [], default_member_permissions: definition.default_member_permissions ?? null,
      dm_permission: definition.dm_permission ?? true, nsfw: definition.nsfw ?? false,
      integration_types: definition.integration_types ?? [0], contexts: definition.contexts ?? null,
    };
    if (shape.options.length === 0) delete (shape as any).options;
    const changed = !old || JSON.stringify(commandShape(old)) !== JSON.stringify(shape);
    return {
      id: old?.id ?? snowflake(), application_id: this.world.bot.id, ...(scope !== 'global' ? { guild_id: scope } : {}),
      version: changed ? snowflake() : old!.version, ...shape,
    };
  }

  private commandById(scope: string, id: string): StoredCommand {
    const command = (this.commands.get(scope) ?? []).find((c) => c.id === id);
    if (!command) throw new HttpError(404, 10063, 'Unknown application command');
    return structuredClone(command);
  }

  private deleteCommand(scope: string, id: string): { status: number } {
    this.commandById(scope, id);
    this.commands.set(scope, (this.commands.get(scope) ?? []).filter((c) => c.id !== id));
    return { status: 204 };
  }

  // ---- interaction callback

  private callback({ params, body, query }: RouteContext): { status: number; body?: any } {
    const where = `/interactions/${params.id}/callback`;
    const state = this.interactionStates.get(params.id);
    if (!state || state.record.token !== params.token) {
      this.violate('unknown-interaction', `callback for an interaction the sandbox never sent (${params.id})`, where);
      throw new HttpError(404, 10062, 'Unknown interaction');
    }
    const record = state.record;
    const id = record.id;
    record.callbacks.push(structuredClone(body));
    const elapsed = Date.now() - state.createdAt;
    if (state.acknowledged) {
      this.violate('double-ack', `interaction ${id} acknowledged twice (first ${record.ackType}, then ${body?.type})`, where, id);
      throw new HttpError(400, 40060, 'Interaction has already been acknowledged.');
    }
    if (state.expired || elapsed > this.ackDeadlineMs) {
      state.expired = true;
      const late = `callback type ${body?.type} arrived ${elapsed} ms after the interaction (deadline ${this.ackDeadlineMs} ms)`;
      if (state.deadlineViolation) state.deadlineViolation.detail += `; ${late}`;
      else state.deadlineViolation = this.violate('ack-deadline', late, where, id);
      throw new HttpError(404, 10062, 'Unknown interaction');
    }
    const type = body?.type;
    const allowed = record.type === 4 ? [8] : record.type === 3 ? [4, 5, 6, 7, 9] : [4, 5, 9];
    if (!allowed.includes(type)) {
      this.violate('callback-type', `callback type ${type} is not valid for interaction type ${record.type} (allowed: ${allowed.join(', ')})`, where, id);
      throw new HttpError(400, 50035, 'Invalid Form Body', { type: { _errors: [{ code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: 'Interaction response type is invalid for this interaction type' }] } });
    }
    const data = body.data ?? {};
    if (type === 4 || type === 7) {
      this.enforce('message-limits', checkMessageBody(data), where, id, 'data.');
      if (type === 4 && isEmptyMessage(data)) {
        this.violate('empty-message', `interaction ${id}: reply with no content, embeds or components`, where, id);
        throw new HttpError(400, 50006, 'Cannot send an empty message');
      }
      this.checkPolicy(data, where, id);
    }
    if (type === 8) this.enforce('autocomplete-limits', checkAutocompleteChoices(data.choices), where, id);
    if (type === 9) {
      if (!data.custom_id || !data.title || !Array.isArray(data.components)) {
        this.violate('message-limits', 'modal needs custom_id, title and components', where, id);
        throw new HttpError(400, 50035, 'Invalid Form Body');
      }
    }

    // Accepted.
    state.acknowledged = true;
    clearTimeout(state.deadlineTimer);
    record.ackType = type;
    record.ackAfterMs = elapsed;
    let message: StoredMessage | undefined;
    if (type === 4 || type === 5) {
      const flags = data.flags ?? 0;
      record.ephemeral = (flags & EPHEMERAL) !== 0;
      message = this.storeMessage(state.channelId, type === 4 ? data : {}, {
        flags: flags | (type === 5 ? LOADING : 0), interaction: state, type: 20, webhook: true,
      });
      record.original = publicRecord(message);
    } else if (type === 6 || type === 7) {
      message = this.messages.get(state.componentMessageId!);
      if (message && type === 7) this.applyEdit(message, data);
      if (message) {
        record.ephemeral = message.ephemeral;
        record.original = publicRecord(message);
      }
    } else if (type === 8) {
      record.choices = structuredClone(data.choices);
    }
    this.progress(state);
    if (query.get('with_response') === 'true') {
      // InteractionCallbackResponse (discord.js sends with_response=true when asked for `withResponse`).
      return {
        status: 200,
        body: {
          interaction: {
            id, type: record.type, activity_instance_id: null,
            response_message_id: message?.id ?? null, response_message_loading: type === 5, response_message_ephemeral: record.ephemeral,
          },
          resource: { type, ...(message ? { message: messageJson(this.world, message) } : {}) },
        },
      };
    }
    return { status: 204 };
  }

  // ---- interaction webhooks (@original and follow-ups)

  private interactionForWebhook(params: Record<string, string>, where: string): InteractionState {
    if (params.app !== this.world.bot.id) throw new HttpError(404, 10015, 'Unknown Webhook');
    const state = [...this.interactionStates.values()].find((s) => s.record.token === params.token);
    if (!state) {
      this.violate('unknown-interaction', `webhook call with an unknown interaction token`, where);
      throw new HttpError(401, 50027, 'Invalid Webhook Token');
    }
    if (Date.now() - state.createdAt > INTERACTION_TOKEN_LIFETIME_MS) {
      this.violate('token-expired', `interaction ${state.record.id}: token used after 15 minutes`, where, state.record.id);
      throw new HttpError(401, 50027, 'Invalid Webhook Token');
    }
    if (!state.acknowledged) {
      // An interaction token only works as a webhook once the interaction was acknowledged.
      this.violate('not-acknowledged', `interaction ${state.record.id}: ${where} before any accepted callback`, where, state.record.id);
      throw new HttpError(404, 10015, 'Unknown Webhook');
    }
    return state;
  }

  private webhookMessage(state: InteractionState, messageId: string): StoredMessage {
    const id = messageId === '@original' ? state.record.original?.id : messageId;
    const message = id ? this.messages.get(id) : undefined;
    const belongs = message && (message.id === state.record.original?.id || state.record.followups.some((f) => f.id === message.id));
    if (!message || !belongs) throw new HttpError(404, 10008, 'Unknown Message');
    return message;
  }

  private webhookGet(params: Record<string, string>): { status: number; body: any } {
    const state = this.interactionForWebhook(params, `/webhooks/messages/${params.msg}`);
    return { status: 200, body: messageJson(this.world, this.webhookMessage(state, params.msg)) };
  }

  private webhookEdit(params: Record<string, string>, body: any): { status: number; body: any } {
    const where = `/webhooks/messages/${params.msg}`;
    const state = this.interactionForWebhook(params, where);
    const message = this.webhookMessage(state, params.msg);
    this.enforce('message-limits', checkMessageBody(body), where, state.record.id);
    this.checkPolicy(body, where, state.record.id);
    this.applyEdit(message, body);
    if (message.id === state.record.original?.id) state.settled = true;
    this.refreshRecord(state);
    this.progress(state);
    return { status: 200, body: messageJson(this.world, message) };
  }

  private webhookDelete(params: Record<string, string>): { status: number } {
    const state = this.interactionForWebhook(params, `/webhooks/messages/${params.msg}`);
    const message = this.webhookMessage(state, params.msg);
    this.messages.delete(message.id);
    this.emitDeleted(message);
    if (message.id === state.record.original?.id) {
      state.settled = true;
      state.record.original = null;
    }
    state.record.followups = state.record.followups.filter((f) => f.id !== message.id);
    this.refreshRecordsShowing(message.id);
    this.progress(state);
    return { status: 204 };
  }

  private followup(params: Record<string, string>, body: any, query: URLSearchParams): { status: number; body?: any } {
    const where = '/webhooks/followup';
    const state = this.interactionForWebhook(params, where);
    this.enforce('message-limits', checkMessageBody(body), where, state.record.id);
    if (isEmptyMessage(body)) {
      this.violate('empty-message', `interaction ${state.record.id}: follow-up with no content, embeds or components`, where, state.record.id);
      throw new HttpError(400, 50006, 'Cannot send an empty message');
    }
    this.checkPolicy(body, where, state.record.id);
    const loading = state.record.ackType === 5 && state.record.original ? this.messages.get(state.record.original.id) : undefined;
    if (loading && (loading.flags & LOADING) !== 0) {
      // Discord: a follow-up sent right after a deferred reply (type 5) "functions as Edit Original
      // Interaction Response": it fills the "thinking…" message, whose ephemeral flag stays as deferred.
      this.applyEdit(loading, body);
      state.settled = true;
      this.refreshRecord(state);
      this.progress(state);
      return query.get('wait') === 'false' ? { status: 204 } : { status: 200, body: messageJson(this.world, loading) };
    }
    const message = this.storeMessage(state.channelId, body, { flags: body.flags ?? 0, interaction: state, type: 20, webhook: true });
    state.record.followups.push(publicRecord(message));
    state.settled = true;
    this.refreshRecord(state);
    this.progress(state);
    return query.get('wait') === 'false' ? { status: 204 } : { status: 200, body: messageJson(this.world, message) };
  }

  // ---- channels

  private channel(channelId: string): SandboxChannel {
    const channel = this.world.channels.get(channelId);
    if (!channel) throw new HttpError(404, 10003, 'Unknown Channel');
    switch (channel.failure) {
      case 403: throw new HttpError(403, 50001, 'Missing Access');
      case 404: throw new HttpError(404, 10003, 'Unknown Channel');
      case 500: throw new HttpError(500, 0, '500: Internal Server Error');
      case 429: {
        channel.failure = null; // transient: the retry succeeds
        const retryAfterMs = channel.retryAfterMs ?? 100;
        channel.retryAfterMs = undefined;
        throw new RateLimitedError(retryAfterMs / 1000);
      }
      default: return channel; // 'hang-after-create' is applied where a message is created
    }
  }

  /**
   * A message was just created in this channel: when the channel was set to 'hang-after-create', the answer never
   * comes (the request stays open until the client gives up), once.
   */
  private answerOrHang<T>(channel: SandboxChannel, answer: T): T | Promise<T> {
    if (channel.failure !== 'hang-after-create') return answer;
    channel.failure = null;
    this.log(`sandbox: created a message in #${channel.name} and will not answer (hang-after-create)`);
    return new Promise<T>(() => {});
  }

  private channelMessage(channelId: string, messageId: string): StoredMessage {
    this.channel(channelId);
    const message = this.messages.get(messageId);
    if (!message || message.channel_id !== channelId || message.ephemeral) throw new HttpError(404, 10008, 'Unknown Message');
    return message;
  }

  private listMessages(channelId: string, query: URLSearchParams): { status: number; body: any } {
    const channel = this.channel(channelId);
    this.requireBot(channel, PERMISSION.ViewChannel, 'reading messages');
    // Discord: "If the current user is missing the READ_MESSAGE_HISTORY permission in the channel, then no messages
    // will be returned."
    if (!has(this.botPermissions(channel), PERMISSION.ReadMessageHistory)) return { status: 200, body: [] };
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50) || 50));
    const before = query.get('before');
    const visible = [...this.messages.values()].filter(
      (m) => m.channel_id === channelId && !m.ephemeral && (!before || BigInt(m.id) < BigInt(before)),
    );
    // Newest first, like Discord; and without `nonce`, which Discord does not store with a message (only the
    // answer to the POST that created it carries it).
    return { status: 200, body: visible.reverse().slice(0, limit).map((m) => withoutNonce(messageJson(this.world, m))) };
  }

  private createChannelMessage(channelId: string, body: any): { status: number; body: any } | Promise<{ status: number; body: any }> {
    const where = `/channels/${channelId}/messages`;
    const channel = this.channel(channelId);
    if (channel.type === CHANNEL_TYPE.forum) {
      // A forum holds posts (threads), not messages: POST /channels/{forum}/threads makes one.
      this.violate('channel-type', `POST ${where}: #${channel.name} is a forum channel; create a post with POST /channels/{id}/threads`, where);
      throw new HttpError(400, 50008, 'Cannot send messages in a non-text channel');
    }
    if (isThread(channel)) {
      this.requireBot(channel, PERMISSION.SendMessagesInThreads, 'posting in a thread');
      if (channel.archived) throw new HttpError(400, 50083, 'Thread is archived');
    } else {
      this.requireBot(channel, PERMISSION.SendMessages, 'posting');
    }
    this.enforce('message-limits', [...checkMessageBody(body), ...checkAllowedMentions(body?.allowed_mentions)], where);
    if (isEmptyMessage(body)) {
      this.violate('empty-message', 'channel message with no content, embeds or components', where);
      throw new HttpError(400, 50006, 'Cannot send an empty message');
    }
    this.checkPolicy(body, where);
    if (body.enforce_nonce === true && body.nonce !== undefined && body.nonce !== null) {
      const key = `${channelId}:${body.nonce}`;
      const seen = this.nonces.get(key);
      // The window is measured on the sandbox's clock (SandboxOptions.clock), so a test can let it expire.
      const first = seen && this.now() - seen.at < NONCE_WINDOW_MS ? this.messages.get(seen.messageId) : undefined;
      if (first) {
        this.log(`sandbox: nonce ${body.nonce} seen before in ${channelId}: returning message ${first.id}, creating nothing`);
        return { status: 200, body: messageJson(this.world, first) };
      }
    }
    if ((body.flags ?? 0) & EPHEMERAL) {
      throw new HttpError(400, 50035, 'Invalid Form Body', { flags: { _errors: [{ code: 'MESSAGE_FLAGS_INVALID', message: 'Ephemeral is only valid for interaction responses' }] } });
    }
    const message = this.storeMessage(channelId, body, { flags: body.flags ?? 0, type: 0, webhook: false });
    if (body.enforce_nonce === true && body.nonce !== undefined && body.nonce !== null) this.nonces.set(`${channelId}:${body.nonce}`, { messageId: message.id, at: this.now() });
    return this.answerOrHang(channel, { status: 200, body: messageJson(this.world, message) });
  }

  private editChannelMessage(channelId: string, messageId: string, body: any): { status: number; body: any } {
    const where = `/channels/${channelId}/messages/${messageId}`;
    const message = this.channelMessage(channelId, messageId);
    this.enforce('message-limits', checkMessageBody(body), where);
    this.checkPolicy(body, where);
    this.applyEdit(message, body);
    return { status: 200, body: messageJson(this.world, message) };
  }


  // ---- threads and forum posts

  private canView(channel: SandboxChannel): boolean {
    return has(this.botPermissions(channel), PERMISSION.ViewChannel);
  }

  /** PATCH /channels/{id}: for a thread, archive/unarchive and lock (the only changes the bot makes). */
  private modifyChannel(channelId: string, body: any): { status: number; body: any } {
    const channel = this.channel(channelId);
    if (!isThread(channel)) {
      this.requireBot(channel, PERMISSION.ManageChannels, 'editing a channel');
      if (typeof body?.name === 'string') channel.name = body.name;
      this.bot?.dispatch('CHANNEL_UPDATE', channelJson(this.world, channel));
      return { status: 200, body: channelJson(this.world, channel) };
    }
    const bits = this.botPermissions(channel);
    if (!has(bits, PERMISSION.ViewChannel)) throw new HttpError(403, 50001, 'Missing Access');
    // Discord (Modify Channel, thread): MANAGE_THREADS for everything, except unarchiving a thread that is not
    // locked, which needs only SEND_MESSAGES.
    const onlyUnarchive = body && Object.keys(body).every((k) => k === 'archived') && body.archived === false;
    if (onlyUnarchive) {
      if (channel.locked && !has(bits, PERMISSION.ManageThreads)) throw new HttpError(403, 50013, 'Missing Permissions');
      if (!has(bits, PERMISSION.SendMessages)) throw new HttpError(403, 50013, 'Missing Permissions');
    } else if (!has(bits, PERMISSION.ManageThreads)) {
      throw new HttpError(403, 50013, 'Missing Permissions');
    }
    if (typeof body?.archived === 'boolean') {
      channel.archived = body.archived;
      channel.archiveTimestamp = new Date(this.now()).toISOString();
    }
    if (typeof body?.locked === 'boolean') channel.locked = body.locked;
    this.bot?.dispatch('THREAD_UPDATE', channelJson(this.world, channel));
    return { status: 200, body: channelJson(this.world, channel) };
  }

  /**
   * POST /channels/{id}/threads. In a forum: a post — a thread with its starter message (whose id is the thread's),
   * named 1–100 characters, with up to 5 of the forum's tags (one at least when the forum requires it). Needs Send
   * Messages in the forum ("Create Posts"). In a text channel: a thread without a message (Create Public Threads).
   */
  private createThread(channelId: string, body: any): { status: number; body: any } | Promise<{ status: number; body: any }> {
    const where = `/channels/${channelId}/threads`;
    const parent = this.channel(channelId);
    if (isThread(parent)) throw new HttpError(400, 50024, 'Cannot execute action on this channel type');
    const name = typeof body?.name === 'string' ? body.name : '';
    const problems: RuleProblem[] = [];
    if (charLength(name) < 1 || charLength(name) > 100) problems.push({ path: 'name', code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    if (parent.type !== CHANNEL_TYPE.forum) {
      this.requireBot(parent, PERMISSION.CreatePublicThreads, 'creating a thread');
      this.enforce('message-limits', problems, where);
      const thread = this.addThreadRecord(parent, name, []);
      return { status: 201, body: channelJson(this.world, thread) };
    }
    this.requireBot(parent, PERMISSION.SendMessages, 'creating a forum post');
    const tags: unknown[] = Array.isArray(body?.applied_tags) ? body.applied_tags : [];
    if (tags.length > 5) problems.push({ path: 'applied_tags', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' });
    tags.forEach((tag, i) => {
      const known = (parent.tags ?? []).find((t) => t.id === tag);
      if (!known) problems.push({ path: `applied_tags.${i}`, code: 'CHANNEL_PARENT_INVALID_TAG', message: `Tag ${String(tag)} is not a tag of this forum` });
      else if (known.moderated && !has(this.botPermissions(parent), PERMISSION.ManageThreads)) {
        problems.push({ path: `applied_tags.${i}`, code: 'CHANNEL_PARENT_TAG_MODERATED', message: 'Only moderators may apply this tag' });
      }
    });
    const starter = body?.message;
    if (!starter || typeof starter !== 'object') problems.push({ path: 'message', code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    else problems.push(...checkMessageBody(starter).map((p) => ({ ...p, path: `message.${p.path}` })), ...checkAllowedMentions(starter.allowed_mentions, 'message.allowed_mentions'));
    this.enforce('message-limits', problems, where);
    if (((parent.flags ?? 0) & REQUIRE_TAG) !== 0 && tags.length === 0) {
      this.violate('forum-tag', `POST ${where}: #${parent.name} requires a tag on every post`, where);
      throw new HttpError(400, 40067, 'A tag is required to create a forum post in this channel');
    }
    if (isEmptyMessage(starter)) {
      this.violate('empty-message', 'forum post with no content, embeds or components', where);
      throw new HttpError(400, 50006, 'Cannot send an empty message');
    }
    this.checkPolicy(starter, where);
    const thread = this.addThreadRecord(parent, name, tags as string[], body?.auto_archive_duration);
    const message = this.storeMessage(thread.id, starter, { flags: starter.flags ?? 0, type: 0, webhook: false, id: thread.id });
    return this.answerOrHang(parent, { status: 201, body: { ...channelJson(this.world, thread), message: messageJson(this.world, message) } });
  }

  private addThreadRecord(parent: SandboxChannel, name: string, tags: string[], autoArchive?: number, ownerId = this.world.bot.id): SandboxChannel {
    const thread: SandboxChannel = {
      id: snowflake(), name, position: 0, failure: null, overwrites: [], parentId: parent.id,
      type: parent.type === CHANNEL_TYPE.announcement ? CHANNEL_TYPE.announcementThread : CHANNEL_TYPE.publicThread,
      archived: false, locked: false, ownerId, appliedTags: tags, autoArchiveDuration: autoArchive ?? 1440,
      archiveTimestamp: new Date(this.now()).toISOString(),
    };
    this.world.channels.set(thread.id, thread);
    this.bot?.dispatch('THREAD_CREATE', { ...channelJson(this.world, thread), newly_created: true });
    this.broadcast('channels', this.channelList());
    return thread;
  }

  private archivedThreads(channelId: string): { status: number; body: any } {
    const parent = this.channel(channelId);
    this.requireBot(parent, PERMISSION.ReadMessageHistory, 'listing archived threads');
    const threads = [...this.world.channels.values()].filter((c) => c.parentId === channelId && c.archived);
    return { status: 200, body: { threads: threads.map((t) => channelJson(this.world, t)), members: [], has_more: false } };
  }

  // ---- channel webhooks

  /** POST /channels/{id}/webhooks: Manage Webhooks; a name of 1–80 characters without «clyde» or «discord»; 15 per channel. */
  private createWebhook(channelId: string, body: any): { status: number; body: any } {
    const where = `/channels/${channelId}/webhooks`;
    const channel = this.channel(channelId);
    if (isThread(channel)) throw new HttpError(400, 50024, 'Cannot execute action on this channel type');
    this.requireBot(channel, PERMISSION.ManageWebhooks, 'creating a webhook');
    this.enforce('webhook-rules', checkWebhookName(body?.name, 'name'), where);
    if (this.webhooks(channelId).length >= 15) throw new HttpError(400, 30007, 'Maximum number of webhooks reached (15)');
    const webhook: SandboxWebhook = {
      id: snowflake(), token: interactionToken(), channelId, name: body.name, applicationId: this.world.bot.id, creatorId: this.world.bot.id,
    };
    this.world.webhooks.set(webhook.id, webhook);
    return { status: 200, body: this.webhookJson(webhook, true) };
  }

  private listWebhooks(channelId: string): { status: number; body: any } {
    const channel = this.channel(channelId);
    this.requireBot(channel, PERMISSION.ManageWebhooks, 'listing webhooks');
    return { status: 200, body: [...this.world.webhooks.values()].filter((w) => w.channelId === channelId).map((w) => this.webhookJson(w, true)) };
  }

  private webhookJson(w: SandboxWebhook, withToken: boolean): any {
    return {
      id: w.id, type: 1, guild_id: this.world.guildId, channel_id: w.channelId, name: w.name, avatar: null,
      application_id: w.applicationId, user: userJson(this.world.bot), ...(withToken ? { token: w.token } : {}),
    };
  }

  private channelWebhook(params: Record<string, string>): SandboxWebhook {
    const webhook = this.world.webhooks.get(params.app);
    if (!webhook) throw new HttpError(404, 10015, 'Unknown Webhook');
    if (webhook.token !== params.token) throw new HttpError(401, 50027, 'Invalid Webhook Token');
    return webhook;
  }

  /**
   * POST /webhooks/{id}/{token}: a message under the name and avatar given (username 1–80 characters, no «clyde» or
   * «discord»). `?thread_id=` posts in a thread of the webhook's channel (unarchiving it, as Discord does, unless it
   * is locked); in a forum, `thread_name` makes a post (one of the two is required there). Without `?wait=true` the
   * answer is 204 and carries no message. Webhooks take no nonce: there is nothing to dedupe a retry.
   */
  private executeWebhook(params: Record<string, string>, body: any, query: URLSearchParams): { status: number; body?: any } | Promise<{ status: number; body?: any }> {
    const where = '/webhooks/execute';
    const webhook = this.channelWebhook(params);
    const channel = this.channel(webhook.channelId);
    const problems = [...checkMessageBody(body), ...checkAllowedMentions(body?.allowed_mentions)];
    if (body?.username !== undefined && body.username !== null) problems.push(...checkWebhookName(body.username, 'username'));
    if (body?.nonce !== undefined || body?.enforce_nonce !== undefined) {
      problems.push({ path: 'nonce', code: 'UNKNOWN_FIELD', message: 'Webhook executions take no nonce' });
    }
    this.enforce('message-limits', problems, where);
    if (isEmptyMessage(body)) {
      this.violate('empty-message', 'webhook message with no content, embeds or components', where);
      throw new HttpError(400, 50006, 'Cannot send an empty message');
    }
    this.checkPolicy(body, where);
    const threadId = query.get('thread_id');
    let target = channel;
    if (threadId) {
      const thread = this.world.channels.get(threadId);
      if (!thread || thread.parentId !== channel.id) throw new HttpError(400, 10003, 'Unknown Channel');
      this.channel(thread.id);
      if (thread.archived) {
        if (thread.locked) throw new HttpError(400, 50083, 'Thread is archived');
        thread.archived = false; // "The thread will automatically be unarchived."
        this.bot?.dispatch('THREAD_UPDATE', channelJson(this.world, thread));
      }
      target = thread;
    } else if (channel.type === CHANNEL_TYPE.forum) {
      const name = typeof body?.thread_name === 'string' ? body.thread_name : '';
      if (!name) throw new HttpError(400, 220001, 'Webhooks posted to forum channels must have a thread_name or thread_id');
      if (charLength(name) > 100) this.enforce('message-limits', [{ path: 'thread_name', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' }], where);
      const tags: string[] = Array.isArray(body.applied_tags) ? body.applied_tags : [];
      const unknown = tags.filter((t) => !(channel.tags ?? []).some((k) => k.id === t));
      if (unknown.length) this.enforce('message-limits', [{ path: 'applied_tags', code: 'CHANNEL_PARENT_INVALID_TAG', message: `Unknown tag(s) ${unknown.join(', ')}` }], where);
      if (((channel.flags ?? 0) & REQUIRE_TAG) !== 0 && tags.length === 0) throw new HttpError(400, 40067, 'A tag is required to create a forum post in this channel');
      target = this.addThreadRecord(channel, name, tags, undefined, webhook.id);
    } else if (body?.thread_name !== undefined) {
      this.enforce('message-limits', [{ path: 'thread_name', code: 'WEBHOOK_THREAD_NAME_NOT_ALLOWED', message: 'thread_name is only for forum channels' }], where);
    }
    const { thread_name: _name, applied_tags: _tags, username: _user, avatar_url: _avatar, ...message } = body;
    const stored = this.storeMessage(target.id, { ...message, username: body.username, avatar_url: body.avatar_url }, {
      flags: body.flags ?? 0, type: 0, webhook: false, channelWebhook: webhook, ...(target !== channel && channel.type === CHANNEL_TYPE.forum && !threadId ? { id: target.id } : {}),
    });
    const answer = query.get('wait') === 'true' ? { status: 200, body: messageJson(this.world, stored) } : { status: 204 };
    return this.answerOrHang(channel, answer);
  }

  private channelWebhookGet(params: Record<string, string>, query: URLSearchParams): { status: number; body: any } {
    const webhook = this.channelWebhook(params);
    const message = this.messages.get(params.msg);
    const where = query.get('thread_id') ?? webhook.channelId;
    if (!message || message.author_id !== webhook.id || message.channel_id !== where) throw new HttpError(404, 10008, 'Unknown Message');
    return { status: 200, body: withoutNonce(messageJson(this.world, message)) };
  }

  // ---- message store

  private storeMessage(
    channelId: string,
    body: any,
    meta: { flags: number; interaction?: InteractionState; type: number; webhook: boolean; id?: string; channelWebhook?: SandboxWebhook },
  ): StoredMessage {
    const channel = this.world.channels.get(channelId);
    const botBits = channel ? this.botPermissions(channel) : 0n;
    const content = typeof body.content === 'string' ? body.content : '';
    // The bot's messages, its interaction replies and its own webhooks' messages ping with the bot's permissions.
    const mentions = resolveMentions(this.world, content, body.allowed_mentions, botBits);
    // Discord suppresses the embeds of a message whose author lacks Embed Links (interaction replies are exempt).
    const embedsAllowed = meta.interaction !== undefined || meta.channelWebhook !== undefined || has(botBits, PERMISSION.EmbedLinks);
    const author = meta.channelWebhook
      ? { author_id: meta.channelWebhook.id, author_name: typeof body.username === 'string' && body.username ? body.username : meta.channelWebhook.name,
          ...(typeof body.avatar_url === 'string' ? { avatar_url: body.avatar_url } : {}) }
      : { author_id: this.world.bot.id, author_name: this.world.bot.username };
    const message: StoredMessage = {
      id: meta.id ?? snowflake(), channel_id: channelId, content,
      embeds: embedsAllowed ? normaliseEmbeds(body.embeds) : [], components: structuredClone(body.components ?? []), flags: meta.flags,
      mention_roles: mentions.roles, mention_everyone: mentions.everyone, mentions: mentions.users,
      ...(body.allowed_mentions !== undefined ? { allowed_mentions: structuredClone(body.allowed_mentions) } : {}),
      ...(body.nonce !== undefined && body.nonce !== null ? { nonce: body.nonce } : {}),
      ephemeral: (meta.flags & EPHEMERAL) !== 0,
      ...(meta.interaction ? { interactionId: meta.interaction.record.id, interactionType: meta.interaction.record.type, interactionUser: meta.interaction.user } : {}),
      ...author, timestamp: new Date(this.now()).toISOString(), edited_timestamp: null, type: meta.type,
      ...(meta.channelWebhook ? { webhook_id: meta.channelWebhook.id } : meta.webhook ? { webhook_id: this.world.bot.id } : {}),
    };
    this.messages.set(message.id, message);
    this.emitMessage(message);
    return message;
  }

  // PATCH semantics: fields present replace, absent fields stay; null clears.
  private applyEdit(message: StoredMessage, body: any): void {
    if (!body || typeof body !== 'object') return;
    if ('content' in body) message.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) message.embeds = normaliseEmbeds(body.embeds);
    if ('components' in body) message.components = structuredClone(body.components ?? []);
    if ('allowed_mentions' in body) message.allowed_mentions = structuredClone(body.allowed_mentions);
    if (message.flags & LOADING) message.flags &= ~LOADING; // the "is thinking…" state ends with the first edit
    message.edited_timestamp = new Date().toISOString();
    this.refreshRecordsShowing(message.id);
    this.emitMessage(message);
  }

  /** Records are live views: a message edited through any route shows its new state in every record. */
  private refreshRecordsShowing(messageId: string): void {
    for (const state of this.interactionStates.values()) {
      if (state.record.original?.id === messageId || state.record.followups.some((f) => f.id === messageId)) this.refreshRecord(state);
    }
  }

  // ---------------------------------------------------------------- gateway glue

  private readyPayload(sessionId: string): any {
    return {
      v: 10, user: { ...currentUserJson(this.world.bot) }, guilds: [{ id: this.world.guildId, unavailable: true }],
      session_id: sessionId, session_type: 'normal', resume_gateway_url: this.gatewayUrl, shard: [0, 1],
      application: { id: this.world.bot.id, flags: 0 }, private_channels: [], relationships: [], presences: [],
      guild_join_requests: [], geo_ordered_rtc_regions: [], user_settings: {}, _trace: ['["nashra-sandbox",{}]'],
    };
  }

  private onBotReady(session: GatewaySession): void {
    this.bot = session;
    const waiters = this.botWaiters;
    this.botWaiters = [];
    for (const resolve of waiters) resolve();
  }

  // ---------------------------------------------------------------- control API (/_sandbox)

  private async control(method: string, url: URL, body: any): Promise<{ status: number; body?: any }> {
    const route = `${method} ${url.pathname.replace(/\/$/, '')}`;
    // Readable mode: ?format=text answers with what Discord would show, as text, instead of JSON.
    const text = url.searchParams.get('format') === 'text';
    const fail = (error: unknown) => ({ status: 400, body: text ? `error: ${(error as Error).message}` : { error: (error as Error).message } });
    const viewer = url.searchParams.get('viewer') ?? this.userId;
    try {
      if (method === 'POST' && url.pathname.startsWith('/_sandbox/controls/')) {
        const control = this.controls.get(url.pathname.slice('/_sandbox/controls/'.length));
        if (!control) return { status: 404, body: { error: `no control ${url.pathname}` } };
        const result = await control.run({ channelId: body?.channelId ?? this.channelId, userId: body?.userId ?? this.userId });
        return { status: 200, body: text ? result : { result } };
      }
      switch (route) {
        case 'GET /_sandbox/info': {
          const info = this.info();
          return { status: 200, body: text ? readableInfo(info) : info };
        }
        case 'POST /_sandbox/slash': {
          const record = await this.slash(body?.name, body?.options ?? [], body ?? {});
          return { status: 200, body: text ? formatRecord(record) : record };
        }
        case 'POST /_sandbox/autocomplete': {
          const choices = await this.autocomplete(body?.name, body?.options ?? [], body ?? {});
          return { status: 200, body: text ? choices.map((c) => `• ${c.name}  → ${JSON.stringify(c.value)}`).join('\n') || '(no choices)' : choices };
        }
        case 'POST /_sandbox/click':
        case 'POST /_sandbox/select': {
          const message = this.message(body?.messageId ?? '');
          if (!message) return { status: 404, body: { error: `no message ${body?.messageId}` } };
          const record = route.endsWith('click') ? await this.click(message, body.customId, body) : await this.select(message, body.customId, body.values ?? [], body);
          return { status: 200, body: text ? formatRecord(record) : record };
        }
        case 'GET /_sandbox/messages': {
          const messages = this.channelMessages(url.searchParams.get('channel') ?? this.channelId);
          return { status: 200, body: text ? messages.map(formatMessage).join('\n') || '(no messages)' : messages };
        }
        case 'GET /_sandbox/feed': {
          // What one member sees in a channel: its messages and that member's own ephemeral replies.
          const channel = url.searchParams.get('channel') ?? this.channelId;
          const views = [...this.messages.values()].filter((m) => m.channel_id === channel && visibleTo(m, viewer)).map((m) => this.messageView(m));
          return { status: 200, body: text ? views.map(formatMessage).join('\n') || '(no messages)' : views };
        }
        case 'GET /_sandbox/violations':
          return { status: 200, body: text ? formatViolations(this.violations) : this.violations };
        case 'GET /_sandbox/commands':
          return { status: 200, body: { global: this.registeredCommands(), guild: this.registeredCommands(this.guildId) } };
        case 'GET /_sandbox/requests':
          return { status: 200, body: this.requests };
        default:
          return { status: 404, body: { error: `unknown control route ${route}` } };
      }
    } catch (error) {
      return fail(error);
    }
  }

  private info(): any {
    return {
      apiUrl: this.apiUrl, gatewayUrl: this.gatewayUrl, pageUrl: `${this.baseUrl}/`, applicationId: this.applicationId, guildId: this.guildId,
      guildName: this.world.guildName, channelId: this.channelId, briefingsChannelId: this.briefingsChannelId, userId: this.userId,
      readerId: this.readerId, botConnected: this.bot !== null,
      bot: { id: this.world.bot.id, name: this.world.bot.username },
      members: [this.world.editor, this.world.reader].map((u) => ({
        id: u.id, username: u.username, name: u.global_name ?? u.username,
        manageServer: (basePermissions(this.world, u.id) & PERMISSION.ManageGuild) !== 0n,
      })),
      channels: this.channelList(),
      roles: [...this.world.roles.values()].filter((r) => r.id !== this.world.everyoneRoleId).map((r) => ({ id: r.id, name: r.name, mentionable: r.mentionable })),
      controls: this.controlList(),
    };
  }

  /** Channels in their order, each followed by its threads (a forum's posts), for the page's channel list. */
  private channelList(): { id: string; name: string; type: number; parentId: string | null }[] {
    const all = [...this.world.channels.values()];
    const entry = (c: SandboxChannel) => ({ id: c.id, name: c.name, type: c.type, parentId: c.parentId ?? null });
    return all
      .filter((c) => !isThread(c))
      .sort((a, b) => a.position - b.position)
      .flatMap((c) => [entry(c), ...all.filter((t) => t.parentId === c.id).map(entry)]);
  }

  private controlList(): { id: string; label: string; channelId?: string }[] {
    return [...this.controls.values()].map((c) => ({ id: c.id, label: c.label, ...(c.channelId ? { channelId: c.channelId } : {}) }));
  }

  private saveWorld(): void {
    if (!this.worldFile) return;
    mkdirSync(path.dirname(this.worldFile), { recursive: true });
    const tmp = `${this.worldFile}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(worldIds(this.world), null, 2)}\n`);
    renameSync(tmp, this.worldFile);
  }

  // ---------------------------------------------------------------- live updates (server-sent events)

  private openStream(url: URL, res: ServerResponse): void {
    const viewer = url.searchParams.get('viewer') ?? this.userId;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    const stream = { res, viewer };
    this.streams.add(stream);
    res.on('close', () => this.streams.delete(stream));
  }

  private broadcast(event: string, data: unknown, to?: (viewer: string) => boolean): void {
    if (this.streams.size === 0) return;
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const stream of this.streams) if (!to || to(stream.viewer)) stream.res.write(frame);
  }

  private emitMessage(message: StoredMessage): void {
    if (this.streams.size === 0) return;
    const view = this.messageView(message);
    this.broadcast('message', view, (viewer) => visibleTo(message, viewer));
  }

  private emitDeleted(message: StoredMessage): void {
    this.broadcast('delete', { id: message.id, channel_id: message.channel_id });
  }

  /** A message as the page draws it: the record plus who invoked which command, and the "thinking…" state. */
  private messageView(message: StoredMessage): any {
    const state = message.interactionId ? this.interactionStates.get(message.interactionId) : undefined;
    const data = state?.record.data;
    const sub = data?.options?.[0]?.type === 1 ? ` ${data.options[0].name}` : '';
    return {
      ...publicRecord(message),
      loading: (message.flags & LOADING) !== 0,
      interaction: message.interactionUser ? {
        type: message.interactionType ?? 2,
        user: { id: message.interactionUser.id, name: message.interactionUser.global_name ?? message.interactionUser.username },
        command: state && state.record.type === 2 ? `${data.name}${sub}` : null,
      } : null,
    };
  }
}

function visibleTo(message: StoredMessage, viewer: string): boolean {
  return !message.ephemeral || message.interactionUser?.id === viewer;
}

function readWorldIds(file: string) {
  try {
    return parseWorldIds(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null; // no file yet, or not ours: a new world is made and saved
  }
}

function readableInfo(info: any): string {
  return [
    `${info.guildName} (guild ${info.guildId}) · page ${info.pageUrl} · bot ${info.botConnected ? 'connected' : 'not connected'}`,
    ...info.channels.map((c: any) => `  #${c.name}  ${c.id}`),
    ...info.members.map((m: any) => `  @${m.username}  ${m.id}${m.manageServer ? '  (Manage Server)' : ''}`),
  ].join('\n');
}

// ------------------------------------------------------------------ helpers

function withoutNonce(json: any): any {
  const { nonce: _nonce, ...rest } = json;
  return rest;
}

function publicRecord(message: StoredMessage): MessageRecord {
  const { type: _type, webhook_id: _webhook, interactionType: _itype, interactionUser: _iuser, ...record } = message;
  return structuredClone(record);
}

function commandShape(command: StoredCommand): any {
  const { id: _id, application_id: _app, guild_id: _guild, version: _version, ...shape } = command;
  return shape;
}

function charLength(text: string): number {
  return [...text].length;
}

/** Discord's rules for a webhook's name and a message's username: 1–80 characters, neither «clyde» nor «discord». */
function checkWebhookName(name: unknown, path: string): RuleProblem[] {
  if (typeof name !== 'string' || charLength(name.trim()) < 1 || charLength(name) > 80) {
    return [{ path, code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 80 in length.' }];
  }
  if (/clyde|discord/i.test(name)) return [{ path, code: 'USERNAME_INVALID_CONTAINS', message: `${path} cannot contain "clyde" or "discord"` }];
  return [];
}
