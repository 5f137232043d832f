import { defineCommand, type CommandScope } from "../commands/command.ts";

/**
 * The bot was removed from a work group (a my_chat_member update): the group gets no new
 * threads, and modules fall back to their default group. Its threads and notes stay on record;
 * running the setup command there again brings it back.
 */
export const markWorkGroupGone = defineCommand("work-groups.gone", async (scope: CommandScope, input: { chatId: number }) => {
  const gone = await scope.trx
    .updateTable("work_group")
    .set({ gone_at: scope.now })
    .where("bot_id", "=", scope.actor.botId)
    .where("chat_id", "=", input.chatId)
    .where("gone_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (gone === undefined) return { result: false, audit: null };
  return { result: true, audit: { objectType: "work_group", objectId: gone.id, after: { goneAt: scope.now } } };
});
