import { sql } from "kysely";
import type { BookingStatus, CancelledBy } from "../domain/status.ts";
import type { Db } from "../tables.ts";

/** The most clients one search lists; a longer query narrows it. */
export const CLIENT_SEARCH_LIMIT = 50;

/** A client as a search lists them. */
export interface ClientListing {
  id: number;
  name: string;
  phone: string | null;
  telegramLinked: boolean;
  bookings: number;
  lastVisitAt: string | null;
}

/** One booking on a client's card. */
export interface CardBooking {
  id: number;
  startsAt: string;
  status: BookingStatus;
  cancelledBy: CancelledBy | null;
  serviceName: string;
  masterName: string;
  timeZone: string;
  priceMinor: number;
  currency: string;
}

/** Everything staff know of a client: who, how to reach them, what they booked and what became of it. */
export interface ClientCard {
  id: number;
  name: string;
  phone: string | null;
  /** Staff's private note. */
  note: string | null;
  telegramLinked: boolean;
  since: string;
  /** The first and last visits marked done. */
  firstVisitAt: string | null;
  lastVisitAt: string | null;
  counts: { bookings: number; done: number; noShows: number; cancelled: number; upcoming: number };
  /** The price snapshots of the visits done, per currency. */
  spent: { currency: string; amountMinor: number }[];
  /** Every booking, latest first. */
  bookings: CardBooking[];
}

/** `50%_off` stays literal inside `like`. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * The bot's clients whose name holds `query` (any case) or whose phone holds its digits (three
 * or more), by name; every client (up to the limit) for an empty query. Merged records are left
 * out: their bookings moved to the client who stays.
 */
export async function searchClients(db: Db, botId: string, query: string): Promise<ClientListing[]> {
  const text = query.trim();
  const digits = text.replace(/\D/g, "");
  let rows = db
    .selectFrom("booking_client")
    .leftJoin("booking", "booking.client_id", "booking_client.id")
    .select([
      "booking_client.id",
      "booking_client.name",
      "booking_client.phone",
      "booking_client.telegram_id",
      (eb) => eb.fn.count<string>("booking.id").as("bookings"),
      sql<Date | null>`max(booking.starts_at) filter (where booking.status = 'done')`.as("last_visit"),
    ])
    .where("booking_client.bot_id", "=", botId)
    .where("booking_client.merged_into", "is", null);
  if (text !== "") {
    rows = rows.where((eb) =>
      eb.or([
        eb("booking_client.name", "ilike", `%${likeLiteral(text)}%`),
        ...(digits.length >= 3 ? [eb("booking_client.phone", "like", `%${digits}%`)] : []),
      ]),
    );
  }
  const found = await rows.groupBy("booking_client.id").orderBy("booking_client.name").orderBy("booking_client.id").limit(CLIENT_SEARCH_LIMIT).execute();
  return found.map((row) => ({
    id: row.id,
    name: row.name,
    phone: row.phone,
    telegramLinked: row.telegram_id !== null,
    bookings: Number(row.bookings),
    lastVisitAt: row.last_visit === null ? null : new Date(row.last_visit).toISOString(),
  }));
}

/** A client's card, or undefined when the bot has no such client. `now` tells upcoming bookings from past ones. */
export async function clientCard(db: Db, botId: string, clientId: number, now: Date): Promise<ClientCard | undefined> {
  const client = await db.selectFrom("booking_client").selectAll().where("bot_id", "=", botId).where("id", "=", clientId).executeTakeFirst();
  if (client === undefined) return undefined;
  const rows = await db
    .selectFrom("booking")
    .innerJoin("booking_service", "booking_service.id", "booking.service_id")
    .innerJoin("booking_master", "booking_master.id", "booking.master_id")
    .innerJoin("booking_location", "booking_location.id", "booking.location_id")
    .select([
      "booking.id",
      "booking.starts_at",
      "booking.status",
      "booking.cancelled_by",
      "booking_service.name as service_name",
      "booking_master.display_name as master_name",
      "booking_location.time_zone",
      "booking.price_minor",
      "booking.currency",
    ])
    .where("booking.client_id", "=", clientId)
    .orderBy("booking.starts_at", "desc")
    .orderBy("booking.id", "desc")
    .execute();
  const bookings = rows.map(
    (row): CardBooking => ({
      id: row.id,
      startsAt: new Date(row.starts_at).toISOString(),
      status: row.status,
      cancelledBy: row.cancelled_by,
      serviceName: row.service_name,
      masterName: row.master_name,
      timeZone: row.time_zone,
      priceMinor: Number(row.price_minor),
      currency: row.currency,
    }),
  );
  const visits = bookings.filter((booking) => booking.status === "done");
  const spent = new Map<string, number>();
  for (const visit of visits) spent.set(visit.currency, (spent.get(visit.currency) ?? 0) + visit.priceMinor);
  return {
    id: client.id,
    name: client.name,
    phone: client.phone,
    note: client.note,
    telegramLinked: client.telegram_id !== null,
    since: new Date(client.created_at).toISOString(),
    firstVisitAt: visits.at(-1)?.startsAt ?? null,
    lastVisitAt: visits[0]?.startsAt ?? null,
    counts: {
      bookings: bookings.length,
      done: visits.length,
      noShows: bookings.filter((booking) => booking.status === "no_show").length,
      cancelled: bookings.filter((booking) => booking.status === "cancelled").length,
      upcoming: bookings.filter((booking) => (booking.status === "pending" || booking.status === "confirmed") && new Date(booking.startsAt) > now).length,
    },
    spent: [...spent].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor })),
    bookings,
  };
}
