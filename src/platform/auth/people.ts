import type { User } from "@grammyjs/types";
import { sql, type Kysely, type Transaction } from "kysely";
import type { PlatformTables } from "../db/schema.ts";

type Trx = Transaction<PlatformTables>;

export interface Sender {
  roles: string[];
  /** The language the person chose with /language, if any. */
  language: string | null;
}

/** Records (or refreshes) the sender of an update and returns their roles and chosen language. */
export async function recordSender(trx: Trx, botId: string, user: User): Promise<Sender> {
  await trx
    .insertInto("person")
    .values({
      telegram_id: user.id,
      first_name: user.first_name,
      last_name: user.last_name ?? null,
      username: user.username ?? null,
      language_code: user.language_code ?? null,
    })
    .onConflict((conflict) =>
      conflict.column("telegram_id").doUpdateSet({
        first_name: user.first_name,
        last_name: user.last_name ?? null,
        username: user.username ?? null,
        language_code: user.language_code ?? null,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
  const member = await trx
    .insertInto("bot_member")
    .values({ bot_id: botId, telegram_id: user.id })
    .onConflict((conflict) => conflict.columns(["bot_id", "telegram_id"]).doUpdateSet({ last_seen_at: sql<Date>`now()` }))
    .returning("language")
    .executeTakeFirstOrThrow();
  const roles = await trx
    .selectFrom("role")
    .select("role")
    .where("bot_id", "=", botId)
    .where("telegram_id", "=", user.id)
    .execute();
  return { roles: roles.map((row) => row.role), language: member.language };
}

export async function setLanguage(trx: Trx, botId: string, telegramId: number, language: string): Promise<void> {
  await trx
    .updateTable("bot_member")
    .set({ language })
    .where("bot_id", "=", botId)
    .where("telegram_id", "=", telegramId)
    .execute();
}

/** The person blocked the bot (403, or my_chat_member "kicked"), or came back. */
export async function setBlocked(trx: Trx | { updateTable: Trx["updateTable"] }, botId: string, telegramId: number, blocked: boolean): Promise<void> {
  await trx
    .updateTable("bot_member")
    .set({ blocked_at: blocked ? sql<Date>`now()` : null })
    .where("bot_id", "=", botId)
    .where("telegram_id", "=", telegramId)
    .execute();
}

/** The language a person chose in a bot (/language), if any. */
export async function chosenLanguage(db: Kysely<PlatformTables>, botId: string, telegramId: number): Promise<string | null> {
  const member = await db.selectFrom("bot_member").select("language").where("bot_id", "=", botId).where("telegram_id", "=", telegramId).executeTakeFirst();
  return member?.language ?? null;
}
