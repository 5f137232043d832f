import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Kysely } from "kysely";
import { bookAppointment } from "../../../../src/modules/booking/commands/book-appointment.ts";
import { seedDemoSalon } from "../../../../src/modules/booking/demo-salon.ts";
import { deadlineBefore } from "../../../../src/modules/booking/domain/cancellation.ts";
import { formatVisitTime } from "../../../../src/modules/booking/domain/display.ts";
import { moveMineButton } from "../../../../src/modules/booking/callbacks.ts";
import { bookingModule } from "../../../../src/modules/booking/module.ts";
import type { Tables } from "../../../../src/modules/booking/tables.ts";
import { botHarness, type ApiCall, type BotHarness } from "../../../support/bot-harness.ts";
import { databaseKinds, migratedDatabase } from "../../../support/databases.ts";

const NINA = 881_001;

/** The callback data of the first button in `calls` whose data matches `pattern`. */
function buttonIn(calls: ApiCall[], pattern: RegExp): string {
  const markup = calls.map((call) => call.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined);
  const data = markup.flatMap((keyboard) => keyboard?.inline_keyboard?.flat() ?? []).map((button) => button.callback_data ?? "");
  const found = data.find((candidate) => pattern.test(candidate));
  assert.ok(found !== undefined, `no button ${String(pattern)} among ${JSON.stringify(data)}`);
  return found;
}

for (const kind of databaseKinds) {
  describe(`a client moving a booking in the bot, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingModule.migrations);
    let harness: BotHarness;

    before(async () => {
      harness = await botHarness({ database: suite.database, modules: [bookingModule], languages: ["en", "ru"], people: [{ id: NINA, first_name: "Нина", language_code: "ru" }] });
      await seedDemoSalon(suite.database, harness.botId);
    });

    test("a move whose window closed while the client was at Confirm is refused with the deadline in her language, and the booking stays", async () => {
      const db = suite.database.db as unknown as Kysely<Tables>;
      const anna = await db.selectFrom("booking_master").select("id").where("display_name", "=", "Anna").executeTakeFirstOrThrow();
      const haircut = await db.selectFrom("booking_service").select("id").where("name", "=", "Haircut").executeTakeFirstOrThrow();
      // Thursday 3 December, 12:00 in Berlin; moves are allowed until 24 hours before.
      const start = new Date("2026-12-03T11:00:00Z");
      const booked = await harness.runtime.run({ botId: harness.botId, personId: NINA, source: "bot" }, bookAppointment, { masterId: anna.id, serviceId: haircut.id, start, name: "Нина", phone: "+4915112345678" });
      assert.ok(booked.ok);
      const nina = harness.user({ id: NINA, first_name: "Нина", language_code: "ru" });

      const calendar = await nina.press(moveMineButton.data({ bookingId: booked.booking.id }));
      const times = await nina.press(buttonIn(calendar, /^f\d+:bk-d:2026-12-04$/));
      const summary = await nina.press(buttonIn(times, /^f\d+:bk-t:/));
      harness.clock.at = new Date("2026-12-02T12:00:00Z");
      const refused = await nina.press(buttonIn(summary, /^f\d+:bk-ok$/));

      const deadline = formatVisitTime(deadlineBefore(start, 24 * 60), "ru", "Europe/Berlin");
      const expected = harness.context.translator.translate(harness.botId, "ru", "booking-refused-reschedule-window", { deadline });
      assert.ok(expected.includes(deadline));
      assert.deepEqual(
        refused.filter((call) => call.method === "sendMessage").map((call) => call.payload.text),
        [expected],
      );
      const row = await db.selectFrom("booking").select(["starts_at", "reschedule_count", "status"]).where("id", "=", booked.booking.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { starts_at: start, reschedule_count: 0, status: "confirmed" });
    });
  });
}
