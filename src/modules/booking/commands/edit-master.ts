import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { isUsableName } from "../domain/catalogue.ts";
import { refusedFor } from "../domain/catalogue-refusal.ts";
import { masterView, workplaceProblems } from "../queries/master-checks.ts";
import { masterRowOfBot } from "../queries/salon-catalogue.ts";
import type { BookingTables } from "../tables.ts";
import type { MasterOutcome } from "./create-master.ts";

/**
 * Admins rename a master or move them to another open location (their weekly hours are then
 * meant in that location's zone). Bookings already made keep their place and time.
 */
export const editMaster = defineCommand(
  "booking.master.edit",
  async (scope: CommandScope<BookingTables>, input: { masterId: number; name?: string; locationId?: number }): Promise<UseCaseOutcome<MasterOutcome>> => {
    const { trx, actor } = scope;
    const row = await masterRowOfBot(trx, actor.botId, input.masterId);
    if (row === undefined) return refusedFor("master-unknown");
    const name = input.name ?? row.display_name;
    const locationId = input.locationId ?? row.location_id;
    const problems = [
      ...(isUsableName(name) ? [] : [{ problem: "name-missing" } as const]),
      ...(locationId === row.location_id ? [] : await workplaceProblems(trx, actor.botId, locationId)),
    ];
    if (problems.length > 0) return refusedFor(...problems);
    const before = await masterView(trx, actor.botId, row.id);
    await trx.updateTable("booking_master").set({ display_name: name.trim(), location_id: locationId }).where("id", "=", row.id).execute();
    const master = await masterView(trx, actor.botId, row.id);
    return { result: { ok: true, master }, audit: { objectType: "booking_master", objectId: row.id, before, after: master } };
  },
);
