import type { Kysely, Transaction } from "kysely";
import type { Jsonified } from "../../../platform/telegram/update-journal.ts";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { parseFlowButton } from "../../../platform/telegram/flows.ts";
import type { Tables } from "../tables.ts";

/** `ctx.commit` with the booking tables typed in (the platform types its transaction with its own tables). */
export function commitBooking<T>(ctx: BotyardContext, name: string, work: (trx: Transaction<Tables>) => Promise<T>): Promise<Jsonified<T>> {
  return ctx.commit(name, (trx) => work(trx as unknown as Transaction<Tables>));
}

/** The module's reads: the booking tables on the app's database. */
export function readsOf(context: ModuleContext): Kysely<Tables> {
  return context.database.db;
}

/**
 * Whether a press came from a button of the sender's current flow: its data carries that flow's
 * `f<instance>:` mark. Data without one was never on the flow's messages (forged, or a button of
 * another message), so a flow's handlers answer it as expired.
 */
export function pressedInFlow(ctx: BotyardContext): boolean {
  const data = ctx.callbackQuery?.data;
  const button = data === undefined ? undefined : parseFlowButton(data);
  return button !== undefined && ctx.flow !== undefined && button.instance === ctx.flow.instance;
}
