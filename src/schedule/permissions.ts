/**
 * Discord sends the invoking member's permissions in the channel as a decimal bitfield string (it can exceed
 * 2^53, hence BigInt). Manage Server (MANAGE_GUILD) is bit 5 (0x20); Administrator (0x8) implies every
 * permission, as Discord itself treats it.
 */
export const MANAGE_GUILD = 0x20n;
export const ADMINISTRATOR = 0x8n;

/** May this member create or remove scheduled briefings? False for a missing or malformed bitfield. */
export function canManageBriefings(permissions: string | null | undefined): boolean {
  if (!permissions || !/^\d{1,40}$/.test(permissions)) return false;
  const bits = BigInt(permissions);
  return (bits & MANAGE_GUILD) === MANAGE_GUILD || (bits & ADMINISTRATOR) === ADMINISTRATOR;
}
