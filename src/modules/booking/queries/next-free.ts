import { addDays, instantToZoned, zonedDay } from "../../../platform/domain/zoned-time.ts";
import type { BookingIntent } from "../domain/decide-booking.ts";
import { slotsForDay } from "../domain/slots.ts";
import { occupanciesOf } from "./offerings.ts";
import { type Db } from "../tables.ts";
import { contextOf, type LoadedOffer } from "./offer.ts";
import { presentSlot, type FreeSlot } from "../views.ts";

/** How many times a refusal offers instead. */
export const NEXT_FREE_COUNT = 3;
/** How many days ahead a refusal looks for them. */
export const NEXT_FREE_DAYS = 14;

const DAY_MS = 86_400_000;

/**
 * The first free times of this master and service after `after`, from fresh occupancies, as the
 * engine would accept them for the same intent: what "that slot was just taken" offers instead.
 */
export async function nextFreeSlots(db: Db, offer: LoadedOffer, intent: BookingIntent, after: Date, now: Date, count = NEXT_FREE_COUNT): Promise<FreeSlot[]> {
  const timeZone = offer.offering.timeZone;
  const firstDate = instantToZoned(after, timeZone).date;
  const lastDate = addDays(firstDate, NEXT_FREE_DAYS - 1);
  const range = { start: new Date(zonedDay(firstDate, timeZone).start.getTime() - DAY_MS), end: new Date(zonedDay(lastDate, timeZone).end.getTime() + DAY_MS) };
  const occupancies = await occupanciesOf(db, [offer.offering.masterId], range);
  const context = contextOf(offer, occupancies, now);
  const found: FreeSlot[] = [];
  for (let date = firstDate; date <= lastDate && found.length < count; date = addDays(date, 1)) {
    for (const slot of slotsForDay({ ...context, ...intent, date })) {
      if (slot.start.getTime() > after.getTime()) found.push(presentSlot(slot));
      if (found.length === count) break;
    }
  }
  return found;
}
