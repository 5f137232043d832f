import type { InlineKeyboardMarkup } from "@grammyjs/types";
import type { Kysely, Transaction } from "kysely";
import type { CommandScope } from "../commands/command.ts";
import type { PlatformTables } from "../db/schema.ts";
import { OPENS_THREAD, THREAD_OF } from "./outbox-threads.ts";
import type { WorkGroup } from "./work-group.ts";

/** What a thread is about: a module's subject (a ticket, an order), named as the module names it. */
export interface Subject {
  /** The module that owns the subject: staff messages in its thread are routed to it. */
  module: string;
  type: string;
  id: number;
}

/** The header message of a subject's thread, which the module edits as the subject changes. */
export interface ThreadCard {
  text: string;
  parseMode?: "HTML";
  buttons?: InlineKeyboardMarkup;
}

/** A subject's thread as the outbox addresses it. */
export interface SubjectThread {
  id: number;
  groupId: number;
  chatId: number;
  kind: "topic" | "card";
  /** The dedupe key of the outbox row that opens it; later sends name it as `thread_of`. */
  openingKey: string;
  cardKey: string;
}

/** Telegram's limit on a topic's name. */
const TOPIC_NAME_MAX = 128;

function topicName(title: string): string {
  const name = title.trim() === "" ? "…" : title.trim();
  return name.length <= TOPIC_NAME_MAX ? name : `${name.slice(0, TOPIC_NAME_MAX - 1)}…`;
}

function cardPayload(card: ThreadCard): Record<string, unknown> {
  return { text: card.text, ...(card.parseMode === undefined ? {} : { parse_mode: card.parseMode }), ...(card.buttons === undefined ? {} : { reply_markup: card.buttons }) };
}

type Reader = Kysely<PlatformTables> | Transaction<PlatformTables>;

const threadColumns = ["id", "group_id", "chat_id", "kind", "opening_key", "card_key"] as const;

function threadOf(row: { id: number; group_id: number; chat_id: number; kind: "topic" | "card"; opening_key: string; card_key: string }): SubjectThread {
  return { id: row.id, groupId: row.group_id, chatId: row.chat_id, kind: row.kind, openingKey: row.opening_key, cardKey: row.card_key };
}

/**
 * Opens a subject's thread in a work group, inside the caller's command: queues through the
 * outbox a forum topic named `title` with `card` as its first message, or in a group without
 * topics the card itself, which staff reply to. The topic's id (or the card's message id) is
 * stored against the subject when the outbox sends it; whatever is sent to the thread meanwhile
 * waits behind it, in order. A subject has one thread per group: opening it again returns it.
 */
export async function openSubjectThread(scope: CommandScope, group: WorkGroup, subject: Subject, title: string, card: ThreadCard): Promise<SubjectThread> {
  const botId = scope.actor.botId;
  const base = `thread:${subject.type}:${subject.id}:group:${group.id}`;
  const kind = group.isForum ? "topic" : "card";
  const openingKey = group.isForum ? `${base}:topic` : `${base}:card`;
  const cardKey = `${base}:card`;
  const inserted = await scope.trx
    .insertInto("subject_thread")
    .values({ bot_id: botId, group_id: group.id, chat_id: group.chatId, module: subject.module, subject_type: subject.type, subject_id: subject.id, kind, opening_key: openingKey, card_key: cardKey, opened_at: scope.now })
    .onConflict((conflict) => conflict.columns(["bot_id", "subject_type", "subject_id", "group_id"]).doNothing())
    .returning(threadColumns)
    .executeTakeFirst();
  if (inserted === undefined) {
    const existing = await scope.trx
      .selectFrom("subject_thread")
      .select(threadColumns)
      .where("bot_id", "=", botId)
      .where("subject_type", "=", subject.type)
      .where("subject_id", "=", subject.id)
      .where("group_id", "=", group.id)
      .executeTakeFirstOrThrow();
    return threadOf(existing);
  }
  if (group.isForum) {
    await scope.send({ chatId: group.chatId, method: "createForumTopic", payload: { chat_id: group.chatId, name: topicName(title), [OPENS_THREAD]: true }, dedupeKey: openingKey });
    await scope.send({ chatId: group.chatId, method: "sendMessage", payload: { chat_id: group.chatId, ...cardPayload(card), [THREAD_OF]: openingKey }, dedupeKey: cardKey });
  } else {
    await scope.send({ chatId: group.chatId, method: "sendMessage", payload: { chat_id: group.chatId, ...cardPayload(card), [OPENS_THREAD]: true }, dedupeKey: cardKey });
  }
  return threadOf(inserted);
}

/** A subject's latest thread (the one in the group it was last opened in), if it has one. */
export async function subjectThread(db: Reader, botId: string, subject: Pick<Subject, "type" | "id">): Promise<SubjectThread | undefined> {
  const row = await db
    .selectFrom("subject_thread")
    .select(threadColumns)
    .where("bot_id", "=", botId)
    .where("subject_type", "=", subject.type)
    .where("subject_id", "=", subject.id)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : threadOf(row);
}

/**
 * Queues a Bot API call into a subject's thread (a user's follow-up copied in, an alert): the
 * outbox sends it after the thread is open and fills in, at send time, its `message_thread_id`
 * (in a forum) or a reply to the card (in a group without topics). False when the subject has
 * no thread, or the dedupe key was queued before.
 */
export async function sendToSubjectThread(
  scope: CommandScope,
  subject: Pick<Subject, "type" | "id">,
  message: { method: string; payload: Record<string, unknown>; dedupeKey: string },
): Promise<boolean> {
  const thread = await subjectThread(scope.trx, scope.actor.botId, subject);
  if (thread === undefined) return false;
  return scope.send({ chatId: thread.chatId, method: message.method, payload: { ...message.payload, chat_id: thread.chatId, [THREAD_OF]: thread.openingKey }, dedupeKey: message.dedupeKey });
}

/**
 * Replaces the text and buttons of a subject's card (its status changed, someone claimed it),
 * through the outbox: an editMessageText queued behind the card, so it applies even when the
 * card has not been sent yet. False when the subject has no thread.
 */
export async function updateSubjectCard(scope: CommandScope, subject: Pick<Subject, "type" | "id">, card: ThreadCard): Promise<boolean> {
  const thread = await subjectThread(scope.trx, scope.actor.botId, subject);
  if (thread === undefined) return false;
  const { card_version: version } = await scope.trx
    .updateTable("subject_thread")
    .set((eb) => ({ card_version: eb("card_version", "+", 1) }))
    .where("id", "=", thread.id)
    .returning("card_version")
    .executeTakeFirstOrThrow();
  return scope.send({
    chatId: thread.chatId,
    method: "editMessageText",
    // Without buttons in the card, the edit takes the old ones away (Telegram's rule for edits).
    payload: { chat_id: thread.chatId, message_id_of: thread.cardKey, ...cardPayload(card) },
    dedupeKey: `${thread.cardKey}:edit:${version}`,
  });
}
