import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { isUsableName } from "../domain/catalogue.ts";
import { refusedFor, type CatalogueRefusal } from "../domain/catalogue-refusal.ts";
import { masterView, telegramProblems, workplaceProblems } from "../queries/master-checks.ts";
import type { MasterView } from "../queries/salon-catalogue.ts";
import type { BookingTables } from "../tables.ts";

export type MasterOutcome = { ok: true; master: MasterView } | CatalogueRefusal;

/** A master as admins describe them: a name, where they work, and optionally their Telegram account. */
export interface MasterInput {
  name: string;
  locationId: number;
  telegramId: number | null;
}

/** Admins add a master at an open location; they offer nothing and work no hours until given some. */
export const createMaster = defineCommand("booking.master.create", async (scope: CommandScope<BookingTables>, input: MasterInput): Promise<UseCaseOutcome<MasterOutcome>> => {
  const { trx, actor } = scope;
  const problems = [
    ...(isUsableName(input.name) ? [] : [{ problem: "name-missing" } as const]),
    ...(await workplaceProblems(trx, actor.botId, input.locationId)),
    ...(await telegramProblems(trx, actor.botId, input.telegramId)),
  ];
  if (problems.length > 0) return refusedFor(...problems);
  const { id } = await trx
    .insertInto("booking_master")
    .values({ bot_id: actor.botId, location_id: input.locationId, display_name: input.name.trim(), telegram_id: input.telegramId })
    .returning("id")
    .executeTakeFirstOrThrow();
  const master = await masterView(trx, actor.botId, id);
  return { result: { ok: true, master }, audit: { objectType: "booking_master", objectId: id, after: master } };
});
