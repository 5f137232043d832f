import { sql, type Transaction } from "kysely";
import type { PlainDate } from "../../../platform/domain/zoned-time.ts";
import type { CatalogueProblem } from "../domain/catalogue-refusal.ts";
import type { Db, Tables } from "../tables.ts";
import { locationOfBot, masterViews, type MasterView } from "./salon-catalogue.ts";

/** A master of the bot as admins edit them; it must exist (read inside the command that just wrote it). */
export async function masterView(db: Db, botId: string, masterId: number): Promise<MasterView> {
  const [view] = await masterViews(db, botId, masterId);
  if (view === undefined) throw new Error(`master ${masterId} vanished inside its own transaction`);
  return view;
}

/** A master works at a location of this bot that is open. */
export async function workplaceProblems(db: Db, botId: string, locationId: number): Promise<CatalogueProblem[]> {
  const location = await locationOfBot(db, botId, locationId);
  if (location === undefined) return [{ problem: "location-unknown" }];
  return location.active ? [] : [{ problem: "location-inactive" }];
}

/** A Telegram account links to at most one master of a bot (`masterId`: the one being changed). */
export async function telegramProblems(db: Db, botId: string, telegramId: number | null, masterId?: number): Promise<CatalogueProblem[]> {
  if (telegramId === null) return [];
  if (!Number.isSafeInteger(telegramId) || telegramId <= 0) return [{ problem: "telegram-invalid" }];
  let query = db.selectFrom("booking_master").select("id").where("bot_id", "=", botId).where("telegram_id", "=", telegramId);
  if (masterId !== undefined) query = query.where("id", "!=", masterId);
  return (await query.executeTakeFirst()) === undefined ? [] : [{ problem: "telegram-taken" }];
}

/** The bot's master, locked so two changes of one master's time queue up; undefined when it is not this bot's. */
export async function lockMaster(trx: Transaction<Tables>, botId: string, masterId: number) {
  return trx.selectFrom("booking_master").select(["id", "display_name"]).where("bot_id", "=", botId).where("id", "=", masterId).forUpdate().executeTakeFirst();
}

/** A master's own hours on one day, when they have some (see `setDayHours`). */
export async function dayHoursOf(db: Db, masterId: number, date: PlainDate) {
  return db
    .selectFrom("booking_date_override")
    .select("intervals")
    .where("master_id", "=", masterId)
    .where(sql<boolean>`date = ${date}::date`)
    .where("removed_at", "is", null)
    .executeTakeFirst();
}
