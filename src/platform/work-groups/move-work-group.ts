import { defineCommand, type CommandScope } from "../commands/command.ts";

export interface MoveWorkGroupInput {
  fromChatId: number;
  toChatId: number;
  isForum: boolean;
}

/**
 * A work group became a supergroup (Telegram does that when a group turns topics on, among
 * other things), so its chat id changed: the group, its purposes and its subjects' threads
 * follow it to the new id, and new threads take the supergroup's shape (topics or cards).
 */
export const moveWorkGroup = defineCommand("work-groups.move", async (scope: CommandScope, input: MoveWorkGroupInput) => {
  const botId = scope.actor.botId;
  const moved = await scope.trx
    .updateTable("work_group")
    .set({ chat_id: input.toChatId, is_forum: input.isForum })
    .where("bot_id", "=", botId)
    .where("chat_id", "=", input.fromChatId)
    .returning("id")
    .executeTakeFirst();
  if (moved === undefined) return { result: false, audit: null };
  await scope.trx.updateTable("subject_thread").set({ chat_id: input.toChatId }).where("bot_id", "=", botId).where("group_id", "=", moved.id).execute();
  return { result: true, audit: { objectType: "work_group", objectId: moved.id, before: { chatId: input.fromChatId }, after: { chatId: input.toChatId, isForum: input.isForum } } };
});
