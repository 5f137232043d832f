/**
 * A busy week at the demo salon around `now`, for the pages the README shows: clients (one of
 * them a regular with a staff note), visits done, missed and cancelled earlier this week, today's
 * and tomorrow's confirmed, and a visit a month ago that makes some clients returning ones.
 * Needs {@link seedDemoSalon} first.
 */
import type { Kysely, Selectable } from "kysely";
import { DEMO_SALON } from "../../src/modules/booking/demo-salon.ts";
import type { Tables } from "../../src/modules/booking/tables.ts";
import type { Database } from "../../src/platform/db/database.ts";
import { addDays, instantToZoned, zonedBoundaryToInstant } from "../../src/platform/domain/zoned-time.ts";
import { OWNER_ID } from "../support/app.ts";

type Status = Tables["booking"]["status"];

const DAY_MS = 24 * 60 * 60 * 1000;

/** The regular whose card the screenshots open. */
export const DEMO_REGULAR = "Lena Vogel";

const CLIENTS = [DEMO_REGULAR, "Mia Schulz", "Jonas Weber", "Sofia Klein", "Paul Richter", "Emma Braun"];

/** Days from today, time, master, service, client, status. */
const VISITS: [days: number, time: string, master: string, service: string, client: string, status: Status][] = [
  [-30, "10:00", "Anna", "Haircut", DEMO_REGULAR, "done"],
  [-30, "15:00", "Clara", "Manicure", "Mia Schulz", "done"],
  [-2, "10:00", "Anna", "Colouring", DEMO_REGULAR, "done"],
  [-2, "11:00", "Boris", "Manicure", "Jonas Weber", "done"],
  [-1, "09:30", "Boris", "Haircut", "Paul Richter", "no_show"],
  [-1, "16:00", "Clara", "Yoga class", "Sofia Klein", "cancelled"],
  [0, "09:00", "Anna", "Haircut", "Mia Schulz", "confirmed"],
  [0, "11:00", "Anna", "Colouring", "Sofia Klein", "confirmed"],
  [0, "14:00", "Boris", "Haircut", "Emma Braun", "confirmed"],
  [0, "15:30", "Clara", "Manicure", DEMO_REGULAR, "confirmed"],
  [0, "17:00", "Anna", "Haircut", "Jonas Weber", "confirmed"],
  [1, "10:00", "Boris", "Manicure", "Paul Richter", "confirmed"],
  [1, "18:00", "Clara", "Yoga class", "Emma Braun", "confirmed"],
];

export async function seedDemoWeek(database: Database, botId: string, now: Date): Promise<void> {
  const db = database.db as unknown as Kysely<Tables>;
  const location = await db.selectFrom("booking_location").select("id").where("bot_id", "=", botId).executeTakeFirstOrThrow();
  const masters = new Map((await db.selectFrom("booking_master").select(["id", "display_name"]).where("bot_id", "=", botId).execute()).map((row) => [row.display_name, row.id]));
  const services = new Map((await db.selectFrom("booking_service").selectAll().where("bot_id", "=", botId).execute()).map((row) => [row.name, row]));
  const clients = new Map<string, number>();
  for (const [index, name] of CLIENTS.entries()) {
    const { id } = await db
      .insertInto("booking_client")
      .values({
        bot_id: botId,
        name,
        phone: `+4915100000${String(index + 10)}`,
        telegram_id: index % 3 === 2 ? null : 880_000 + index,
        note: name === DEMO_REGULAR ? "Prefers Anna; sensitive scalp" : null,
        created_at: new Date(now.getTime() - 45 * DAY_MS),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    clients.set(name, id);
  }
  const today = instantToZoned(now, DEMO_SALON.timeZone).date;
  for (const [days, time, master, serviceName, client, status] of VISITS) {
    const service = services.get(serviceName)!;
    const [hours, minutes] = time.split(":").map(Number) as [number, number];
    const start = zonedBoundaryToInstant(addDays(today, days), hours * 60 + minutes, DEMO_SALON.timeZone);
    await insertVisit(db, { botId, clientId: clients.get(client)!, masterId: masters.get(master)!, service, locationId: location.id, start, status });
  }
}

/** A visit as it stands in the database, at the service's price and length, made by the owner. */
export async function insertVisit(
  db: Kysely<Tables>,
  visit: { botId: string; clientId: number; masterId: number; service: Selectable<Tables["booking_service"]>; locationId: number; start: Date; status: Status },
): Promise<void> {
  const { service, start, status } = visit;
  await db
    .insertInto("booking")
    .values({
      bot_id: visit.botId,
      client_id: visit.clientId,
      master_id: visit.masterId,
      service_id: service.id,
      location_id: visit.locationId,
      class_session_id: null,
      starts_at: start,
      ends_at: new Date(start.getTime() + service.duration_min * 60_000),
      status,
      cancelled_by: status === "cancelled" ? "client" : null,
      price_minor: service.price_minor,
      currency: service.currency,
      duration_min: service.duration_min,
      prepayment_minor: null,
      hold_expires_at: null,
      created_by: OWNER_ID,
      created_via: "web",
    })
    .execute();
}
