import { LIMITS } from './limits.js';

/**
 * Component custom ids: `<owner>:<action>:<arg>…`. The owner is a command name (its module handles the click) or
 * `share`. State too big for the 100-character custom_id (an Arabic query easily is) lives server-side in a
 * SessionStore; the id carries only its key.
 */
export interface ParsedCustomId {
  owner: string;
  action: string;
  args: string[];
}

export function makeCustomId(owner: string, action: string, ...args: (string | number)[]): string {
  const id = [owner, action, ...args.map(String)].join(':');
  if (id.length > LIMITS.customId) {
    throw new RangeError(`custom_id longer than ${LIMITS.customId} characters: ${id.slice(0, 40)}…`);
  }
  return id;
}

export function fitsCustomId(owner: string, action: string, ...args: (string | number)[]): boolean {
  return [owner, action, ...args.map(String)].join(':').length <= LIMITS.customId;
}

export function parseCustomId(customId: string): ParsedCustomId {
  const [owner = '', action = '', ...args] = customId.split(':');
  return { owner, action, args };
}
