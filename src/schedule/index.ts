export { BriefingService, type BriefingEngine, type BriefingOutcome, type BriefingServiceOptions } from './briefing-service.js';
export { createBriefingRest } from './delivery.js';
export { canManageBriefings, MANAGE_GUILD } from './permissions.js';
export { MIN_INTERVAL_MINUTES } from './rules.js';
export * from './types.js';
