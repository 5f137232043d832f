import type { Kysely, Transaction } from "kysely";
import type { PlatformTables } from "../../../platform/db/schema.ts";
import type { HelpdeskTables } from "../tables.ts";

type Reader = Kysely<PlatformTables & HelpdeskTables> | Transaction<PlatformTables & HelpdeskTables>;

const columns = ["id", "number", "requester_id", "category", "priority", "status", "assignee_id", "first_response_at"] as const;

/** A ticket as commands read it. */
export type TicketRow = Awaited<ReturnType<typeof ticketById>> & object;

/** A ticket of the bot, locked for the command changing it; undefined when the bot has no such ticket. */
export function ticketById(trx: Transaction<PlatformTables & HelpdeskTables>, botId: string, ticketId: number) {
  return trx.selectFrom("helpdesk_ticket").select(columns).where("bot_id", "=", botId).where("id", "=", ticketId).forUpdate().executeTakeFirst();
}

/** The person's ticket that is not closed (there is at most one), locked; their messages join it. */
export function currentTicketOf(trx: Transaction<PlatformTables & HelpdeskTables>, botId: string, personId: number) {
  return trx.selectFrom("helpdesk_ticket").select(columns).where("bot_id", "=", botId).where("requester_id", "=", personId).where("status", "<>", "closed").forUpdate().executeTakeFirst();
}

/** A person's tickets, the latest first, for their list in the bot. */
export function ticketsOf(db: Reader, botId: string, personId: number, limit = 10) {
  return db
    .selectFrom("helpdesk_ticket")
    .select(["id", "number", "status", "created_at"])
    .where("bot_id", "=", botId)
    .where("requester_id", "=", personId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** How many tickets the person opened before this one (the card shows it: a regular, or a first time). */
export async function earlierTicketsOf(db: Reader, botId: string, personId: number, ticketId: number): Promise<number> {
  const row = await db
    .selectFrom("helpdesk_ticket")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("bot_id", "=", botId)
    .where("requester_id", "=", personId)
    .where("id", "<", ticketId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
