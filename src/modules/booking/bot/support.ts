import type { Kysely, Transaction } from "kysely";
import type { Jsonified } from "../../../platform/telegram/update-journal.ts";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import type { Tables } from "../repo.ts";

/** `ctx.commit` with the booking tables typed in (the platform types its transaction with its own tables). */
export function commitBooking<T>(ctx: BotyardContext, name: string, work: (trx: Transaction<Tables>) => Promise<T>): Promise<Jsonified<T>> {
  return ctx.commit(name, (trx) => work(trx as unknown as Transaction<Tables>));
}

/** The module's reads: the booking tables on the app's database. */
export function readsOf(context: ModuleContext): Kysely<Tables> {
  return context.database.db;
}
