import { formatMessage } from '../sandbox/readable.js';
import type { InteractionRecord, Sandbox } from '../sandbox/index.js';
import { nextRun, parseCron } from '../schedule/cron.js';
import type { BriefingLanguage, BriefingOutcome } from '../schedule/index.js';
import type { Subscription, SubscriptionRequest } from '../schedule/types.js';

/**
 * What `npm start` does without a token: a short tour of the bot against the local sandbox, printing what Discord
 * would have received in readable form, then how to use the playground page and drive it by hand.
 */
export async function runSandboxDemo(sandbox: Sandbox, print: (text: string) => void, query = 'الإرهاب'): Promise<void> {
  const steps: { title: string; run: () => Promise<InteractionRecord> }[] = [
    { title: `/search query:${query}`, run: () => sandbox.slash('search', [{ name: 'query', value: query }]) },
    { title: '/quote', run: () => sandbox.slash('quote', []) },
    { title: '/digest now since:all', run: () => sandbox.slash('digest', [{ name: 'now', options: [{ name: 'since', value: 'all' }] }]) },
  ];
  for (const step of steps) {
    print(`\n━━ ${step.title}`);
    try {
      const record = await step.run();
      for (const message of [record.original, ...record.followups]) if (message) print(formatMessage(message));
    } catch (err) {
      print(`  (failed: ${(err as Error).message})`);
    }
  }
  const violations = sandbox.violations;
  print(`\nDiscord rule violations recorded by the sandbox: ${violations.length}`);
  for (const v of violations.slice(0, 10)) print(`  ${v.rule}: ${v.detail}`);
}

export { formatMessage };

export interface PlaygroundFacts {
  dataDir: string;
  /** The demo subscription in #briefings, when scheduling is available. */
  demo: Subscription | null;
}

export function drivingInstructions(sandbox: Sandbox, facts: PlaygroundFacts): string {
  const base = sandbox.baseUrl;
  const json = (body: unknown) => `'${JSON.stringify(body)}'`;
  const post = (route: string, body: unknown) =>
    [`  curl -s '${base}/_sandbox/${route}?format=text' -H 'content-type: application/json' \\`, `       -d ${json(body)}`];
  return [
    '',
    `━━ Nashra's playground: ${base}/`,
    '   Open it in your browser: a Discord server with Nashra in it (type / in the message box). Nothing is opened for you.',
    '',
    `Server "Nashra Newsroom" (guild ${sandbox.guildId})`,
    `  #general    ${sandbox.channelId}`,
    `  #briefings  ${sandbox.briefingsChannelId}`,
    `  members: Layla ${sandbox.userId} (Manage Server) · Omar ${sandbox.readerId} (no Manage Server: /digest subscribe is refused)`,
    facts.demo
      ? `A demo briefing is scheduled in #briefings every 15 minutes (subscription #${facts.demo.id}); the page's "Post the next briefing now" posts the next one at once.`
      : 'Scheduled briefings are unavailable (see the log above); the rest of the bot works.',
    `The sandbox's server, its subscriptions and the command hash live in ${facts.dataDir}: a restart keeps them.`,
    '',
    'The same from a terminal, through the sandbox\'s control API (drop ?format=text for JSON):',
    ...post('slash', { name: 'search', options: [{ name: 'query', value: 'داعش' }] }),
    ...post('slash', { name: 'digest', options: [{ name: 'subscribe', options: [{ name: 'channel', value: sandbox.briefingsChannelId }, { name: 'cron', value: '0 8 * * *' }] }] }),
    ...post('autocomplete', { name: 'quote', options: [{ name: 'speaker', value: 'بوريطة', focused: true }] }),
    ...post('slash', { name: 'settings', options: [{ name: 'me', options: [{ name: 'language', value: 'ar' }] }] }),
    `  curl -s -X POST '${base}/_sandbox/click?format=text' -H 'content-type: application/json' -d '{"messageId":"…","customId":"…"}'`,
    `  curl -s '${base}/_sandbox/messages?channel=${sandbox.briefingsChannelId}&format=text'    ·    curl -s '${base}/_sandbox/violations?format=text'`,
    'Add or edit files in the articles folder: they are re-indexed within a second. Ctrl-C stops.',
  ].join('\n');
}

