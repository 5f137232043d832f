import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { InlineKeyboardButton, Message } from "@grammyjs/types";
import type { Kysely } from "kysely";
import { seedDemoSalon } from "../../src/modules/booking/demo-salon.ts";
import { rulesOfService } from "../../src/modules/booking/queries/rules.ts";
import { type Tables } from "../../src/modules/booking/tables.ts";
import { daySlots } from "../../src/modules/booking/queries/availability.ts";
import type { RunningApp } from "../../src/main.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { appEnv, OWNER_ID, startAppInProcess, startEmulator, shippedMigrations } from "../support/app.ts";
import { storyDatabaseKinds, type TestDatabase } from "../support/databases.ts";
import { TelegramUser } from "../support/telegram-user.ts";

/** Monday 2 March 2026, 08:00 in Berlin: the demo salon opens at 09:00. */
const MONDAY_MORNING = new Date("2026-03-02T07:00:00Z");

function buttons(message: Message): InlineKeyboardButton.CallbackButton[] {
  return (message.reply_markup?.inline_keyboard.flat() ?? []).filter((button): button is InlineKeyboardButton.CallbackButton => "callback_data" in button);
}

/** Presses the button whose callback data ends with `suffix` (a calendar day). */
function pressData(user: TelegramUser, message: Message, suffix: string): void {
  const button = buttons(message).find((candidate) => candidate.callback_data.endsWith(suffix));
  if (button === undefined) throw new Error(`no button ending "${suffix}" in ${JSON.stringify(message.reply_markup)}`);
  user.press(message, button.callback_data);
}

