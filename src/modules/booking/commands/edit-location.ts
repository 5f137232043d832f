import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusedFor } from "../domain/catalogue-refusal.ts";
import { addressOf, locationProblems, type LocationInput } from "../domain/location-input.ts";
import { locationOfBot, presentLocation } from "../queries/salon-catalogue.ts";
import type { BookingTables } from "../tables.ts";
import type { LocationOutcome } from "./create-location.ts";

/**
 * Admins rename a location, change its address or its time zone. Bookings already made keep their
 * instants: a new zone moves where future working hours fall, not the visits booked.
 */
export const editLocation = defineCommand("booking.location.edit", async (scope: CommandScope<BookingTables>, input: LocationInput & { locationId: number }): Promise<UseCaseOutcome<LocationOutcome>> => {
  const before = await locationOfBot(scope.trx, scope.actor.botId, input.locationId);
  if (before === undefined) return refusedFor("location-unknown");
  const problems = locationProblems(input);
  if (problems.length > 0) return refusedFor(...problems);
  const row = await scope.trx
    .updateTable("booking_location")
    .set({ name: input.name.trim(), address: addressOf(input.address), time_zone: input.timeZone })
    .where("id", "=", before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const location = presentLocation(row);
  return { result: { ok: true, location }, audit: { objectType: "booking_location", objectId: location.id, before: presentLocation(before), after: location } };
});
