import { Composer } from "grammy";
import { defineCommand, type CommandScope } from "../../src/platform/commands/command.ts";
import { refusal, type Outcome } from "../../src/platform/domain/outcome.ts";
import { defineModule } from "../../src/platform/module.ts";
import type { BotyardContext } from "../../src/platform/telegram/context.ts";
import { openSubjectThread, sendToSubjectThread, subjectThread, updateSubjectCard } from "../../src/platform/work-groups/subject-thread.ts";
import type { ThreadMessageInput } from "../../src/platform/work-groups/thread-message.ts";
import { workGroupFor } from "../../src/platform/work-groups/work-group.ts";

/**
 * A module that uses work groups the way a help desk or a dispatch module would, with no tables
 * of its own: a person's case is the person (its id is their Telegram id). Writing to the bot
 * opens the case's thread in the desk's work group (for `routingKey`) or adds to it; what staff
 * write in the thread reaches the person as "<name>: <text>".
 */
export const caseOf = (personId: number) => ({ module: "desk", type: "case", id: personId });

type OpenOutcome = Outcome<{ threadId: number; groupId: number }, "no-group">;

export const openCase = defineCommand("desk.open", async (scope: CommandScope, input: { personId: number; title: string; routingKey?: string }) => {
  const group = await workGroupFor(scope.trx, scope.actor.botId, "desk", input.routingKey ?? "");
  if (group === undefined) return { result: refusal("no-group") as OpenOutcome, audit: null };
  const thread = await openSubjectThread(scope, group, caseOf(input.personId), input.title, { text: `Case of ${input.personId}: ${input.title}` });
  return { result: { ok: true, threadId: thread.id, groupId: group.id } as OpenOutcome, audit: { objectType: "case", objectId: input.personId, after: { threadId: thread.id } } };
});

export const writeToDesk = defineCommand("desk.write", async (scope: CommandScope, input: { text: string; messageId: number }) => {
  const personId = scope.actor.personId;
  if (personId === null) throw new Error("a person writes");
  if ((await subjectThread(scope.trx, scope.actor.botId, caseOf(personId))) === undefined) return { result: (await scope.run(openCase, { personId, title: input.text })).ok, audit: null };
  await sendToSubjectThread(scope, caseOf(personId), { method: "sendMessage", payload: { text: `From the person: ${input.text}` }, dedupeKey: `desk:${personId}:message:${input.messageId}` });
  return { result: true, audit: { objectType: "case", objectId: personId, after: { text: input.text } } };
});

export const updateCaseCard = defineCommand("desk.card", async (scope: CommandScope, input: { personId: number; text: string }) => {
  const updated = await updateSubjectCard(scope, caseOf(input.personId), { text: input.text });
  return { result: updated, audit: updated ? { objectType: "case", objectId: input.personId, after: input } : null };
});

export const relayStaffReply = defineCommand("desk.staff-reply", async (scope: CommandScope, input: ThreadMessageInput) => {
  const { subject, message } = input;
  await scope.send({ chatId: subject.id, method: "sendMessage", payload: { chat_id: subject.id, text: `${message.from.firstName}: ${message.text ?? "(a file)"}` }, dedupeKey: `desk:reply:${message.chatId}:${message.messageId}` });
  return { result: true, audit: { objectType: "case", objectId: subject.id, after: { reply: message.text, by: message.from.telegramId } } };
});

export const deskModule = defineModule({
  name: "desk",
  commands: [openCase, writeToDesk, updateCaseCard, relayStaffReply],
  threads: { onThreadMessage: relayStaffReply },
  composer: () => {
    const composer = new Composer<BotyardContext>();
    composer.chatType("private").on("message:text", async (ctx) => {
      await ctx.run(writeToDesk, { text: ctx.message.text, messageId: ctx.message.message_id });
    });
    return composer;
  },
});
