import type { BookingContext, BookingIntent, BookingRequest, MasterOffer } from "../domain/decide-booking.ts";
import type { Occupancy, TimeRange } from "../domain/occupancy.ts";
import { rulesForService, type BookingRules } from "../domain/rules.ts";
import type { DateRange } from "../domain/schedule.ts";
import { botRules } from "./rules.ts";
import { holidaysOf, offeringOf, schedulesOf, type MasterOffering } from "./offerings.ts";
import { type Db } from "../tables.ts";

const DAY_MS = 86_400_000;

/**
 * Everything the rule engine needs about one master performing one service, fresh from the
 * database: the service as this master offers it, their schedule, the holidays and the rules in
 * force for the service. Occupancies are read separately, as late as possible.
 */
export interface LoadedOffer extends MasterOffer {
  offering: MasterOffering;
  holidays: readonly DateRange[];
  rules: BookingRules;
}

/**
 * Loads the offer, or undefined when the master does not offer the service or no longer works
 * here. `durationMin` replaces the duration, for a booking being moved: it keeps the length it
 * was booked with.
 */
export async function loadOffer(db: Db, botId: string, masterId: number, serviceId: number, durationMin?: number): Promise<LoadedOffer | undefined> {
  // A writer's schedule must not change under it: time off takes the master's row `for update`
  // before it looks for the bookings it hits, so a booking decided on the old hours either
  // commits first (and is found as a hit) or waits and is decided on the new hours.
  if (db.isTransaction) await db.selectFrom("booking_master").select("id").where("id", "=", masterId).forShare().execute();
  const bot = await botRules(db, botId);
  const offering = await offeringOf(db, botId, masterId, serviceId, bot.holdMin);
  if (offering === undefined || !offering.masterActive) return undefined;
  const schedule = (await schedulesOf(db, [masterId])).get(masterId);
  if (schedule === undefined) return undefined;
  const service = durationMin === undefined ? offering.service : { ...offering.service, durationMin };
  return {
    offering: { ...offering, service },
    schedule,
    service,
    holidays: await holidaysOf(db, botId),
    rules: rulesForService(bot.rules, offering.ruleOverrides),
  };
}

/** The stretch of time whose occupancies can touch a visit at `start`: a day either side covers any duration and buffers. */
export function aroundVisit(start: Date): TimeRange {
  return { start: new Date(start.getTime() - DAY_MS), end: new Date(start.getTime() + DAY_MS) };
}

/** The engine's context for this offer at `now` with these occupancies. */
export function contextOf(offer: LoadedOffer, occupancies: readonly Occupancy[], now: Date): BookingContext & MasterOffer {
  return { now, rules: offer.rules, timeZone: offer.offering.timeZone, holidays: offer.holidays, occupancies, schedule: offer.schedule, service: offer.service };
}

/** A full request to `decideBooking`. */
export function requestOf(offer: LoadedOffer, occupancies: readonly Occupancy[], now: Date, intent: BookingIntent, start: Date): BookingRequest {
  return { ...contextOf(offer, occupancies, now), ...intent, start };
}
