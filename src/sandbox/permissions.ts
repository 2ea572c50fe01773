// Discord's permission computation (docs: "Permissions" → "Permission Hierarchy" and "Permission Overwrites"),
// for the members of the sandbox's one guild: base permissions from @everyone and the member's roles
// (Administrator grants everything), then the channel's overwrites in Discord's order — @everyone's, the member's
// roles' (denies, then allows, each combined), the member's own. A thread takes its parent channel's overwrites.
import { ALL_PERMISSIONS, PERMISSION, type SandboxChannel, type World } from './fixtures.js';

export function memberRoles(world: World, userId: string): string[] {
  if (userId === world.bot.id) return [world.botRoleId];
  if (userId === world.editor.id) return [world.editorRoleId];
  return [];
}

export function basePermissions(world: World, userId: string): bigint {
  let bits = world.roles.get(world.everyoneRoleId)?.permissions ?? 0n;
  for (const id of memberRoles(world, userId)) bits |= world.roles.get(id)?.permissions ?? 0n;
  return (bits & PERMISSION.Administrator) !== 0n ? ALL_PERMISSIONS : bits;
}

/** The member's permissions in a channel (a thread: in its parent, where its overwrites live). */
export function channelPermissions(world: World, userId: string, channel: SandboxChannel): bigint {
  const base = basePermissions(world, userId);
  if ((base & PERMISSION.Administrator) !== 0n) return ALL_PERMISSIONS;
  const holder = channel.parentId ? (world.channels.get(channel.parentId) ?? channel) : channel;
  let bits = base;
  const everyone = holder.overwrites.find((o) => o.type === 0 && o.id === world.everyoneRoleId);
  if (everyone) bits = (bits & ~everyone.deny) | everyone.allow;
  const roles = memberRoles(world, userId);
  let deny = 0n;
  let allow = 0n;
  for (const o of holder.overwrites) {
    if (o.type === 0 && roles.includes(o.id)) {
      deny |= o.deny;
      allow |= o.allow;
    }
  }
  bits = (bits & ~deny) | allow;
  const own = holder.overwrites.find((o) => o.type === 1 && o.id === userId);
  if (own) bits = (bits & ~own.deny) | own.allow;
  // Without View Channel, nothing else in the channel applies.
  return (bits & PERMISSION.ViewChannel) === 0n ? 0n : bits;
}

export function has(bits: bigint, permission: bigint): boolean {
  return (bits & permission) === permission;
}
