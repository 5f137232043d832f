import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/database.ts";
import type { StartContext } from "../../platform/module.ts";
import type { Tables } from "./tables.ts";

/** Where the demo salon is, and what it is called. */
export const DEMO_SALON = { name: "Botyard Demo Salon", address: "Torstraße 1, 10119 Berlin", timeZone: "Europe/Berlin" } as const;

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7] as const;
/** 09:00-13:00 and 14:00-19:00: a lunch break between. */
const WORKING_DAY = [
  { start: 9 * 60, end: 13 * 60 },
  { start: 14 * 60, end: 19 * 60 },
];

/**
 * Seeds a demo salon for a bot that has no booking location yet, so a newcomer in the Playground
 * can book at once: four services (a haircut, a colouring with a clean-up buffer, a manicure, a
 * yoga class of five), three masters working every day with a lunch break, Anna linked to
 * `masterTelegramId` when given (she then gets the master's notices). Does nothing for a bot that
 * already has a location, so running it on every start changes nothing after the first.
 * Returns whether it seeded.
 */
export async function seedDemoSalon(database: Database, botId: string, options: { masterTelegramId?: number } = {}): Promise<boolean> {
  return database.transaction(async (platformTrx) => {
    const trx = platformTrx as unknown as Kysely<Tables>;
    // Two starts at once (a restart racing the old process) must not seed twice.
    await trx.selectFrom("bot").select("id").where("id", "=", botId).forUpdate().execute();
    const existing = await trx.selectFrom("booking_location").select("id").where("bot_id", "=", botId).executeTakeFirst();
    if (existing !== undefined) return false;

    const { id: locationId } = await trx
      .insertInto("booking_location")
      .values({ bot_id: botId, name: DEMO_SALON.name, address: DEMO_SALON.address, time_zone: DEMO_SALON.timeZone })
      .returning("id")
      .executeTakeFirstOrThrow();
    const service = async (values: { name: string; description: string; duration_min: number; price_minor: number; buffer_after_min?: number; slot_step_min: number; capacity?: number }) =>
      (
        await trx
          .insertInto("booking_service")
          .values({ bot_id: botId, currency: "EUR", prepayment_minor: null, ...values })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const haircut = await service({ name: "Haircut", description: "Wash, cut and style.", duration_min: 60, price_minor: 3500, slot_step_min: 30 });
    const colouring = await service({
      name: "Colouring",
      description: "Full colour; the chair is cleaned for 15 minutes after.",
      duration_min: 120,
      price_minor: 9000,
      buffer_after_min: 15,
      slot_step_min: 30,
    });
    const manicure = await service({ name: "Manicure", description: "Classic manicure.", duration_min: 45, price_minor: 2500, slot_step_min: 15 });
    const yoga = await service({ name: "Yoga class", description: "A group class for up to five.", duration_min: 60, price_minor: 1500, slot_step_min: 60, capacity: 5 });

    const master = async (name: string, telegramId: number | null) =>
      (
        await trx
          .insertInto("booking_master")
          .values({ bot_id: botId, location_id: locationId, display_name: name, telegram_id: telegramId })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const anna = await master("Anna", options.masterTelegramId ?? null);
    const boris = await master("Boris", null);
    const clara = await master("Clara", null);
    for (const masterId of [anna, boris, clara]) {
      await trx
        .insertInto("booking_weekly_hours")
        .values(EVERY_DAY.flatMap((weekday) => WORKING_DAY.map((hours) => ({ master_id: masterId, weekday, start_min: hours.start, end_min: hours.end }))))
        .execute();
    }
    const offers = (masterId: number, serviceId: number) => ({ master_id: masterId, service_id: serviceId, duration_min: null, price_minor: null });
    await trx
      .insertInto("booking_master_service")
      .values([offers(anna, haircut), offers(anna, colouring), offers(boris, haircut), offers(boris, manicure), offers(clara, manicure), offers(clara, yoga)])
      .execute();
    return true;
  });
}

/** In sandbox mode, seeds the demo salon for every bot with the booking module (the sandbox owner is Anna). */
export async function seedDemoSalonInSandbox(context: StartContext): Promise<void> {
  if (context.sandbox === undefined) return;
  for (const botId of context.botIds) {
    const seeded = await seedDemoSalon(context.database, botId, { masterTelegramId: context.sandbox.ownerTelegramId });
    if (seeded) context.logger.info({ bot: botId }, "demo salon seeded for the sandbox");
  }
}
