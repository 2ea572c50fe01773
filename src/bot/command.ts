import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageComponentInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Engine } from '../engine/engine.js';
import type { FeedDesk } from '../ingest/poller.js';
import type { BriefingDesk } from '../schedule/types.js';
import type { ParsedCustomId } from './custom-id.js';
import type { Locale, Strings } from './i18n/index.js';
import type { BotLogger } from './log.js';
import type { MessagePayload } from './render/payload.js';
import type { SessionStore } from './sessions.js';
import type { SettingsDesk } from './settings.js';

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/**
 * A slash command definition in Discord's JSON shape. Command modules declare it `as const satisfies
 * CommandDefinition`, so the literal option names and types stay visible to `readOptions` (src/bot/options.ts).
 */
export type CommandDefinition = DeepReadonly<RESTPostAPIChatInputApplicationCommandsJSONBody>;

/** What a /search page needs to be re-run when a button is pressed: the query lives here, not in the custom_id. */
export interface SearchSession {
  query: string;
  from?: string;
  to?: string;
  source?: string;
}

/** A /quote query, kept for its Prev/Next buttons. */
export interface QuoteSession {
  query?: string;
  speaker?: string;
}

/** Everything a command handler may use. One per running bot. */
export interface BotContext {
  engine: Engine;
  /** The scheduled-briefing service; undefined when it is not running (the /digest subscription commands say so). */
  briefings?: BriefingDesk;
  /** The feed poller (src/ingest); undefined when it is not running (/feeds says so). */
  feeds?: FeedDesk;
  /** Per-server and per-member settings (/settings); undefined when the database could not be opened. */
  settings?: SettingsDesk;
  /**
   * The language of this interaction's replies: the member's own choice, else the server's, else BOT_LOCALE (the
   * interaction handler sets it per interaction, see SettingsDesk.languageFor).
   */
  locale: Locale;
  t: Strings;
  searches: SessionStore<SearchSession>;
  quoteSearches: SessionStore<QuoteSession>;
  /** Rendered messages waiting for their "Share in channel" click. */
  shares: SessionStore<MessagePayload[]>;
  /** Article ids too long to fit a button's custom_id. */
  articleRefs: SessionStore<string>;
  log: BotLogger;
  version: string;
  /** Results per /search page (5; tests use fewer to page through the five seed articles). */
  searchPageSize: number;
}

/** The shape of every module in commands/ (the discord.js guide's, plus component handling). */
export interface CommandModule {
  data: CommandDefinition;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
  /** Buttons and menus whose custom_id starts with this command's name. */
  handleComponent?(interaction: MessageComponentInteraction, id: ParsedCustomId, ctx: BotContext): Promise<void>;
}
