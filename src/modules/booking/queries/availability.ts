import { datesOfMonth, zonedDay, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import { clientMayBookMore, type BookingIntent, type MasterOffer } from "../domain/decide-booking.ts";
import { slotsForAnyMaster } from "../domain/any-master.ts";
import { monthCalendar, type DayMarker } from "../domain/month-calendar.ts";
import { wishIsFull, type WaitlistWish } from "../domain/waitlist.ts";
import { rulesForService, type BookingRules } from "../domain/rules.ts";
import type { DateRange } from "../domain/schedule.ts";
import type { Occupancy } from "../domain/occupancy.ts";
import { occupanciesOf } from "./offerings.ts";
import { serviceOffer } from "./service-offer.ts";
import { type Db } from "../tables.ts";
import { presentSlot, type FreeSlot } from "../views.ts";

const DAY_MS = 86_400_000;

/**
 * What a client is shown for one service: for one master, or for "any master" (every active
 * master who offers it at the location). With several locations the client picks one first;
 * without `locationId` the location of the first master offering the service is meant.
 */
export interface AvailabilityQuery {
  botId: string;
  serviceId: number;
  masterId?: number;
  locationId?: number;
  now: Date;
  /** The client's upcoming bookings; staff looking on a client's behalf leave it out. */
  clientActiveBookings?: number;
}

interface Loaded {
  timeZone: string;
  rules: BookingRules;
  holidays: readonly DateRange[];
  masters: MasterOffer[];
  occupancies: Occupancy[];
  intent: BookingIntent;
}

async function load(db: Db, query: AvailabilityQuery, from: PlainDate, to: PlainDate): Promise<Loaded | undefined> {
  const offer = await serviceOffer(db, query.botId, query.serviceId);
  const offerings = (offer?.offerings ?? []).filter((offering) => offering.masterActive && (query.masterId === undefined || offering.masterId === query.masterId));
  const locationId = query.locationId ?? offerings[0]?.locationId;
  const here = offerings.filter((offering) => offering.locationId === locationId);
  const first = here[0];
  if (offer === undefined || first === undefined) return undefined;
  const range = { start: new Date(zonedDay(from, first.timeZone).start.getTime() - DAY_MS), end: new Date(zonedDay(to, first.timeZone).end.getTime() + DAY_MS) };
  const occupancies = await occupanciesOf(
    db,
    here.map((offering) => offering.masterId),
    range,
  );
  return {
    timeZone: first.timeZone,
    rules: rulesForService(offer.bot.rules, first.ruleOverrides),
    holidays: offer.holidays,
    masters: here.map(({ schedule, service }) => ({ schedule, service })),
    occupancies,
    intent: query.clientActiveBookings === undefined ? { kind: "admin" } : { kind: "new", clientActiveBookings: query.clientActiveBookings },
  };
}

/**
 * One marker per day of `month` ("2026-03"): free, busy, full or closed. A client at their
 * booking limit sees every day closed; ask `clientMayBookMore` first to tell them why.
 */
export async function monthAvailability(db: Db, query: AvailabilityQuery & { month: string }): Promise<DayMarker[]> {
  const dates = datesOfMonth(query.month);
  const loaded = await load(db, query, dates[0] ?? `${query.month}-01`, dates.at(-1) ?? `${query.month}-28`);
  if (loaded === undefined) return dates.map((date) => ({ date, load: "closed" }));
  return monthCalendar({ ...loaded, ...loaded.intent, now: query.now, month: query.month });
}

/** The times of `date` a client can book, earliest first; each names the master it goes to. */
export async function daySlots(db: Db, query: AvailabilityQuery & { date: PlainDate }): Promise<FreeSlot[]> {
  const loaded = await load(db, query, query.date, query.date);
  if (loaded === undefined) return [];
  if (loaded.intent.kind === "new" && !clientMayBookMore(loaded.intent.clientActiveBookings, loaded.rules)) return [];
  return slotsForAnyMaster({ ...loaded, ...loaded.intent, now: query.now, date: query.date }).map(presentSlot);
}

/**
 * Whether a waitlist wish is for a full day, or a taken time, now (see `wishIsFull`). The client's
 * own bookings do not count: it is the day that must be full, not the client's limit reached.
 */
export async function waitlistWishIsFull(db: Db, query: Omit<AvailabilityQuery, "clientActiveBookings"> & Pick<WaitlistWish, "date" | "timeMin">): Promise<boolean> {
  const loaded = await load(db, { ...query, clientActiveBookings: 0 }, query.date, query.date);
  return loaded !== undefined && wishIsFull({ ...loaded, ...loaded.intent, now: query.now }, query);
}