/** What the playground needs from the briefing service (src/schedule's BriefingService). */
export interface PlaygroundBriefings {
  subscribe(request: SubscriptionRequest): Promise<Subscription>;
  list(guildId: string): Subscription[];
  tick(subscriptionId: number, slot: Date): Promise<BriefingOutcome[]>;
  recordArticles(now?: Date, ids?: readonly string[]): number;
}

/** The demo subscription's schedule: the most frequent one allowed (MIN_INTERVAL_MINUTES). */
export const DEMO_CRON = '*/15 * * * *';

/**
 * Local mode only: a demo subscription in #briefings every 15 minutes (when #briefings has none), and the page's
 * "Post the next briefing now" control. The control runs each subscription's NEXT slot at once (the service's own
 * tick), so the real timer then finds that slot done and nothing is posted twice. Articles that arrive between
 * the early post and the slot's time are stamped just after the slot, so they go to the following briefing instead
 * of falling between two periods.
 */
export async function setUpPlaygroundBriefings(sandbox: Sandbox, service: PlaygroundBriefings, language: BriefingLanguage) {
  const postedEarlyUntil = new Map<number, number>(); // subscription id → slot (ms) already posted ahead of time
  const latestEarly = () => Math.max(0, ...postedEarlyUntil.values());

  const inBriefings = service.list(sandbox.guildId).filter((s) => s.channelId === sandbox.briefingsChannelId && s.status === 'active');
  const demo = inBriefings[0] ?? await service.subscribe({
    guildId: sandbox.guildId, channelId: sandbox.briefingsChannelId, cron: DEMO_CRON, language, createdBy: sandbox.userId,
  });

  async function postNext(channelId: string): Promise<string> {
    const subscriptions = service.list(sandbox.guildId).filter((s) => s.channelId === channelId && s.status === 'active');
    if (subscriptions.length === 0) return 'No scheduled briefing in this channel: subscribe with /digest subscribe first.';
    const done: string[] = [];
    for (const subscription of subscriptions) {
      const spec = parseCron(subscription.cron);
      let from = Math.max(Date.now(), postedEarlyUntil.get(subscription.id) ?? 0);
      // A slot already posted ahead of time (before a restart, say) yields nothing: try the one after it.
      for (let attempt = 0; attempt < 50; attempt++) {
        const slot = nextRun(spec, subscription.timezone, from);
        if (slot === null) break;
        const outcomes = await service.tick(subscription.id, new Date(slot));
        postedEarlyUntil.set(subscription.id, slot);
        if (outcomes.length > 0) {
          const o = outcomes[outcomes.length - 1];
          const what = o.status === 'posted' ? `${o.articleCount} article(s)` : o.status === 'empty' ? 'nothing new' : o.status;
          done.push(`#${subscription.id} (${new Date(slot).toISOString().slice(11, 16)} UTC slot): ${what}`);
          break;
        }
        from = slot;
      }
    }
    return done.length ? `Posted the next briefing now — ${done.join('; ')}` : 'Nothing to post.';
  }

  sandbox.addControl({
    id: 'post-next-briefing',
    label: 'Post the next briefing now',
    channelId: sandbox.briefingsChannelId,
    run: ({ channelId }) => postNext(channelId),
  });

  return {
    demo,
    postNext,
    /** Articles arrived: record their first-seen times, never inside a period already posted ahead of time. */
    onArticlesAdded(ids: readonly string[]): void {
      if (ids.length) service.recordArticles(new Date(Math.max(Date.now(), latestEarly() + 1)), ids);
    },
  };
}