for (const kind of storyDatabaseKinds) {
  describe(`the salon's admin area in the bot on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let olga: TelegramUser;
    let pyotr: TelegramUser;
    let anna: TelegramUser;
    let boris: TelegramUser;
    let alice: TelegramUser;
    const clock = { at: MONDAY_MORNING, now: () => clock.at };
    const cleanups: (() => Promise<unknown>)[] = [];
    const db = () => app.database.db as unknown as Kysely<Tables>;

    before(async () => {
      database = await kind.fresh(shippedMigrations);
      cleanups.push(() => database.drop());
      emulator = await startEmulator();
      cleanups.push(() => emulator.close());
      olga = new TelegramUser(emulator.control, { first_name: "Olga", language_code: "en" });
      pyotr = new TelegramUser(emulator.control, { first_name: "Pyotr", language_code: "ru" });
      anna = new TelegramUser(emulator.control, { first_name: "Anna", language_code: "en" });
      boris = new TelegramUser(emulator.control, { first_name: "Boris", language_code: "en" });
      alice = new TelegramUser(emulator.control, { first_name: "Alice", language_code: "en" });
      app = await startAppInProcess(appEnv(emulator.url, database, { USER_RATE_LIMIT: "1000/60s" }), undefined, { clock });
      cleanups.push(() => app.stop("test over"));
      await seedDemoSalon(app.database, "main", { masterTelegramId: anna.id });
      await db().updateTable("booking_master").set({ telegram_id: boris.id }).where("display_name", "=", "Boris").execute();
      for (const admin of [olga, pyotr]) await db().insertInto("role").values({ bot_id: "main", telegram_id: admin.id, role: "admin", granted_by: OWNER_ID }).execute();
      // Alice booked in the bot before and shared her phone: a client with a chat.
      await db().insertInto("booking_client").values({ bot_id: "main", telegram_id: alice.id, name: "Alice Smith", phone: "+4915112345678" }).execute();
    });
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    /** From the admin's /salon to a time of the 4th of March with a master; returns the next bot message. */
    const chooseTime = async (admin: TelegramUser, choice: { master: string; time: string; texts: { salon: string; service: string; master: string; day: string; time: string } }) => {
      admin.send("/salon");
      admin.pressButton(await admin.replyContaining(choice.texts.salon), "➕");
      admin.pressButton(await admin.replyContaining(choice.texts.service), "Haircut");
      admin.pressButton(await admin.replyContaining(choice.texts.master), choice.master);
      pressData(admin, await admin.replyContaining(choice.texts.day), "bk-d:2026-03-04");
      admin.pressButton(await admin.replyContaining(choice.texts.time), choice.time);
      return admin.reply();
    };
    const inEnglish = { salon: "Salon administration", service: "Which service?", master: "which master?", day: "Choose a day", time: "choose a time" };

    test("an admin books a phone-only walk-in from the home menu: service, master, day, time, name, phone typed, summary, confirm; the master is told", async () => {
      olga.send("/start");
      olga.pressButton(await olga.replyContaining("What would you like to do?"), "Salon");
      olga.pressButton(await olga.replyContaining("Salon administration"), "New booking");
      olga.pressButton(await olga.replyContaining("New booking for a client. Which service?"), "Haircut");
      const masters = await olga.replyContaining("Haircut: which master?");
      assert.deepEqual(buttons(masters).map((button) => button.text), ["Anna", "Boris", "Any master", "Cancel"]);
      olga.pressButton(masters, "Anna");
      pressData(olga, await olga.replyContaining("Choose a day"), "bk-d:2026-03-04");
      const times = await olga.replyContaining("Wednesday, March 4, Anna: choose a time.");
      assert.equal(buttons(times)[0]?.text, "09:00");
      olga.pressButton(times, "10:00");
      await olga.replyContaining("The client's name?");
      olga.send("Walk-in Wanda");
      await olga.replyContaining("The client's phone number");
      olga.send("0049 151 0000 0001");
      const summary = await olga.replyContaining("Please check the booking:");
      assert.match(summary.text ?? "", /Master: Anna\nWhen: Wed, March 4, 2026 at 10:00\nPrice: €35\.00\nClient: Walk-in Wanda, \+4915100000001/);
      olga.pressButton(summary, "Confirm");
      await olga.replyContaining("Booked: Haircut with Anna, Wed, March 4, 2026 at 10:00, for Walk-in Wanda, +4915100000001.");

      const notice = await anna.replyContaining("New booking");
      assert.equal(notice.text, "New booking: Haircut, Wed, March 4, 2026 at 10:00. Client: Walk-in Wanda, +4915100000001.");
      const booked = await db()
        .selectFrom("booking")
        .innerJoin("booking_client", "booking_client.id", "booking.client_id")
        .select(["booking.status", "booking.created_via", "booking_client.telegram_id"])
        .where("booking_client.name", "=", "Walk-in Wanda")
        .executeTakeFirstOrThrow();
      assert.deepEqual(booked, { status: "confirmed", created_via: "bot", telegram_id: null }, "a phone-only client, booked from the bot");
      const audit = await db().selectFrom("audit_log").select(["action", "actor_id"]).where("action", "=", "booking.admin-book").execute();
      assert.deepEqual(audit, [{ action: "booking.admin-book", actor_id: olga.id }]);
    });

    test("an admin books a client who uses the bot by their phone, then moves the visit to another master and cancels it; the client and the masters are told each time", async () => {
      const nameAsked = await chooseTime(olga, { master: "Anna", time: "11:00", texts: inEnglish });
      assert.match(nameAsked.text ?? "", /The client's name\?/);
      olga.send("Alice");
      await olga.replyContaining("phone number");
      olga.send("+49 151 1234 5678");
      const summary = await olga.replyContaining("Please check the booking:");
      assert.match(summary.text ?? "", /Client: Alice Smith, \+4915112345678 \(a known client, uses the bot: they will be told\)/);
      olga.pressButton(summary, "Confirm");
      const booked = await olga.replyContaining("Booked: Haircut with Anna, Wed, March 4, 2026 at 11:00, for Alice Smith");
      await alice.replyContaining("You are booked: Haircut with Anna, Wed, March 4, 2026 at 11:00 (Botyard Demo Salon). See you!");
      await anna.replyContaining("New booking: Haircut, Wed, March 4, 2026 at 11:00. Client: Alice Smith");

      olga.pressButton(booked, "Wednesday, March 4");
      const day = await olga.replyContaining("Bookings, Wednesday, March 4:");
      assert.match(day.text ?? "", /Anna\n• 10:00 · Haircut · Walk-in Wanda, \+4915100000001 — confirmed\n• 11:00 · Haircut · Alice Smith, \+4915112345678 — confirmed/);
      olga.pressButton(day, "🔁 11:00 Alice Smith");
      await olga.replyContaining("Moving: Alice Smith, Haircut with Anna, Wed, March 4, 2026 at 11:00.");
      olga.pressButton(await olga.replyContaining("Wednesday, March 4, Anna: choose a time."), "Another master");
      const masters = await olga.replyContaining("Haircut: which master?");
      assert.deepEqual(buttons(masters).map((button) => button.text), ["Anna ✓", "Boris", "Cancel"], "a move keeps one master: no 'any'");
      olga.pressButton(masters, "Boris");
      olga.pressButton(await olga.replyContaining("Wednesday, March 4, Boris: choose a time."), "15:00");
      const moveSummary = await olga.replyContaining("Move Alice Smith's booking (Haircut)?");
      assert.match(moveSummary.text ?? "", /From: Wed, March 4, 2026 at 11:00, Anna\nTo: Wed, March 4, 2026 at 15:00, Boris/);
      olga.pressButton(moveSummary, "Confirm");
      await olga.replyContaining("Moved: Haircut with Boris, now Wed, March 4, 2026 at 15:00, for Alice Smith");
      await alice.replyContaining("Your booking was moved by the salon: Haircut with Boris, now Wed, March 4, 2026 at 15:00");
      await boris.replyContaining("Booking moved: Haircut, from Wed, March 4, 2026 at 11:00 to Wed, March 4, 2026 at 15:00. Client: Alice Smith");
      await anna.replyContaining("Booking moved to Boris: Haircut, Wed, March 4, 2026 at 11:00, is no longer yours. Client: Alice Smith");

      olga.send("/salon");
      olga.pressButton(await olga.replyContaining("Salon administration"), "Bookings today");
      const today = await olga.replyContaining("No bookings on Monday, March 2.");
      olga.pressButton(today, "›");
      olga.pressButton(await olga.replyContaining("No bookings on Tuesday, March 3."), "📅");
      const month = await olga.replyContaining("Choose a day. 12· — a day with bookings.");
      const days = buttons(month).map((button) => button.text);
      assert.ok(days.includes("4·") && days.includes("3") && days.includes("March 2026"), days.join(" "));
      pressData(olga, month, "bka:day:2026-03-04");
      const wednesday = await olga.replyContaining("Bookings, Wednesday, March 4:");
      assert.match(wednesday.text ?? "", /Boris\n• 15:00 · Haircut · Alice Smith/);
      olga.pressButton(wednesday, "👤 Boris (1)");
      const borisDay = await olga.replyContaining("Bookings, Wednesday, March 4, Boris:");
      assert.doesNotMatch(borisDay.text ?? "", /Walk-in Wanda/, "only Boris's bookings");
      assert.ok(buttons(borisDay).some((button) => button.text === "👥 All masters"));
      olga.pressButton(borisDay, "✖ 15:00 Alice Smith");
      const ask = await olga.replyContaining("Cancel this booking?");
      assert.match(ask.text ?? "", /Alice Smith, \+4915112345678: Haircut with Boris, Wed, March 4, 2026 at 15:00/);
      olga.pressButton(ask, "Yes, cancel it");
      await olga.replyContaining("Cancelled: Alice Smith");
      await alice.replyContaining("Your booking was cancelled by the salon: Haircut with Boris, Wed, March 4, 2026 at 15:00.");
      await boris.replyContaining("Booking cancelled: Haircut, Wed, March 4, 2026 at 15:00. Client: Alice Smith");

      olga.pressButton(ask, "Yes, cancel it");
      await olga.replyContaining("That booking cannot be changed any more");
      const history = await db()
        .selectFrom("booking_history")
        .innerJoin("booking", "booking.id", "booking_history.booking_id")
        .innerJoin("booking_client", "booking_client.id", "booking.client_id")
        .select(["booking_history.event", "booking_history.source", "booking_history.actor_id"])
        .where("booking_client.telegram_id", "=", alice.id)
        .orderBy("booking_history.id")
        .execute();
      assert.deepEqual(
        history.map((row) => row.event),
        ["booked", "rescheduled", "cancelled"],
      );
      assert.ok(history.every((row) => row.source === "bot" && row.actor_id === olga.id));
      const status = await db().selectFrom("booking").innerJoin("booking_client", "booking_client.id", "booking.client_id").select(["status", "cancelled_by"]).where("booking_client.telegram_id", "=", alice.id).executeTakeFirstOrThrow();
      assert.deepEqual(status, { status: "cancelled", cancelled_by: "staff" });
    });

    test("an admin changes services, masters and rules from the bot with the catalogue's use cases, and clients and the engine see it at once", async () => {
      olga.send("/salon");
      olga.pressButton(await olga.replyContaining("Salon administration"), "Services");
      const services = await olga.replyContaining("Services (press one to change it):");
      assert.match(services.text ?? "", /• Haircut · 60 min · €35\.00\n/);
      olga.pressButton(services, "Manicure");
      olga.pressButton(await olga.replyContaining("Duration: 45 min"), "Stop offering");
      await olga.replyContaining("Manicure is no longer offered to clients.");
      await olga.replyContaining("Manicure (not offered to clients)");
      const audit = await db().selectFrom("audit_log").select(["action", "actor_id", "source"]).where("action", "=", "booking.service.set-active").execute();
      assert.deepEqual(audit, [{ action: "booking.service.set-active", actor_id: olga.id, source: "bot" }]);

      olga.pressButton(services, "Haircut");
      olga.pressButton(await olga.replyContaining("Price: €35.00"), "Price");
      await olga.replyContaining("Haircut costs €35.00. Type the new price");
      olga.send("forty");
      await olga.replyContaining("That is not a price.");
      olga.send("40,50");
      await olga.replyContaining("Saved.");
      const card = await olga.replyContaining("Price: €40.50");
      olga.pressButton(card, "Duration");
      await olga.replyContaining("Haircut takes 60 min.");
      olga.send("500");
      await olga.replyContaining("The duration must be a whole number of minutes from 5 to 480.");
      olga.send("45");
      await olga.replyContaining("Saved.");
      await olga.replyContaining("Duration: 45 min");

      alice.send("/book");
      const offered = await alice.replyContaining("What would you like to book?");
      const labels = buttons(offered).map((button) => button.text);
      assert.ok(labels.includes("Haircut · 45 min · €40.50"), labels.join("; "));
      assert.ok(!labels.some((label) => label.startsWith("Manicure")), "a deactivated service is not offered");

      olga.send("/salon");
      olga.pressButton(await olga.replyContaining("Salon administration"), "Masters");
      const masters = await olga.replyContaining("Masters:");
      assert.match(masters.text ?? "", /• Boris · in the bot · Haircut, Manicure/);
      olga.pressButton(masters, "Boris: stop booking");
      await olga.replyContaining("Boris takes no new bookings.");
      assert.match((await olga.replyContaining("Masters:")).text ?? "", /• Boris \(takes no bookings\)/);
      alice.pressButton(offered, "Haircut");
      const haircutMasters = await alice.replyContaining("Haircut: who would you like to see?");
      assert.deepEqual(buttons(haircutMasters).map((button) => button.text), ["Anna", "Cancel"], "a deactivated master is not offered");

      olga.pressButton(masters, "Anna: stop booking");
      const stillToCome = await olga.replyContaining("Anna takes no new bookings. One booking still to come stands");
      assert.match(stillToCome.text ?? "", /Wednesday, March 4, 10:00 · Haircut · Walk-in Wanda/);
      assert.ok(buttons(stillToCome).some((button) => button.text === "🔁 03-04 10:00 Walk-in Wanda"), "each with Move and Cancel");
      olga.pressButton(stillToCome, "Masters");
      olga.pressButton(await olga.replyContaining("Masters:"), "Anna: book again");
      await olga.replyContaining("Anna takes bookings again.");

      olga.send("/salon");
      olga.pressButton(await olga.replyContaining("Salon administration"), "Rules");
      const rules = await olga.replyContaining("Rules for clients");
      assert.match(rules.text ?? "", /Bookings per client: 3\n/);
      assert.match(rules.text ?? "", /Reminders: 1440, 120 min before/);
      olga.pressButton(rules, "Bookings per client");
      await olga.replyContaining("Bookings per client: now 3. Type the new value:");
      olga.send("0");
      await olga.replyContaining("The number of bookings per client must be a whole number");
      olga.send("1");
      await olga.replyContaining("Saved.");
      assert.match((await olga.replyContaining("Rules for clients")).text ?? "", /Bookings per client: 1\n/);
      const haircut = await db().selectFrom("booking_service").select("id").where("name", "=", "Haircut").executeTakeFirstOrThrow();
      assert.equal((await rulesOfService(db(), "main", haircut.id)).maxActivePerClient, 1, "the engine's rules");

      pyotr.send("/salon");
      pyotr.pressButton(await pyotr.replyContaining("Управление салоном"), "Услуги");
      pyotr.pressButton(await pyotr.replyContaining("Услуги (нажмите"), "Haircut");
      pyotr.pressButton(await pyotr.replyContaining("Цена: 40,50"), "Цена");
      await pyotr.replyContaining("Напишите новую цену");
      pyotr.send("сорок");
      await pyotr.replyContaining("Это не цена.");
      pyotr.send("/cancel");
      const price = await db().selectFrom("booking_service").select("price_minor").where("id", "=", haircut.id).executeTakeFirstOrThrow();
      assert.equal(Number(price.price_minor), 4050, "unchanged");
    });

    test("an admin types a master's hours for a weekday: the engine offers just those, the bookings now outside are listed; bad hours are refused in the admin's language and change nothing", async () => {
      const anna = await db().selectFrom("booking_master").select("id").where("display_name", "=", "Anna").executeTakeFirstOrThrow();
      const haircut = await db().selectFrom("booking_service").select("id").where("name", "=", "Haircut").executeTakeFirstOrThrow();
      const weekRows = () => db().selectFrom("booking_weekly_hours").select(["weekday", "start_min", "end_min"]).where("master_id", "=", anna.id).orderBy("weekday").orderBy("start_min").execute();
      const weekBefore = await weekRows();

      pyotr.send("/salon");
      pyotr.pressButton(await pyotr.replyContaining("Управление салоном"), "Мастера");
      pressData(pyotr, await pyotr.replyContaining("Мастера"), `bka:wh:${anna.id}`);
      const week = await pyotr.replyContaining("Anna: часы работы по дням недели");
      assert.match(week.text ?? "", /ср: 09:00–13:00, 14:00–19:00/);
      pressData(pyotr, week, `bka:whd:${anna.id}:3`);
      await pyotr.replyContaining("Anna, ср: сейчас 09:00–13:00, 14:00–19:00.");
      pyotr.send("с девяти до пяти");
      await pyotr.replyContaining("Напишите часы интервалами");
      pyotr.send("09:00-13:00 12:00-15:00");
      await pyotr.replyContaining("Среда: интервалы пересекаются.");
      pyotr.send("/cancel");
      assert.deepEqual(await weekRows(), weekBefore, "nothing changed");

      olga.send("/salon");
      olga.pressButton(await olga.replyContaining("Salon administration"), "Masters");
      olga.pressButton(await olga.replyContaining("Masters:"), "Anna: hours");
      olga.pressButton(await olga.replyContaining("Anna: weekly hours"), "Wed");
      await olga.replyContaining("Anna, Wed: now 09:00–13:00, 14:00–19:00. Type the working hours");
      olga.send("14:00-16:00 17:00-18:00");
      await olga.replyContaining("Saved.");
      const outside = await olga.replyContaining("now outside the hours");
      assert.match(outside.text ?? "", /Wednesday, March 4, 10:00 · Haircut · Walk-in Wanda/);
      assert.match((await olga.replyContaining("Anna: weekly hours")).text ?? "", /Wed: 14:00–16:00, 17:00–18:00\nThu: 09:00–13:00, 14:00–19:00/);

      const times = (await daySlots(db(), { botId: "main", serviceId: haircut.id, masterId: anna.id, date: "2026-03-04", now: clock.at })).map((slot) => slot.time);
      assert.ok(times.includes("15:00") && times.includes("17:00"), `Anna is offered ${times.join(", ")}`);
      assert.ok(times.every((time) => (time >= "14:00" && time <= "15:15") || (time >= "17:00" && time <= "17:15")), `only inside the typed hours: ${times.join(", ")}`);
    });
  });
}
