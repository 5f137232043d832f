import { Composer } from "grammy";
import type { Kysely } from "kysely";
import type { PlatformTables } from "../db/schema.ts";
import type { LiveSettings } from "../settings/live-settings.ts";
import type { BotyardContext } from "../telegram/context.ts";
import { isRefusal } from "../domain/outcome.ts";
import { keepThreadNote } from "./keep-thread-note.ts";
import { linkWorkGroup } from "./link-work-group.ts";
import { markWorkGroupGone } from "./mark-group-gone.ts";
import { moveWorkGroup } from "./move-work-group.ts";
import { noteText } from "./note-marker.ts";
import { parsePurpose } from "./purpose.ts";
import { missingRights } from "./rights.ts";
import { isBotCommand, isServiceMessage, threadMessageOf } from "./thread-message.ts";
import { threadOfMessage } from "./thread-of-message.ts";

/** The setup command, as staff type it in the group: `/workgroup <module> [routing key]`. */
export const SETUP_COMMAND = "workgroup";

function isGroup(chat: { type: string } | undefined): boolean {
  return chat?.type === "group" || chat?.type === "supergroup";
}

/**
 * The platform's side of work groups in the bot: the setup command, the bot being removed from
 * a group, and staff messages in subjects' threads routed to the modules that own them (notes
 * kept apart). Everything else in a group passes on to the modules' handlers.
 */
export function workGroupHandlers(deps: { settings: LiveSettings; db: Kysely<PlatformTables> }): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();

  composer.command(SETUP_COMMAND, async (ctx) => {
    if (!isGroup(ctx.chat)) {
      await ctx.reply(ctx.t("work-group-setup-in-group"));
      return;
    }
    if (!ctx.can("work-groups.manage")) {
      await ctx.reply(ctx.t("not-allowed"));
      return;
    }
    const takers = ctx.enabledModules.filter((module) => module.threads !== undefined).map((module) => module.name);
    const modules = takers.join(", ") || "—";
    const purpose = parsePurpose(ctx.match);
    if (purpose === null) {
      await ctx.reply(ctx.t("work-group-setup-usage", { modules }));
      return;
    }
    if (!takers.includes(purpose.module)) {
      await ctx.reply(ctx.t("work-group-setup-unknown-module", { module: purpose.module, modules }));
      return;
    }
    const chat = ctx.chat;
    const isForum = chat.type === "supergroup" && chat.is_forum === true;
    const member = await ctx.api.getChatMember(chat.id, ctx.me.id);
    const missing = missingRights(member, isForum);
    if (missing.length > 0) {
      const rights = missing.map((right) => `• ${ctx.t(`work-group-right-${right}`)}`).join("\n");
      await ctx.reply(ctx.t("work-group-setup-missing", { rights }));
      return;
    }
    const title = "title" in chat ? chat.title : String(chat.id);
    const outcome = await ctx.run(linkWorkGroup, { chatId: chat.id, title, isForum, module: purpose.module, routingKey: purpose.routingKey });
    if (!outcome.ok) {
      await ctx.reply(ctx.t("not-allowed"));
      return;
    }
    const named = purpose.routingKey === "" ? purpose.module : `${purpose.module} (${purpose.routingKey})`;
    await ctx.reply(ctx.t("work-group-setup-done", { purpose: named, forum: isForum ? "yes" : "no", marker: deps.settings.of(ctx.botId).noteMarker }));
  });

  // Removed or banned from a group: it is gone as a work group (the private chat's case is blocking, handled before).
  composer.on("my_chat_member", async (ctx, next) => {
    if (!isGroup(ctx.chat)) return next();
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === "left" || status === "kicked") await ctx.run(markWorkGroupGone, { chatId: ctx.chat.id });
  });

  // The first message of a group that became a supergroup names the old chat: the work group follows.
  composer.on("message:migrate_from_chat_id", async (ctx, next) => {
    const chat = ctx.chat;
    if (chat.type !== "supergroup") return next();
    await ctx.run(moveWorkGroup, { fromChatId: ctx.message.migrate_from_chat_id, toChatId: chat.id, isForum: chat.is_forum === true });
  });

  composer.on("message", async (ctx, next) => {
    const message = ctx.message;
    if (!isGroup(ctx.chat) || message.from.is_bot || isServiceMessage(message) || isBotCommand(message)) return next();
    const thread = await threadOfMessage(deps.db, ctx.botId, message);
    if (thread === undefined) return next();
    // A module disabled since it opened the thread gets nothing; the message stays in the group.
    const owner = ctx.enabledModules.find((module) => module.name === thread.module);
    const note = noteText(message.text ?? message.caption ?? "", deps.settings.of(ctx.botId).noteMarker);
    if (note !== null) {
      await ctx.run(keepThreadNote, { threadId: thread.threadId, messageId: message.message_id, text: note });
      const onNote = owner?.threads?.onThreadNote;
      if (onNote !== undefined) await ctx.run(onNote, { subject: thread, message: { ...threadMessageOf(message), text: note } });
      return;
    }
    if (owner?.threads === undefined) return;
    const outcome = await ctx.run(owner.threads.onThreadMessage, { subject: thread, message: threadMessageOf(message) });
    // A refused message stays in the group only: its writer is told why, under it, in their language.
    if (isRefusal(outcome)) {
      await ctx.reply(ctx.t(outcome.reason), { reply_parameters: { message_id: message.message_id }, ...(message.is_topic_message === true ? { message_thread_id: message.message_thread_id } : {}) });
    }
  });
  return composer;
}
