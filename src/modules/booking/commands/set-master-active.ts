import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusedFor, type CatalogueRefusal } from "../domain/catalogue-refusal.ts";
import { masterView, workplaceProblems } from "../queries/master-checks.ts";
import { masterRowOfBot, type MasterView } from "../queries/salon-catalogue.ts";
import type { StaffBooking } from "../queries/staff-calendar.ts";
import { upcomingBookingsOf } from "../queries/upcoming-bookings.ts";
import type { BookingTables } from "../tables.ts";

export type MasterActiveOutcome = { ok: true; master: MasterView; upcoming: StaffBooking[] } | CatalogueRefusal;

/**
 * Admins deactivate a master (no new bookings go to them; "any master" skips them) or reactivate
 * them. The answer lists the master's bookings still to come, so the admin can move or cancel
 * them with their clients told: they are not touched here. Reactivating needs an open location.
 */
export const setMasterActive = defineCommand(
  "booking.master.set-active",
  async (scope: CommandScope<BookingTables>, input: { masterId: number; active: boolean }): Promise<UseCaseOutcome<MasterActiveOutcome>> => {
    const { trx, actor } = scope;
    const row = await masterRowOfBot(trx, actor.botId, input.masterId);
    if (row === undefined) return refusedFor("master-unknown");
    if (input.active) {
      const problems = await workplaceProblems(trx, actor.botId, row.location_id);
      if (problems.length > 0) return refusedFor(...problems);
    }
    const before = await masterView(trx, actor.botId, row.id);
    await trx.updateTable("booking_master").set({ active: input.active }).where("id", "=", row.id).execute();
    const master = await masterView(trx, actor.botId, row.id);
    const upcoming = await upcomingBookingsOf(trx, actor.botId, row.id, scope.now);
    return { result: { ok: true, master, upcoming }, audit: { objectType: "booking_master", objectId: row.id, before, after: master } };
  },
);
