import type { Transaction } from "kysely";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { checkLocation, isUsableName, MAX_TEXT_LENGTH } from "../domain/catalogue.ts";
import type { Tables } from "../repo.ts";
import { refusedFor, type CatalogueProblem, type CatalogueRefusal } from "../domain/catalogue-refusal.ts";
import { locationOfBot, presentLocation, type LocationView } from "../queries/salon-catalogue.ts";

type Trx = Transaction<Tables>;

/** What a location is: its name, street address (optional) and IANA time zone. */
export interface LocationInput {
  name: string;
  address: string | null;
  timeZone: string;
}

export type LocationOutcome = { ok: true; location: LocationView } | CatalogueRefusal;

function locationProblems(input: LocationInput): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  if (!isUsableName(input.name)) problems.push({ problem: "name-missing" });
  if (input.address !== null && input.address.length > MAX_TEXT_LENGTH) problems.push({ problem: "text-too-long" });
  const zone = checkLocation({ id: "", timeZone: input.timeZone });
  if (!zone.ok) problems.push(...zone.problems.map((problem) => ({ problem })));
  return problems;
}

const addressOf = (address: string | null) => (address === null || address.trim() === "" ? null : address.trim());

/** Admins open a location (a branch) with its own time zone: its masters' hours are meant there. */
export const createLocation = defineUseCase(
  "booking.location.create",
  async (trx: Trx, actor: Actor, input: LocationInput): Promise<UseCaseOutcome<LocationOutcome>> => {
    const problems = locationProblems(input);
    if (problems.length > 0) return refusedFor(...problems);
    const row = await trx
      .insertInto("booking_location")
      .values({ bot_id: actor.botId, name: input.name.trim(), address: addressOf(input.address), time_zone: input.timeZone })
      .returningAll()
      .executeTakeFirstOrThrow();
    const location = presentLocation(row);
    return { result: { ok: true, location }, audit: { objectType: "booking_location", objectId: location.id, after: location } };
  },
);

/**
 * Admins rename a location, change its address or its time zone. Bookings already made keep their
 * instants: a new zone moves where future working hours fall, not the visits booked.
 */
export const editLocation = defineUseCase(
  "booking.location.edit",
  async (trx: Trx, actor: Actor, input: LocationInput & { locationId: number }): Promise<UseCaseOutcome<LocationOutcome>> => {
    const before = await locationOfBot(trx, actor.botId, input.locationId);
    if (before === undefined) return refusedFor("location-unknown");
    const problems = locationProblems(input);
    if (problems.length > 0) return refusedFor(...problems);
    const row = await trx
      .updateTable("booking_location")
      .set({ name: input.name.trim(), address: addressOf(input.address), time_zone: input.timeZone })
      .where("id", "=", before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const location = presentLocation(row);
    return { result: { ok: true, location }, audit: { objectType: "booking_location", objectId: location.id, before: presentLocation(before), after: location } };
  },
);

/**
 * Admins close a location or open it again. A location is closed only once none of its masters
 * is active (deactivate or move them first), so no client is left booking into a closed branch.
 */
export const setLocationActive = defineUseCase(
  "booking.location.set-active",
  async (trx: Trx, actor: Actor, input: { locationId: number; active: boolean }): Promise<UseCaseOutcome<LocationOutcome>> => {
    const before = await locationOfBot(trx, actor.botId, input.locationId);
    if (before === undefined) return refusedFor("location-unknown");
    if (!input.active) {
      const working = await trx.selectFrom("booking_master").select("id").where("location_id", "=", before.id).where("active", "=", true).executeTakeFirst();
      if (working !== undefined) return refusedFor("location-has-masters");
    }
    const row = await trx.updateTable("booking_location").set({ active: input.active }).where("id", "=", before.id).returningAll().executeTakeFirstOrThrow();
    const location = presentLocation(row);
    return { result: { ok: true, location }, audit: { objectType: "booking_location", objectId: location.id, before: presentLocation(before), after: location } };
  },
);
