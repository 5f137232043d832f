import { zonedDay } from "../../../platform/domain/zoned-time.ts";
import { analyticsOf, type AnalyticsDay, type AnalyticsFigures, type AnalyticsInput, type AnalyticsMaster } from "../domain/analytics.ts";
import type { DateRange } from "../domain/schedule.ts";
import { holidaysOf, schedulesOf } from "./offerings.ts";
import { type Db } from "../tables.ts";

/** What the figures are grouped by besides the total. */
export type AnalyticsDimension = "location" | "master" | "service";

/** One group's figures with its name. */
export interface NamedFigures extends AnalyticsFigures {
  id: number;
  name: string;
}

export interface AnalyticsAnswer {
  from: string;
  to: string;
  by: AnalyticsDimension;
  total: AnalyticsFigures;
  groups: NamedFigures[];
  /** The total's figures of each day of the period, whatever the groups are. */
  days: AnalyticsDay[];
}

/** What `analyticsOf` reads for a bot's period, and the names of the locations, masters and services. */
export interface AnalyticsData {
  input: AnalyticsInput;
  names: Record<AnalyticsDimension, Map<number, string>>;
}

/**
 * Reads a bot's period for `analyticsOf`: its bookings with their location's zone, the hours of
 * its active masters and of any master with bookings in the period, and each client's first done
 * visit before the period's end (one pass over the done visits: a filter by the period's clients
 * made PostgreSQL plan a nested loop, 3 s for 5,000 bookings).
 */
export async function analyticsData(db: Db, botId: string, period: DateRange): Promise<AnalyticsData> {
  const locations = await db.selectFrom("booking_location").select(["id", "name", "time_zone"]).where("bot_id", "=", botId).execute();
  const zones = new Set(locations.map((location) => location.time_zone));
  if (zones.size === 0) zones.add("UTC");
  const start = new Date(Math.min(...[...zones].map((zone) => zonedDay(period.from, zone).start.getTime())));
  const end = new Date(Math.max(...[...zones].map((zone) => zonedDay(period.to, zone).end.getTime())));

  const inRange = db.selectFrom("booking").where("booking.bot_id", "=", botId).where("booking.starts_at", ">=", start).where("booking.starts_at", "<", end);
  const [bookings, firstDone, masters, services] = await Promise.all([
    inRange
      .innerJoin("booking_location", "booking_location.id", "booking.location_id")
      .select([
        "booking.status",
        "booking.cancelled_by",
        "booking.price_minor",
        "booking.currency",
        "booking.duration_min",
        "booking.master_id",
        "booking.service_id",
        "booking.location_id",
        "booking.client_id",
        "booking.starts_at",
        "booking_location.time_zone",
      ])
      .execute(),
    db
      .selectFrom("booking")
      .select(["client_id", (eb) => eb.fn.min("starts_at").as("first")])
      .where("bot_id", "=", botId)
      .where("status", "=", "done")
      .where("starts_at", "<", end)
      .groupBy("client_id")
      .execute(),
    db.selectFrom("booking_master").select(["id", "display_name", "location_id", "active"]).where("bot_id", "=", botId).execute(),
    db.selectFrom("booking_service").select(["id", "name"]).where("bot_id", "=", botId).execute(),
  ]);

  const booked = new Set(bookings.map((booking) => booking.master_id));
  const counted = masters.filter((master) => master.active || booked.has(master.id));
  const [schedules, holidays] = [await schedulesOf(db, counted.map((master) => master.id)), await holidaysOf(db, botId)];
  const input: AnalyticsInput = {
    period,
    bookings: bookings.map((row) => ({
      status: row.status,
      cancelledBy: row.cancelled_by,
      priceMinor: Number(row.price_minor),
      currency: row.currency,
      durationMin: row.duration_min,
      masterId: row.master_id,
      serviceId: row.service_id,
      locationId: row.location_id,
      clientId: row.client_id,
      startsAt: new Date(row.starts_at),
      timeZone: row.time_zone,
    })),
    masters: counted.flatMap((master): AnalyticsMaster[] => {
      const schedule = schedules.get(master.id);
      return schedule === undefined ? [] : [{ masterId: master.id, locationId: master.location_id, schedule }];
    }),
    holidays,
    firstDoneVisit: new Map(firstDone.map((row) => [row.client_id, new Date(row.first)])),
  };
  const names = {
    location: new Map(locations.map((location) => [location.id, location.name])),
    master: new Map(masters.map((master) => [master.id, master.display_name])),
    service: new Map(services.map((service) => [service.id, service.name])),
  };
  return { input, names };
}

/** A period's analytics of a bot (see `analyticsOf`), the groups of one dimension named. */
export async function bookingAnalytics(db: Db, botId: string, period: DateRange, by: AnalyticsDimension): Promise<AnalyticsAnswer> {
  const { input, names } = await analyticsData(db, botId, period);
  const report = analyticsOf(input);
  const groups = { location: report.byLocation, master: report.byMaster, service: report.byService }[by];
  return {
    from: period.from,
    to: period.to,
    by,
    total: report.total,
    groups: groups.map((group) => ({ ...group, name: names[by].get(group.id) ?? `#${group.id}` })),
    days: report.byDay,
  };
}
