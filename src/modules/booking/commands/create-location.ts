import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusedFor, type CatalogueRefusal } from "../domain/catalogue-refusal.ts";
import { addressOf, locationProblems, type LocationInput } from "../domain/location-input.ts";
import { presentLocation, type LocationView } from "../queries/salon-catalogue.ts";
import type { BookingTables } from "../tables.ts";

export type LocationOutcome = { ok: true; location: LocationView } | CatalogueRefusal;

/** Admins open a location (a branch) with its own time zone: its masters' hours are meant there. */
export const createLocation = defineCommand("booking.location.create", async (scope: CommandScope<BookingTables>, input: LocationInput): Promise<UseCaseOutcome<LocationOutcome>> => {
  const problems = locationProblems(input);
  if (problems.length > 0) return refusedFor(...problems);
  const row = await scope.trx
    .insertInto("booking_location")
    .values({ bot_id: scope.actor.botId, name: input.name.trim(), address: addressOf(input.address), time_zone: input.timeZone })
    .returningAll()
    .executeTakeFirstOrThrow();
  const location = presentLocation(row);
  return { result: { ok: true, location }, audit: { objectType: "booking_location", objectId: location.id, after: location } };
});
