import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusedFor } from "../domain/catalogue-refusal.ts";
import { locationOfBot, presentLocation } from "../queries/salon-catalogue.ts";
import type { BookingTables } from "../tables.ts";
import type { LocationOutcome } from "./create-location.ts";

/**
 * Admins close a location or open it again. A location is closed only once none of its masters
 * is active (deactivate or move them first), so no client is left booking into a closed branch.
 */
export const setLocationActive = defineCommand("booking.location.set-active", async (scope: CommandScope<BookingTables>, input: { locationId: number; active: boolean }): Promise<UseCaseOutcome<LocationOutcome>> => {
  const before = await locationOfBot(scope.trx, scope.actor.botId, input.locationId);
  if (before === undefined) return refusedFor("location-unknown");
  if (!input.active) {
    const working = await scope.trx.selectFrom("booking_master").select("id").where("location_id", "=", before.id).where("active", "=", true).executeTakeFirst();
    if (working !== undefined) return refusedFor("location-has-masters");
  }
  const row = await scope.trx.updateTable("booking_location").set({ active: input.active }).where("id", "=", before.id).returningAll().executeTakeFirstOrThrow();
  const location = presentLocation(row);
  return { result: { ok: true, location }, audit: { objectType: "booking_location", objectId: location.id, before: presentLocation(before), after: location } };
});
