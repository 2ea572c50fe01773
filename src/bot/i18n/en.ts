/**
 * Every English interface string of the bot. src/bot/i18n/ar.ts has the same keys (checked by the compiler through
 * the `Strings` type). Article text is never translated; these are only the labels around it.
 */
/**
 * Bidi isolation (U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE) around a value the user typed: an
 * Arabic value inside an English sentence (or a Latin one inside Arabic) then cannot reorder the words around it.
 */
export const isolate = (value: string) => `\u2068${value}\u2069`;

export const en = {
  localeName: 'English',

  // Shared pieces
  share: 'Share in channel',
  sharedBy: (userMention: string) => `Shared by ${userMention}`,
  prev: 'Previous',
  next: 'Next',
  page: (n: number, total: number) => `Page ${n} of ${total}`,
  date: 'Date',
  source: 'Source',
  noDate: 'no date',
  noSource: 'source not named',
  /** A publication day the article gives without its year («أمس الأربعاء 11 مايو» → Thursday 12 May). */
  dayWithoutYear: (weekday: number, day: number, month: number) =>
    `${['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][weekday]} ${day} ${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][month - 1]} (year not given)`,
  article: 'Article',
  link: 'Link',

  // Errors
  errorInternal: (errorId: string) => `Something went wrong on our side. It has been logged as error ${errorId}.`,
  errorEmptyQuery: 'Please give a search query: it cannot be empty.',
  errorQueryTooLong: (max: number) => `That query is too long; the limit is ${max} characters.`,
  errorInvalidDate: (value: string) =>
    `"${isolate(value)}" is not a date I can read. Write dates as YYYY-MM-DD, for example 2022-05-11.`,
  errorInvalidSince: (value: string) =>
    `"${isolate(value)}" is not a period I can read. Use 24h, 7d, 2w, a date (2022-05-11), an ISO time, or "all".`,
  errorSinceInFuture: (value: string) => `"${isolate(value)}" is in the future.`,
  errorUnknownArticle: (id: string) => `There is no article with the id "${isolate(id)}". Start typing a title to pick one.`,
  errorCorpusMissing: 'The article folder is missing on the server.',
  errorUnknownCommand:
    'This command is unknown or outdated: Discord may still be showing an older version of Nashra\'s commands. ' +
    'Reopen the command list (or wait a few minutes) and try again.',
  errorExpired: 'These results have expired (they are kept for 15 minutes). Run the command again.',
  errorGuildOnly: 'This command only works in a server channel.',
  errorNeedsManageServer: 'Only members with the Manage Server permission can change scheduled briefings.',
  errorSchedulingUnavailable: 'Scheduled briefings are not available on this bot.',
  errorSubscription: {
    INVALID_CRON: 'That cron expression is not valid. It needs five fields: minute hour day month weekday, e.g. 0 8 * * *.',
    INVALID_TIMEZONE: 'That timezone is not known. Use an IANA name such as Africa/Casablanca or Asia/Riyadh.',
    TOO_FREQUENT: 'That schedule is too frequent: briefings can run at most every 15 minutes.',
    GUILD_CAP_REACHED: 'This server has reached its limit of scheduled briefings. Remove one with /digest unsubscribe.',
    UNKNOWN_SUBSCRIPTION: 'There is no scheduled briefing with that id in this server. See /digest list.',
    INVALID_QUERY: 'That query cannot be used for a briefing.',
    INVALID_FILTER: 'Those filters cannot be used: at most 10 words or sources of up to 100 characters each, and a minimum of 1 to 20 sources.',
    INVALID_MAX_STORIES: 'The number of stories must be from 1 to 25.',
    INVALID_IDENTITY: 'That name or avatar cannot be used: a name of 1 to 80 characters without "discord" or "clyde", an avatar as an http(s) link.',
    WEBHOOK_FORBIDDEN: 'Discord refused to let Nashra create a webhook in that channel. Give Nashra the Manage Webhooks permission there, then run the command again.',
    WEBHOOK_LIMIT: 'That channel already has 15 webhooks, Discord\'s maximum. Remove one in the channel\'s settings (Integrations), then run the command again.',
    WEBHOOK_FAILED: 'The webhook for that channel could not be created right now. Nothing was changed; try again in a moment.',
  },
  errorDetail: 'Details',

  // /search
  searchTitle: 'Search results',
  searchSummary: (from: number, to: number, total: number) => `Results ${from}–${to} of ${total}`,
  searchQuery: 'Query',
  searchFilters: 'Filters',
  searchFrom: 'from',
  searchTo: 'to',
  searchNoResults: 'No article matches this search.',
  searchOpen: 'Open an article…',

  // /article
  articleQuotations: 'Quotations in this article',
  articleNoQuotations: 'No quotations found in this article.',
  articleContinued: '(continued)',

  // /quote
  quotesSummary: (from: number, to: number, total: number) =>
    from === 1 && to === total ? `${total} quotation(s)` : `Quotations ${from}–${to} of ${total}`,
  quotesNone: 'No quotation matches.',
  quoteSpeaker: 'Speaker',
  quoteUnattributed: 'Speaker not identified',

  // /digest
  digestTitle: 'Nashra briefing',
  digestSummary: (stories: number, articles: number, omitted: number) =>
    `${stories} stories from ${articles} articles` + (omitted > 0 ? ` (the latest; ${omitted} older articles of the period left out)` : ''),
  digestTopStories: (shown: number, stories: number, articles: number, omitted: number) =>
    `The ${shown} most widely reported of ${stories} stories from ${articles} articles` +
    (omitted > 0 ? ` (the latest; ${omitted} older articles of the period left out)` : ''),
  digestPeriodAll: 'All articles in the corpus',
  digestPeriodSince: (timestamp: string) => `Articles added since ${timestamp}`,
  digestEmpty: 'No new articles in this period. Try a longer period, e.g. since: 7d or since: all.',
  digestSources: (n: number) => (n === 1 ? '1 source' : `${n} sources`),
  digestQuote: 'Quotation',
  digestQuery: 'Limited to',
  digestContinued: (part: number, parts: number) => `Part ${part} of ${parts}`,
  subscribed: (id: number) => `Scheduled briefing #${id} created.`,
  subscribedExisting: (id: number) => `Scheduled briefing #${id} already exists with these settings; nothing changed.`,
  subscribedResumed: (id: number) => `Scheduled briefing #${id} was paused after a delivery failure; it is active again.`,
  subscriptionSchedule: 'Schedule',
  subscriptionNextRun: 'Next briefing',
  subscriptionChannel: 'Channel',
  subscriptionQuery: 'Only articles matching',
  subscriptionLanguage: 'Language',
  subscriptionStatusFailing: (reason: string) => `Paused: ${reason}`,
  subscriptionsNone: 'No scheduled briefings in this server. Add one with /digest subscribe.',
  subscriptionsTitle: (n: number) => `Scheduled briefings (${n})`,
  unsubscribed: (id: number) => `Scheduled briefing #${id} removed.`,
  subscribedEdited: (id: number) => `Scheduled briefing #${id} changed.`,
  subscriptionTarget: 'Posted in',
  subscriptionTargetThread: (thread: string) => `${thread} (thread)`,
  subscriptionTargetForum: (forum: string) => `${forum} (forum: a new post each time)`,
  subscriptionTag: 'Forum tag',
  subscriptionMention: 'Pings',
  subscriptionIdentity: 'Posted as',
  subscriptionFormat: 'Format',
  subscriptionFormatFull: 'full: every story with its summary and quotation',
  subscriptionFormatCompact: 'compact: titles and one line each',
  subscriptionMaxStories: 'At most',
  subscriptionStories: (n: number) => `${n} stories`,
  subscriptionExclude: 'Leaves out articles with',
  subscriptionSources: 'Only from',
  subscriptionExcludeSources: 'Not from',
  subscriptionMinSources: 'Stories reported by',
  subscriptionAtLeastSources: (n: number) => `at least ${n} sources`,
  errorNothingToEdit: 'Give at least one setting to change (or one to clear).',
  errorBotMissingPermissions: (where: string, permissions: string) =>
    `Nashra is missing permissions in ${where}: ${permissions}. Ask an admin to grant them, then run the command again. Nothing was changed.`,
  errorThreadLocked: (where: string) =>
    `${where} is archived and locked, and Nashra may not reopen it (that needs Manage Threads). Unlock it or pick another thread. Nothing was changed.`,
  errorMentionEveryone: 'A briefing cannot ping @everyone; pick a role.',
  errorMemberCannotMention: (role: string) =>
    `You may not mention ${role}: it is not mentionable and you do not have Mention @everyone, @here and All Roles. Nothing was changed.`,
  errorBotCannotMention: (role: string, where: string) =>
    `Nashra could not ping ${role} in ${where}: make the role mentionable, or give Nashra Mention @everyone, @here and All Roles there. Nothing was changed.`,
  errorTagNotForum: 'A tag is for forum channels only.',
  errorUnknownTag: (tag: string, tags: string) => `The forum has no tag "${isolate(tag)}". Its tags: ${tags}.`,
  errorTagRequired: (tags: string) => `This forum requires a tag on every post: give one with tag (${tags}).`,
  errorTagModerated: (tag: string) => `Only moderators may apply the tag "${isolate(tag)}" (Manage Threads); pick another or give Nashra that permission.`,
  errorAvatarNeedsName: 'An avatar goes with a name: give name as well.',

  // /settings
  settingsTitle: 'Settings',
  settingsServer: 'This server',
  settingsLanguage: 'Language',
  settingsTimezone: 'Default timezone',
  settingsLogChannel: 'Log channel (paused or missed briefings)',
  settingsNone: 'none (notices go to the bot log)',
  settingsDefault: (value: string) => `${value} (default)`,
  settingsYou: 'You',
  settingsYourLanguage: 'Your language',
  settingsFollowServer: 'as the server',
  settingsUpdated: 'Server settings saved.',
  settingsNothingChanged: 'Give a setting to change: language, timezone, log_channel, or reset.',
  settingsMeSet: (language: string) => `Nashra now answers you in ${language}, in every server.`,
  settingsMeCleared: 'Nashra now answers you in each server\'s language.',
  errorNeedsManageServerSettings: 'Only members with the Manage Server permission can change the server\'s settings.',
  errorSettingsUnavailable: 'Settings are not available on this bot (its database could not be opened).',
  errorLogChannelUnusable: (where: string, permissions: string) =>
    `Nashra cannot post in ${where} (missing: ${permissions}); pick another log channel or grant them.`,
  errorLogChannelType: 'The log channel must be a text or announcement channel of this server.',

  // /feeds
  errorNeedsManageServerFeeds: 'Only members with the Manage Server permission can manage feeds.',
  errorFeedsUnavailable: 'Feeds are not available on this bot.',
  feedsAdded: (url: string, items: number) =>
    `Now following ${isolate(url)} (${items} item(s) in the feed). Its articles are being fetched in the background; new ones arrive with every poll.`,
  feedsExists: (url: string) => `${isolate(url)} is already followed; nothing changed.`,
  feedsAddFailed: (reason: string) => `That feed could not be added: ${reason}`,
  feedsRemoved: (url: string) => `Stopped following ${isolate(url)}. The articles it brought stay in the archive.`,
  feedsUnknown: (url: string) => `No feed is followed at ${isolate(url)}. See /feeds list.`,
  feedsNone: 'No feeds yet. Add one with /feeds add.',
  feedsTitle: (n: number) => `Feeds (${n})`,
  feedsMore: (n: number) => `…and ${n} more (see nashra feeds list).`,
  feedsNotPolled: 'Not polled yet.',
  feedsOk: (when: string) => `OK · last polled ${when}`,
  feedsFailing: (times: number, reason: string, next: string) => `Failing (${times} time(s) in a row): ${reason}\nNext try ${next}`,

  // /about
  aboutTitle: 'About Nashra',
  aboutDescription: 'An Arabic news briefing desk: search, quotations with their speakers, and digests.',
  aboutArticles: 'Articles',
  aboutQuotations: 'Quotations',
  aboutIndexed: 'Index built',
  aboutVersion: 'Version',
  aboutLocale: 'Interface language',
  aboutWarnings: (n: number) => `${n} file(s) skipped — see the bot log`,
};

/** The shape both languages share: the same keys, the same parameters. */
export type Strings = typeof en;
