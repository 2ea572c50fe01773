import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';

/**
 * Discord sends the invoking member's permissions in the channel as a decimal bitfield string (it can exceed
 * 2^53, hence BigInt). Read with discord.js's PermissionsBitField, whose has() counts Administrator as every
 * permission, as Discord itself does.
 */
export const MANAGE_GUILD = PermissionFlagsBits.ManageGuild;
export const ADMINISTRATOR = PermissionFlagsBits.Administrator;

/** The bitfield as discord.js reads it, or null for a missing or malformed string (never a partial read). */
export function permissionsOf(permissions: string | null | undefined): PermissionsBitField | null {
  if (!permissions || !/^\d{1,40}$/.test(permissions)) return null;
  return new PermissionsBitField(BigInt(permissions));
}

/** May this member create or remove scheduled briefings (and change the server's settings)? */
export function canManageBriefings(permissions: string | null | undefined): boolean {
  return permissionsOf(permissions)?.has(PermissionFlagsBits.ManageGuild) ?? false;
}
