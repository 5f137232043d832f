import {
  decideBooking,
  type BookingContext,
  type BookingDecision,
  type BookingIntent,
  type BookingRefusal,
  type MasterOffer,
} from "./decide-booking.ts";
import { bookedMinutes } from "./occupancy.ts";
import { candidateStarts, slotFrom, type Slot } from "./slots.ts";
import { instantToZoned, zonedDay, type PlainDate } from "../../../platform/domain/zoned-time.ts";

/** A client who chose "any available master": every master who offers the service, in a stable order (ties go to the first). */
export type AnyMasterQuery = BookingContext & BookingIntent & { masters: readonly MasterOffer[] };

export type MasterChoice =
  | { ok: true; masterId: string; decision: Extract<BookingDecision, { ok: true }> }
  | { ok: false; reason: BookingRefusal; refusals: { masterId: string; reason: BookingRefusal }[] };

/** A slot from "any available master", with the master it would go to. */
export interface AnyMasterSlot extends Slot {
  masterId: string;
}

/** How loaded a master is on `date`: minutes of their time already occupied that local day. */
export function masterLoad(query: AnyMasterQuery, masterId: string, date: PlainDate): number {
  const ignoreId = query.kind === "new" ? undefined : query.existing?.occupancyId;
  return bookedMinutes(zonedDay(date, query.timeZone), masterId, query.occupancies, ignoreId);
}

/**
 * Picks the least-loaded master who can take a visit at `start` (load counted on that local day);
 * equal loads go to the master listed first. When nobody can, the answer is the first master's
 * refusal (`outside-hours` when the list is empty), and `refusals` has everyone's.
 */
export function chooseMaster(query: AnyMasterQuery & { start: Date }): MasterChoice {
  const date = instantToZoned(query.start, query.timeZone).date;
  let best: { masterId: string; load: number; decision: Extract<BookingDecision, { ok: true }> } | undefined;
  const refusals: { masterId: string; reason: BookingRefusal }[] = [];
  for (const offer of query.masters) {
    const masterId = offer.schedule.masterId;
    const decision = decideBooking({ ...query, ...offer });
    if (!decision.ok) {
      refusals.push({ masterId, reason: decision.reason });
      continue;
    }
    const load = masterLoad(query, masterId, date);
    if (best === undefined || load < best.load) best = { masterId, load, decision };
  }
  if (best !== undefined) return { ok: true, masterId: best.masterId, decision: best.decision };
  return { ok: false, reason: refusals[0]?.reason ?? "outside-hours", refusals };
}

/** The times on `date` at least one master can take, each going to the master {@link chooseMaster} picks. */
export function slotsForAnyMaster(query: AnyMasterQuery & { date: PlainDate }): AnyMasterSlot[] {
  const starts = new Map<number, Date>();
  for (const offer of query.masters) {
    for (const start of candidateStarts({ ...query, ...offer })) starts.set(start.getTime(), start);
  }
  const slots: AnyMasterSlot[] = [];
  for (const start of [...starts.values()].sort((a, b) => a.getTime() - b.getTime())) {
    const choice = chooseMaster({ ...query, start });
    if (choice.ok) slots.push({ ...slotFrom(start, choice.decision, query.timeZone), masterId: choice.masterId });
  }
  return slots;
}
