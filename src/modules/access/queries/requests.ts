import type { Transaction } from "kysely";
import type { PlatformTables } from "../../../platform/db/schema.ts";
import type { RequestStatus } from "../domain/request.ts";
import type { AccessRequest, AccessTables } from "../tables.ts";
import type { Reads } from "./reads.ts";

export async function latestRequestOf(db: Reads, botId: string, telegramId: number): Promise<AccessRequest | undefined> {
  return db
    .selectFrom("access_request")
    .selectAll()
    .where("bot_id", "=", botId)
    .where("telegram_id", "=", telegramId)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function requestById(db: Reads, botId: string, requestId: number): Promise<AccessRequest | undefined> {
  return db.selectFrom("access_request").selectAll().where("bot_id", "=", botId).where("id", "=", requestId).executeTakeFirst();
}

/** A request of the bot, locked for the deciding transaction so two admins decide one after the other. */
export async function requestForDecision(trx: Transaction<PlatformTables & AccessTables>, botId: string, requestId: number): Promise<AccessRequest | undefined> {
  return trx.selectFrom("access_request").selectAll().where("bot_id", "=", botId).where("id", "=", requestId).forUpdate().executeTakeFirst();
}

/** Requests still waiting for a decision (pending and postponed), oldest first. */
export async function pendingRequests(db: Reads, botId: string): Promise<AccessRequest[]> {
  return db
    .selectFrom("access_request")
    .selectAll()
    .where("bot_id", "=", botId)
    .where("status", "in", ["pending", "postponed"])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** Requests of the given statuses for the panel's list: open ones oldest first, decided ones newest first (at most 500). */
export async function requestsWithStatus(db: Reads, botId: string, statuses: readonly RequestStatus[], order: "oldest-first" | "newest-first"): Promise<AccessRequest[]> {
  return db
    .selectFrom("access_request")
    .selectAll()
    .where("bot_id", "=", botId)
    .where("status", "in", [...statuses])
    .orderBy("created_at", order === "oldest-first" ? "asc" : "desc")
    .orderBy("id")
    .limit(500)
    .execute();
}
