import type { Kysely, Transaction } from "kysely";
import type { Jsonified } from "../../platform/telegram/update-journal.ts";
import type { Actor } from "../../platform/audit/use-case.ts";
import type { ModuleContext } from "../../platform/module.ts";
import type { BotyardContext } from "../../platform/telegram/context.ts";
import type { FlowKey } from "../../platform/telegram/flows.ts";
import type { Tables } from "./repo.ts";

/** The person pressing or writing, as the use cases' actor. */
export function actorOf(ctx: BotyardContext): Actor {
  return { botId: ctx.botId, personId: ctx.from?.id ?? null, source: "bot" };
}

export function flowKey(ctx: BotyardContext): FlowKey {
  const userId = ctx.from?.id ?? 0;
  return { botId: ctx.botId, chatId: ctx.chat?.id ?? userId, userId };
}

/** `ctx.commit` with the booking tables typed in (the platform types its transaction with its own tables). */
export function commitBooking<T>(ctx: BotyardContext, name: string, work: (trx: Transaction<Tables>) => Promise<T>): Promise<Jsonified<T>> {
  return ctx.commit(name, (trx) => work(trx as unknown as Transaction<Tables>));
}

/** The module's reads: the booking tables on the app's database. */
export function readsOf(context: ModuleContext): Kysely<Tables> {
  return context.database.db;
}

/** "Now" from the app's clock (tests move it), else the system's. */
export function nowOf(context: ModuleContext): Date {
  return context.clock.now();
}
