/**
 * Time off in the bot, end to end through the emulator: an admin blocks two hours of Anna's day
 * that hold Alice's visit, sees it with Boris free at the same time, moves it to him and applies;
 * Alice, Anna and Boris are told, the engine offers Anna nothing in the block. A master without
 * booking.manage does not see the entry (the handlers are guarded by the permission too). A holiday
 * set in the bot lists Alice's Tuesday visit with Boris (nobody is free: cancel only), closes the
 * salon that day for clients, and its Remove button opens the day again.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Message } from "@grammyjs/types";
import type { Kysely, Transaction } from "kysely";
import type { RunningApp } from "../../src/main.ts";
import { seedDemoSalon } from "../../src/modules/booking/demo-salon.ts";
import type { Tables } from "../../src/modules/booking/tables.ts";
import { adminBook } from "../../src/modules/booking/commands/admin-book.ts";
import { daySlots } from "../../src/modules/booking/queries/availability.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { appEnv, OWNER_ID, startAppInProcess, startEmulator, shippedMigrations } from "../support/app.ts";
import { storyDatabaseKinds, type TestDatabase } from "../support/databases.ts";
import { TelegramUser } from "../support/telegram-user.ts";
import { runIn } from "../modules/booking/commands-support.ts";

/** Monday 2 March 2026, 08:00 in Berlin: the demo salon opens at 09:00. */
const MONDAY_MORNING = new Date("2026-03-02T07:00:00Z");
/** 12:00 that day in Berlin. */
const NOON = new Date("2026-03-02T11:00:00Z");
/** 12:00 on Tuesday 3 March in Berlin. */
const TUESDAY_NOON = new Date("2026-03-03T11:00:00Z");

function pressData(user: TelegramUser, message: Message, suffix: string): void {
  const button = message.reply_markup?.inline_keyboard.flat().find((candidate) => "callback_data" in candidate && candidate.callback_data?.endsWith(suffix));
  if (button === undefined || !("callback_data" in button) || button.callback_data === undefined) throw new Error(`no button ending "${suffix}"`);
  user.press(message, button.callback_data);
}

