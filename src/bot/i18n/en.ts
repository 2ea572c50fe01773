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
  digestSummary: (stories: number, articles: number) => `${stories} stories from ${articles} articles`,
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
