import type { ChatMember } from "@grammyjs/types";

/**
 * What the bot must be in a work group: an administrator (so it reads every staff message, not
 * only commands and replies), and in a forum one who may manage topics (to open one per
 * subject). Deleting messages, pinning or inviting are never needed.
 */
export type WorkGroupRight = "administrator" | "can_manage_topics";

/** The rights the bot lacks in a group, in the order a person should grant them; empty when it has all. */
export function missingRights(member: ChatMember, isForum: boolean): WorkGroupRight[] {
  if (member.status === "creator") return [];
  if (member.status !== "administrator") return isForum ? ["administrator", "can_manage_topics"] : ["administrator"];
  return isForum && member.can_manage_topics !== true ? ["can_manage_topics"] : [];
}
