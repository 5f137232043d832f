import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { addDays, instantToZoned } from "../../../src/platform/domain/zoned-time.ts";
import { seedDemoSalon } from "../../../src/modules/booking/demo-salon.ts";
import { bookingMigrations } from "../../../src/modules/booking/module.ts";
import { daySlots } from "../../../src/modules/booking/queries/availability.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { tablesOf } from "./salon.ts";

const BOT = "demo";

for (const kind of databaseKinds) {
  describe(`the sandbox demo salon on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingMigrations);
    const counts = async () => {
      const { db } = tablesOf(suite.database);
      const count = async (table: "booking_location" | "booking_service" | "booking_master" | "booking_weekly_hours" | "booking_master_service") =>
        Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
      return {
        locations: await count("booking_location"),
        services: await count("booking_service"),
        masters: await count("booking_master"),
        hours: await count("booking_weekly_hours"),
        offers: await count("booking_master_service"),
      };
    };

    test("is seeded once: a second start changes nothing", async () => {
      const { db } = tablesOf(suite.database);
      await db.insertInto("bot").values({ id: BOT, telegram_id: 555, username: "demo_bot", settings: JSON.stringify({ timeZone: "UTC", languages: ["en"], modules: null }) }).execute();
      assert.equal(await seedDemoSalon(suite.database, BOT, { masterTelegramId: 1001 }), true);
      const first = await counts();
      assert.deepEqual(first, { locations: 1, services: 4, masters: 3, hours: 3 * 7 * 2, offers: 6 });
      assert.equal(await seedDemoSalon(suite.database, BOT, { masterTelegramId: 1001 }), false);
      assert.deepEqual(await counts(), first);
    });

    test("has haircut, colouring with a buffer, manicure and a yoga class of five, and Anna linked to the sandbox owner", async () => {
      const { db } = tablesOf(suite.database);
      const services = await db.selectFrom("booking_service").select(["name", "duration_min", "buffer_after_min", "capacity"]).where("bot_id", "=", BOT).orderBy("id").execute();
      assert.deepEqual(services, [
        { name: "Haircut", duration_min: 60, buffer_after_min: 0, capacity: 1 },
        { name: "Colouring", duration_min: 120, buffer_after_min: 15, capacity: 1 },
        { name: "Manicure", duration_min: 45, buffer_after_min: 0, capacity: 1 },
        { name: "Yoga class", duration_min: 60, buffer_after_min: 0, capacity: 5 },
      ]);
      const anna = await db.selectFrom("booking_master").select("telegram_id").where("display_name", "=", "Anna").executeTakeFirstOrThrow();
      assert.equal(anna.telegram_id, 1001);
    });

    test("offers times tomorrow for every service, around a lunch break", async () => {
      const { db } = tablesOf(suite.database);
      const now = new Date();
      const tomorrow = addDays(instantToZoned(now, "Europe/Berlin").date, 1);
      const services = await db.selectFrom("booking_service").select(["id", "name"]).where("bot_id", "=", BOT).execute();
      for (const service of services) {
        const slots = await daySlots(db, { botId: BOT, serviceId: service.id, now, clientActiveBookings: 0, date: tomorrow });
        assert.ok(slots.length > 0, `${service.name} has times tomorrow`);
        assert.equal(slots[0]?.time, "09:00", `${service.name} starts at opening`);
        assert.ok(!slots.some((slot) => slot.time === "13:00"), `${service.name} has no time in the lunch break`);
      }
    });
  });
}
