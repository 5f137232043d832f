import type { Selectable, Transaction } from "kysely";
import type { BookingHistoryTable, Tables } from "../tables.ts";

export async function insertHistory(trx: Transaction<Tables>, row: Omit<Selectable<BookingHistoryTable>, "id">): Promise<void> {
  await trx.insertInto("booking_history").values(row).execute();
}
