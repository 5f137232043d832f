import { defineCommand, type CommandScope } from "../commands/command.ts";
import { refusal, type Outcome } from "../domain/outcome.ts";

export interface LinkWorkGroupInput {
  chatId: number;
  title: string;
  isForum: boolean;
  module: string;
  routingKey: string;
}

export type LinkWorkGroupOutcome = Outcome<{ groupId: number; replaced: boolean }, "not-allowed">;

/**
 * Links the group the setup command was run in to a bot as the work group of a module's routing
 * key (taking that key over from the group that served it before). The handler has checked the
 * bot's rights in the group with Telegram; the permission is checked again here.
 */
export const linkWorkGroup = defineCommand("work-groups.link", async (scope: CommandScope, input: LinkWorkGroupInput) => {
  if (!(await scope.actorCan("work-groups.manage"))) return { result: refusal("not-allowed") as LinkWorkGroupOutcome, audit: null };
  const botId = scope.actor.botId;
  const { id: groupId } = await scope.trx
    .insertInto("work_group")
    .values({ bot_id: botId, chat_id: input.chatId, title: input.title, is_forum: input.isForum, linked_by: scope.actor.personId, linked_at: scope.now })
    .onConflict((conflict) =>
      conflict.columns(["bot_id", "chat_id"]).doUpdateSet({ title: input.title, is_forum: input.isForum, linked_by: scope.actor.personId, linked_at: scope.now, gone_at: null }),
    )
    .returning("id")
    .executeTakeFirstOrThrow();
  const before = await scope.trx
    .selectFrom("work_group_purpose")
    .select("group_id")
    .where("bot_id", "=", botId)
    .where("module", "=", input.module)
    .where("routing_key", "=", input.routingKey)
    .executeTakeFirst();
  await scope.trx
    .insertInto("work_group_purpose")
    .values({ bot_id: botId, module: input.module, routing_key: input.routingKey, group_id: groupId })
    .onConflict((conflict) => conflict.columns(["bot_id", "module", "routing_key"]).doUpdateSet({ group_id: groupId }))
    .execute();
  return {
    result: { ok: true, groupId, replaced: before !== undefined && before.group_id !== groupId } as LinkWorkGroupOutcome,
    audit: { objectType: "work_group", objectId: groupId, before: before === undefined ? null : { groupId: before.group_id }, after: input },
  };
});
