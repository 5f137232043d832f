/** The role only owners hand out or take away. */
export const OWNER = "owner";

/** Roles an admin may give with an approval or a grant: every known role but owner. */
export function grantableRoles(knownRoles: readonly string[]): string[] {
  return knownRoles.filter((role) => role !== OWNER);
}

export type RoleChangeCheck = { ok: true } | { ok: false; reason: "unknown-role" | "owners-only" | "last-owner" };

/**
 * Whether someone holding `deciderRoles` may grant or revoke `role`. Only owners touch the owner
 * role, and the bot's last owner keeps it: nobody would be left to manage the bot.
 */
export function mayChangeRole(change: {
  kind: "grant" | "revoke";
  role: string;
  deciderRoles: readonly string[];
  knownRoles: readonly string[];
  /** How many owners the bot has now (only read for revoking `owner`). */
  owners: number;
}): RoleChangeCheck {
  if (!change.knownRoles.includes(change.role)) return { ok: false, reason: "unknown-role" };
  if (change.role === OWNER && !change.deciderRoles.includes(OWNER)) return { ok: false, reason: "owners-only" };
  if (change.kind === "revoke" && change.role === OWNER && change.owners <= 1) return { ok: false, reason: "last-owner" };
  return { ok: true };
}

export type BlockCheck = { ok: true } | { ok: false; reason: "self" | "owners-only" | "last-owner" };

/** Whether someone may block `target`: not themselves, owners only by owners, never the last owner. */
export function mayBlock(block: { actorId: number; targetId: number; deciderRoles: readonly string[]; targetRoles: readonly string[]; owners: number }): BlockCheck {
  if (block.actorId === block.targetId) return { ok: false, reason: "self" };
  if (block.targetRoles.includes(OWNER)) {
    if (!block.deciderRoles.includes(OWNER)) return { ok: false, reason: "owners-only" };
    if (block.owners <= 1) return { ok: false, reason: "last-owner" };
  }
  return { ok: true };
}
