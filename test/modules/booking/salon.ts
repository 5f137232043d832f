import type { Kysely, Transaction } from "kysely";
import type { Tables } from "../../../src/modules/booking/tables.ts";
import type { Actor } from "../../../src/platform/audit/use-case.ts";
import type { Database } from "../../../src/platform/db/database.ts";

/** A small salon in Berlin to book in: two masters, a haircut, a paid colouring and a yoga class. */
export interface Salon {
  botId: string;
  locationId: number;
  /** Works Mon-Sat 09:00-13:00 and 14:00-18:00 (a lunch break). */
  anna: number;
  /** Same hours; cuts for her own price and in 45 minutes. */
  boris: number;
  /** Offers nothing. */
  clara: number;
  /** 60 min, 10 min buffer after, every 30 min, 30.00 EUR. */
  haircut: number;
  /** 90 min with a 20.00 EUR prepayment (slot held 15 min). */
  colouring: number;
  /** A class of 5, 60 min, every 60 min. */
  yoga: number;
}

let bots = 0;

/** Fresh ids per call, so tests sharing one database never see each other's salon. */
export async function openSalon(db: Kysely<Tables>): Promise<Salon> {
  bots += 1;
  const botId = `salon-${process.pid}-${bots}`;
  await db
    .insertInto("bot")
    .values({ id: botId, telegram_id: 100 + bots, username: botId, settings: JSON.stringify({ timeZone: "Europe/Berlin", languages: ["en"], modules: null }) })
    .execute();
  const { id: locationId } = await db
    .insertInto("booking_location")
    .values({ bot_id: botId, name: "Mitte", address: "Torstraße 1", time_zone: "Europe/Berlin" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const service = (values: { name: string; duration_min: number; price_minor: number; buffer_after_min?: number; slot_step_min?: number; capacity?: number; prepayment_minor?: number }) =>
    db
      .insertInto("booking_service")
      .values({ bot_id: botId, currency: "EUR", description: null, prepayment_minor: null, ...values })
      .returning("id")
      .executeTakeFirstOrThrow()
      .then((row) => row.id);
  const haircut = await service({ name: "Haircut", duration_min: 60, price_minor: 3000, buffer_after_min: 10, slot_step_min: 30 });
  const colouring = await service({ name: "Colouring", duration_min: 90, price_minor: 8000, slot_step_min: 30, prepayment_minor: 2000 });
  const yoga = await service({ name: "Yoga", duration_min: 60, price_minor: 1500, slot_step_min: 60, capacity: 5 });
  const master = (name: string) =>
    db
      .insertInto("booking_master")
      .values({ bot_id: botId, location_id: locationId, display_name: name, telegram_id: null })
      .returning("id")
      .executeTakeFirstOrThrow()
      .then((row) => row.id);
  const anna = await master("Anna");
  const boris = await master("Boris");
  const clara = await master("Clara");
  for (const id of [anna, boris]) {
    for (const weekday of [1, 2, 3, 4, 5, 6] as const) {
      await db
        .insertInto("booking_weekly_hours")
        .values([
          { master_id: id, weekday, start_min: 9 * 60, end_min: 13 * 60 },
          { master_id: id, weekday, start_min: 14 * 60, end_min: 18 * 60 },
        ])
        .execute();
    }
  }
  await db
    .insertInto("booking_master_service")
    .values([
      { master_id: anna, service_id: haircut, duration_min: null, price_minor: null },
      { master_id: anna, service_id: colouring, duration_min: null, price_minor: null },
      { master_id: anna, service_id: yoga, duration_min: null, price_minor: null },
      { master_id: boris, service_id: haircut, duration_min: 45, price_minor: 3500 },
    ])
    .execute();
  return { botId, locationId, anna, boris, clara, haircut, colouring, yoga };
}

/** A client acting in the bot: their Telegram id is the person id. */
export function clientActor(salon: Salon, telegramId: number): Actor {
  return { botId: salon.botId, personId: telegramId, source: "bot" };
}

export function staffActor(salon: Salon, telegramId = 9000): Actor {
  return { botId: salon.botId, personId: telegramId, source: "web", ip: "10.0.0.9" };
}

/** Monday 2 March 2026, 08:00 UTC (09:00 in Berlin). */
export const NOW = new Date("2026-03-02T08:00:00Z");

/** An instant on the Berlin wall clock in March 2026 before the clocks change (UTC+1). */
export function berlin(day: number, time: string): Date {
  return new Date(`2026-03-${String(day).padStart(2, "0")}T${time}:00+01:00`);
}

export const hours = (n: number) => n * 3_600_000;

/** The module's tables on the suite's database; the platform types only know the platform's. */
export function tablesOf(database: Database) {
  return {
    db: database.db as unknown as Kysely<Tables>,
    transaction: <T>(work: (trx: Transaction<Tables>) => Promise<T>) => database.transaction((trx) => work(trx as unknown as Transaction<Tables>)),
  };
}

/** Audit rows of one booking, oldest first. */
export async function auditOf(db: Kysely<Tables>, bookingId: number) {
  return db.selectFrom("audit_log").select(["action", "actor_id", "source"]).where("object_type", "=", "booking").where("object_id", "=", String(bookingId)).orderBy("id").execute();
}

/** Writes a booking as it stands after its life so far (analytics only reads). */
export async function pastBooking(
  db: Kysely<Tables>,
  salon: Salon,
  row: {
    clientId: number;
    masterId: number;
    serviceId: number;
    start: Date;
    status: Tables["booking"]["status"];
    cancelledBy?: "client" | "staff" | "hold-expired";
    priceMinor: number;
    durationMin: number;
    /** When it was made; a day before its start unless told. */
    createdAt?: Date;
  },
): Promise<number> {
  const { id } = await db
    .insertInto("booking")
    .values({
      bot_id: salon.botId,
      client_id: row.clientId,
      master_id: row.masterId,
      service_id: row.serviceId,
      location_id: salon.locationId,
      class_session_id: null,
      starts_at: row.start,
      ends_at: new Date(row.start.getTime() + row.durationMin * 60_000),
      status: row.status,
      cancelled_by: row.cancelledBy ?? null,
      price_minor: row.priceMinor,
      currency: "EUR",
      duration_min: row.durationMin,
      prepayment_minor: null,
      hold_expires_at: null,
      created_by: null,
      created_via: "web",
      created_at: row.createdAt ?? new Date(row.start.getTime() - 86_400_000),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** A client of the salon: phone-only, or linked to a Telegram account. */
export async function newClient(db: Kysely<Tables>, salon: Salon, name: string, telegramId: number | null = null, phone: string | null = null): Promise<number> {
  const { id } = await db.insertInto("booking_client").values({ bot_id: salon.botId, telegram_id: telegramId, name, phone }).returning("id").executeTakeFirstOrThrow();
  return id;
}
