/** Audit fixtures of the platform's work groups: linking a group, marking it gone, keeping a note. */
import { keepThreadNote } from "../../../src/platform/work-groups/keep-thread-note.ts";
import { linkWorkGroup } from "../../../src/platform/work-groups/link-work-group.ts";
import { markWorkGroupGone } from "../../../src/platform/work-groups/mark-group-gone.ts";
import { fixture, type Fixture, type World } from "../../support/audit-world.ts";

let nextChat = -1_000_000_900_001;

/** A group linked by the owner as the default work group of a module, and its chat id. */
async function linkedGroup(world: World): Promise<{ chatId: number; groupId: number }> {
  const chatId = nextChat--;
  const outcome = await world.runtime.run(world.owner, linkWorkGroup, { chatId, title: "Staff", isForum: true, module: "desk", routingKey: "" });
  if (!outcome.ok) throw new Error("the owner could not link a group");
  return { chatId, groupId: outcome.groupId };
}

export const fixtures: Record<string, Fixture> = {
  "work-groups.link": fixture({
    run: async (world) => {
      const chatId = nextChat--;
      const outcome = await world.runtime.run(world.owner, linkWorkGroup, { chatId, title: "Staff", isForum: false, module: "desk", routingKey: "north" });
      if (!outcome.ok) throw new Error("refused");
      return { actor: world.owner, objectType: "work_group", objectId: outcome.groupId };
    },
  }),
  "work-groups.gone": fixture({
    setup: linkedGroup,
    run: async (world, { chatId, groupId }) => {
      await world.runtime.run(world.owner, markWorkGroupGone, { chatId });
      return { actor: world.owner, objectType: "work_group", objectId: groupId };
    },
  }),
  "work-groups.note": fixture({
    setup: async (world) => {
      const { chatId, groupId } = await linkedGroup(world);
      const { id } = await world.database.db
        .insertInto("subject_thread")
        .values({ bot_id: "main", group_id: groupId, chat_id: chatId, module: "desk", subject_type: "case", subject_id: 1, kind: "topic", opening_key: `fixture:${chatId}:topic`, card_key: `fixture:${chatId}:card`, message_id: 7, opened_at: new Date() })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { threadId: id };
    },
    run: async (world, { threadId }) => {
      await world.runtime.run(world.owner, keepThreadNote, { threadId, messageId: 8, text: "called them back" });
      return { actor: world.owner, objectType: "subject_thread", objectId: threadId };
    },
  }),
};
