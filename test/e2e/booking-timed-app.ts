/**
 * A small salon in the app's bot for the booking module's time-bound stories, and, run as a
 * script, the app with the booking module in a child process whose clock is read from the file
 * named by BOOKING_TEST_CLOCK_FILE at every tick (test-only: a child process cannot share the
 * test's in-memory clock), ticking at the test intervals.
 */
import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import { loadConfig } from "../../src/config.ts";
import { runApp } from "../../src/main.ts";
import { bookingModule } from "../../src/modules/booking/module.ts";
import type { Tables } from "../../src/modules/booking/tables.ts";
import { createLogger } from "../../src/platform/log.ts";
import { TEST_INTERVALS } from "../support/app.ts";

/** The app's bot id when it runs on BOT_TOKEN alone. */
export const BOT = "main";

export interface TestSalon {
  anna: number;
  haircut: number;
  /** 90 min, 20.00 EUR prepayment, slot held 15 min. */
  colouring: number;
}

/**
 * A salon in Berlin in the app's bot: Anna works Mon-Sat 09:00-13:00 and 14:00-18:00; reminders
 * 25 h and 2 h before (a client can still cancel from the first: the cancel window is 24 h).
 */
export async function openTestSalon(db: Kysely<Tables>, botTelegramId: number): Promise<TestSalon> {
  await db
    .insertInto("bot")
    .values({ id: BOT, telegram_id: botTelegramId, username: "botyard_test_bot", settings: JSON.stringify({ timeZone: "Europe/Berlin", languages: ["en", "ru"], modules: null }) })
    .onConflict((conflict) => conflict.column("id").doNothing())
    .execute();
  await db.insertInto("booking_rules").values({ bot_id: BOT, min_notice_min: 60, horizon_days: 60, cancel_window_min: 1440, reschedule_window_min: 1440, max_reschedules: 2, max_active_per_client: 3, reminder_offsets_min: [1500, 120], hold_min: 15 }).execute();
  const { id: locationId } = await db.insertInto("booking_location").values({ bot_id: BOT, name: "Mitte", address: null, time_zone: "Europe/Berlin" }).returning("id").executeTakeFirstOrThrow();
  const service = (name: string, duration: number, prepayment: number | null) =>
    db
      .insertInto("booking_service")
      .values({ bot_id: BOT, name, description: null, duration_min: duration, price_minor: 8000, currency: "EUR", slot_step_min: 30, prepayment_minor: prepayment })
      .returning("id")
      .executeTakeFirstOrThrow()
      .then((row) => row.id);
  const haircut = await service("Haircut", 60, null);
  const colouring = await service("Colouring", 90, 2000);
  const { id: anna } = await db.insertInto("booking_master").values({ bot_id: BOT, location_id: locationId, display_name: "Anna", telegram_id: null }).returning("id").executeTakeFirstOrThrow();
  for (const weekday of [1, 2, 3, 4, 5, 6] as const) {
    await db
      .insertInto("booking_weekly_hours")
      .values([
        { master_id: anna, weekday, start_min: 540, end_min: 780 },
        { master_id: anna, weekday, start_min: 840, end_min: 1080 },
      ])
      .execute();
  }
  await db
    .insertInto("booking_master_service")
    .values([haircut, colouring].map((service_id) => ({ master_id: anna, service_id, duration_min: null, price_minor: null })))
    .execute();
  return { anna, haircut, colouring };
}

/** Monday 2 March 2026, 09:00 in Berlin. */
export const NOW = new Date("2026-03-02T08:00:00Z");

export function berlin(day: number, time: string): Date {
  return new Date(`2026-03-${String(day).padStart(2, "0")}T${time}:00+01:00`);
}

if (process.argv[1] === import.meta.filename) {
  const clockFile = process.env.BOOKING_TEST_CLOCK_FILE;
  if (clockFile === undefined) throw new Error("BOOKING_TEST_CLOCK_FILE is not set");
  const clock = { now: () => new Date(readFileSync(clockFile, "utf8").trim()) };
  const logger = createLogger({ level: "warn" });
  const app = await runApp(loadConfig(process.env), { logger, modules: [bookingModule], clock, ...TEST_INTERVALS });
  process.stdout.write(`${JSON.stringify({ ready: app.url })}\n`);
  process.once("SIGTERM", () => {
    void app.stop("SIGTERM").then(() => process.exit(0));
  });
}
