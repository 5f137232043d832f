import type { Kysely, Transaction } from "kysely";
import type { PlatformTables } from "../db/schema.ts";

/** A Telegram group a bot's staff work in, as modules hold it. */
export interface WorkGroup {
  id: number;
  chatId: number;
  title: string;
  /** Each subject gets a forum topic; otherwise a card message staff reply to. */
  isForum: boolean;
}

type Reader = Kysely<PlatformTables> | Transaction<PlatformTables>;

/**
 * The group that serves a module's routing key (a category, a branch), or the module's default
 * group (routing key "") when the key has none; undefined when neither is linked or the bot was
 * removed from it.
 */
export async function workGroupFor(db: Reader, botId: string, module: string, routingKey = ""): Promise<WorkGroup | undefined> {
  const rows = await db
    .selectFrom("work_group_purpose as purpose")
    .innerJoin("work_group as group", "group.id", "purpose.group_id")
    .select(["group.id", "group.chat_id", "group.title", "group.is_forum", "purpose.routing_key"])
    .where("purpose.bot_id", "=", botId)
    .where("purpose.module", "=", module)
    .where("purpose.routing_key", "in", [...new Set([routingKey, ""])])
    .where("group.gone_at", "is", null)
    .execute();
  const row = rows.find((candidate) => candidate.routing_key === routingKey) ?? rows.find((candidate) => candidate.routing_key === "");
  return row === undefined ? undefined : { id: row.id, chatId: row.chat_id, title: row.title, isForum: row.is_forum };
}

/** The routing keys of a module a group serves, for the setup command's answer and the panel. */
export async function purposesOf(db: Reader, botId: string, chatId: number): Promise<{ module: string; routingKey: string }[]> {
  const rows = await db
    .selectFrom("work_group_purpose as purpose")
    .innerJoin("work_group as group", "group.id", "purpose.group_id")
    .select(["purpose.module", "purpose.routing_key"])
    .where("group.bot_id", "=", botId)
    .where("group.chat_id", "=", chatId)
    .orderBy("purpose.module")
    .orderBy("purpose.routing_key")
    .execute();
  return rows.map((row) => ({ module: row.module, routingKey: row.routing_key }));
}