for (const kind of storyDatabaseKinds) {
  describe(`time off in the bot on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let olga: TelegramUser;
    let anna: TelegramUser;
    let boris: TelegramUser;
    let alice: TelegramUser;
    let ids: { anna: number; boris: number; haircut: number };
    const clock = { now: () => MONDAY_MORNING };
    const db = () => app.database.db as unknown as Kysely<Tables>;

    before(async () => {
      database = await kind.fresh(shippedMigrations);
      emulator = await startEmulator();
      olga = new TelegramUser(emulator.control, { first_name: "Olga", language_code: "en" });
      anna = new TelegramUser(emulator.control, { first_name: "Anna", language_code: "en" });
      boris = new TelegramUser(emulator.control, { first_name: "Boris", language_code: "en" });
      alice = new TelegramUser(emulator.control, { first_name: "Alice", language_code: "en" });
      app = await startAppInProcess(appEnv(emulator.url, database, { USER_RATE_LIMIT: "1000/60s" }), undefined, { clock });
      await seedDemoSalon(app.database, "main", { masterTelegramId: anna.id });
      await db().updateTable("booking_master").set({ telegram_id: boris.id }).where("display_name", "=", "Boris").execute();
      await db().insertInto("role").values({ bot_id: "main", telegram_id: olga.id, role: "admin", granted_by: OWNER_ID }).execute();
      await db().insertInto("role").values({ bot_id: "main", telegram_id: anna.id, role: "master", granted_by: OWNER_ID }).execute();
      await db().insertInto("booking_client").values({ bot_id: "main", telegram_id: alice.id, name: "Alice Smith", phone: "+4915112345678" }).execute();
      const idOf = async (name: string) => (await db().selectFrom("booking_master").select("id").where("display_name", "=", name).executeTakeFirstOrThrow()).id;
      ids = { anna: await idOf("Anna"), boris: await idOf("Boris"), haircut: (await db().selectFrom("booking_service").select("id").where("name", "=", "Haircut").executeTakeFirstOrThrow()).id };
      for (const [masterId, start] of [
        [ids.anna, NOON],
        [ids.boris, TUESDAY_NOON],
      ] as const) {
        const booked = await app.database.transaction((trx) =>
          runIn(trx as unknown as Transaction<Tables>, { botId: "main", personId: OWNER_ID, source: "web" }, adminBook, {
            masterId,
            serviceId: ids.haircut,
            start,
            now: MONDAY_MORNING,
            client: { name: "Alice Smith", phone: "+4915112345678" },
          }),
        );
        assert.ok(booked.ok, `Alice's visit at ${start.toISOString()}`);
      }
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
    });

    test("an admin blocks 11:30-13:30 of Anna's day: Alice's visit is listed with Boris free, moved to him on Apply; everyone is told and Anna has no time there", async () => {
      olga.send("/start");
      olga.pressButton(await olga.replyContaining("What would you like to do?"), "Time off");
      olga.pressButton(await olga.replyContaining("Time off: whose time?"), "Anna");
      pressData(olga, await olga.replyContaining("Anna: which day?"), "to-d:2026-03-02");
      olga.pressButton(await olga.replyContaining("the whole day off, or a few hours?"), "Block hours");
      await olga.replyContaining("Type the hours to block");
      olga.send("25:00-13:30");
      await olga.replyContaining("Please type the hours as a start and a later end");
      olga.send("11:30-13:30");
      const hits = await olga.replyContaining("This hits a booking.");
      assert.match(hits.text ?? "", /1\. 12:00–13:00 Haircut, Alice Smith \+4915112345678/);
      assert.deepEqual(hits.reply_markup?.inline_keyboard.flat().map((button) => button.text), ["→ Boris", "✖ Cancel it", "Cancel"]);
      assert.equal(await db().selectFrom("booking_occupancy").select("id").where("kind", "=", "block").executeTakeFirst(), undefined, "nothing blocked before Apply");

      olga.pressButton(hits, "→ Boris");
      const chosen = await olga.next((entry) => entry.direction === "edit" && (entry.message?.reply_markup?.inline_keyboard.flat().some((button) => button.text === "✅ → Boris") ?? false));
      olga.pressButton(chosen.message as Message, "Apply");
      await olga.replyContaining("Done: time off for Anna on Monday, March 2 saved. Bookings moved: 1, cancelled: 0.");

      const visit = await db().selectFrom("booking").select(["master_id", "status", "starts_at"]).where("starts_at", "=", NOON).executeTakeFirstOrThrow();
      assert.deepEqual(visit, { master_id: ids.boris, status: "confirmed", starts_at: NOON });
      await alice.replyContaining("Your booking was moved by the salon: Haircut with Boris");
      await anna.replyContaining("Booking moved to Boris: Haircut");
      await boris.replyContaining("Booking moved: Haircut");
      const annasTimes = (await daySlots(db(), { botId: "main", serviceId: ids.haircut, masterId: ids.anna, date: "2026-03-02", now: MONDAY_MORNING })).map((slot) => slot.time);
      assert.ok(annasTimes.includes("10:00") && annasTimes.includes("14:00"), `Anna is offered ${annasTimes.join(", ")}`);
      assert.ok(!annasTimes.some((time) => time > "10:30" && time < "13:30"), `nothing that runs into the block: ${annasTimes.join(", ")}`);
    });

    test("a holiday on Tuesday set in the bot lists Alice's visit with Boris to cancel, then no master has a slot that day for a client; Remove opens it again", async () => {
      const tuesdaySlots = () => daySlots(db(), { botId: "main", serviceId: ids.haircut, date: "2026-03-03", now: MONDAY_MORNING });
      assert.ok((await tuesdaySlots()).length > 0, "Tuesday is open before");
      olga.send("/start");
      olga.pressButton(await olga.replyContaining("What would you like to do?"), "Time off");
      olga.pressButton(await olga.replyContaining("Time off: whose time?"), "Holiday (whole salon)");
      pressData(olga, await olga.replyContaining("Holiday: which day is the whole salon closed?"), "to-d:2026-03-03");
      const hits = await olga.replyContaining("This hits a booking.");
      assert.match(hits.text ?? "", /1\. Boris: 12:00–13:00 Haircut, Alice Smith/);
      assert.deepEqual(hits.reply_markup?.inline_keyboard.flat().map((button) => button.text), ["✖ Cancel it", "Cancel"]);
      olga.pressButton(hits, "Cancel it");
      const chosen = await olga.next((entry) => entry.direction === "edit" && (entry.message?.reply_markup?.inline_keyboard.flat().some((button) => button.text === "✅ ✖ Cancel it") ?? false));
      olga.pressButton(chosen.message as Message, "Apply");
      await olga.replyContaining("Done: the salon is closed on Tuesday, March 3. Bookings moved: 0, cancelled: 1.");
      await alice.replyContaining("cancelled");
      assert.deepEqual(await tuesdaySlots(), [], "no slot with anyone on the holiday");
      const visit = await db().selectFrom("booking").select("status").where("starts_at", "=", TUESDAY_NOON).executeTakeFirstOrThrow();
      assert.equal(visit.status, "cancelled");

      olga.send("/start");
      olga.pressButton(await olga.replyContaining("What would you like to do?"), "Time off");
      const listed = await olga.replyContaining("Upcoming holidays:");
      assert.match(listed.text ?? "", /• Tuesday, March 3/);
      olga.pressButton(listed, "Remove holiday Tuesday, March 3");
      await olga.replyContaining("Holiday removed");
      assert.ok((await tuesdaySlots()).length > 0, "Tuesday is open again");
    });

    test("a master does not see Time off in the home menu", async () => {
      anna.send("/start");
      const home = await anna.replyContaining("What would you like to do?");
      const labels = home.reply_markup?.inline_keyboard.flat().map((button) => button.text) ?? [];
      assert.ok(labels.some((label) => label.includes("My day")), `a master's menu: ${labels.join(", ")}`);
      assert.ok(!labels.some((label) => label.includes("Time off")));
    });
  });
}
