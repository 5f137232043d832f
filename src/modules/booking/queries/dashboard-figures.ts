import { addDays, instantToZoned, weekdayOf, zonedDay, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import { bookingAnalytics } from "./analytics.ts";
import type { Db } from "../tables.ts";

/** The salon's day: "today" is the first open location's, else the bot's zone. */
export async function salonToday(db: Db, botId: string, now: Date, fallbackZone: string): Promise<PlainDate> {
  const location = await db.selectFrom("booking_location").select("time_zone").where("bot_id", "=", botId).where("active", "=", true).orderBy("id").executeTakeFirst();
  return instantToZoned(now, location?.time_zone ?? fallbackZone).date;
}

/** Visits of one day that are still on (not cancelled), per active master (those without any included), each in its location's zone. */
export async function visitsPerMaster(db: Db, botId: string, date: PlainDate): Promise<{ master: string; visits: number }[]> {
  const masters = await db
    .selectFrom("booking_master")
    .innerJoin("booking_location", "booking_location.id", "booking_master.location_id")
    .select(["booking_master.id", "booking_master.display_name", "booking_location.time_zone"])
    .where("booking_master.bot_id", "=", botId)
    .where("booking_master.active", "=", true)
    .orderBy("booking_master.id")
    .execute();
  if (masters.length === 0) return [];
  // Each master's day is the day of their location's zone: one bound per zone, one count per master.
  const zones = Map.groupBy(masters, (master) => master.time_zone);
  const rows = await db
    .selectFrom("booking")
    .select((eb) => ["master_id", eb.fn.countAll<string>().as("visits")])
    .where("status", "!=", "cancelled")
    .where((eb) =>
      eb.or(
        [...zones].map(([zone, inZone]) => {
          const day = zonedDay(date, zone);
          return eb.and([eb("master_id", "in", inZone.map((master) => master.id)), eb("starts_at", ">=", day.start), eb("starts_at", "<", day.end)]);
        }),
      ),
    )
    .groupBy("master_id")
    .execute();
  const visits = new Map(rows.map((row) => [row.master_id, Number(row.visits)]));
  return masters.map((master) => ({ master: master.display_name, visits: visits.get(master.id) ?? 0 }));
}

/** Monday to Sunday of the week `date` is in. */
export function weekOf(date: PlainDate): { from: PlainDate; to: PlainDate } {
  const from = addDays(date, 1 - weekdayOf(date));
  return { from, to: addDays(from, 6) };
}

/**
 * A week as the owner reads it: money booked (visits not cancelled, at the price they were booked
 * at) and money done, per currency; no-shows and cancellations; new and returning clients.
 */
export async function weekFigures(db: Db, botId: string, week: { from: PlainDate; to: PlainDate }) {
  const { total } = await bookingAnalytics(db, botId, week, "location");
  const locations = await db.selectFrom("booking_location").select("time_zone").where("bot_id", "=", botId).execute();
  const zones = locations.length === 0 ? ["UTC"] : [...new Set(locations.map((location) => location.time_zone))];
  const booked = await db
    .selectFrom("booking")
    .innerJoin("booking_location", "booking_location.id", "booking.location_id")
    .select(["booking.currency", "booking.price_minor", "booking.starts_at", "booking_location.time_zone"])
    .where("booking.bot_id", "=", botId)
    .where("booking.status", "!=", "cancelled")
    .where("booking.starts_at", ">=", new Date(Math.min(...zones.map((zone) => zonedDay(week.from, zone).start.getTime()))))
    .where("booking.starts_at", "<", new Date(Math.max(...zones.map((zone) => zonedDay(week.to, zone).end.getTime()))))
    .execute();
  const bookedMoney = new Map<string, number>();
  for (const row of booked) {
    const day = instantToZoned(new Date(row.starts_at), row.time_zone).date;
    if (day < week.from || day > week.to) continue;
    bookedMoney.set(row.currency, (bookedMoney.get(row.currency) ?? 0) + Number(row.price_minor));
  }
  return {
    booked: [...bookedMoney].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor })),
    done: total.revenue,
    noShows: total.noShows,
    cancelled: total.cancelled.total,
    newClients: total.clients - total.returningClients,
    returningClients: total.returningClients,
  };
}
