import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { InlineKeyboardButton, Message } from "@grammyjs/types";
import type { Kysely } from "kysely";
import { loadConfig } from "../../src/config.ts";
import { runApp, type RunningApp } from "../../src/main.ts";
import { seedDemoSalon } from "../../src/modules/booking/demo-salon.ts";
import type { Tables } from "../../src/modules/booking/tables.ts";
import { createLogger } from "../../src/platform/log.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { appEnv, startEmulator, shippedMigrations } from "../support/app.ts";
import { databaseKinds, type TestDatabase } from "../support/databases.ts";
import { TelegramUser } from "../support/telegram-user.ts";

/** Monday 2 March 2026, 08:00 in Berlin: the demo salon opens at 09:00. */
const MONDAY_MORNING = new Date("2026-03-02T07:00:00Z");

function buttons(message: Message): InlineKeyboardButton.CallbackButton[] {
  return (message.reply_markup?.inline_keyboard.flat() ?? []).filter((button): button is InlineKeyboardButton.CallbackButton => "callback_data" in button);
}

/** Presses the button whose callback data ends with `suffix` (a day, a time). */
function pressData(user: TelegramUser, message: Message, suffix: string): void {
  const button = buttons(message).find((candidate) => candidate.callback_data.endsWith(suffix));
  if (button === undefined) throw new Error(`no button ending "${suffix}" in ${JSON.stringify(message.reply_markup)}`);
  user.press(message, button.callback_data);
}

/** Unfolds an iCalendar text into its content lines. */
/**
 * The details of a booking from My bookings (the message with "Add to calendar"): a reminder
 * that falls due when a test moves the clock names the same visit, and must not be taken for it.
 */
async function bookingDetails(user: TelegramUser, text: string): Promise<Message> {
  const entry = await user.next(
    (candidate) =>
      candidate.direction === "from_bot" &&
      (candidate.message?.text ?? "").includes(text) &&
      candidate.message?.reply_markup?.inline_keyboard.flat().some((button) => button.text.includes("Add to calendar")) === true,
  );
  return entry.message as Message;
}

function icsLines(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, "").split("\r\n").filter((line) => line !== "");
}

for (const kind of databaseKinds) {
  describe(`booking in the bot on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let alice: TelegramUser;
    let bob: TelegramUser;
    let carol: TelegramUser;
    let anna: TelegramUser;
    let boris: TelegramUser;
    const clock = { at: MONDAY_MORNING, now: () => clock.at };
    // Alice presses quickly through many screens; the flood guard is tested elsewhere.
    const cleanups: (() => Promise<unknown>)[] = [];

    before(async () => {
      database = await kind.fresh(shippedMigrations);
      cleanups.push(() => database.drop());
      emulator = await startEmulator();
      cleanups.push(() => emulator.close());
      alice = new TelegramUser(emulator.control, { first_name: "Alice", language_code: "en" });
      bob = new TelegramUser(emulator.control, { first_name: "Bob", language_code: "en" });
      carol = new TelegramUser(emulator.control, { first_name: "Carol", language_code: "en" });
      anna = new TelegramUser(emulator.control, { first_name: "Anna", language_code: "en" });
      boris = new TelegramUser(emulator.control, { first_name: "Boris", language_code: "ru" });
      app = await runApp(loadConfig(appEnv(emulator.url, database, { USER_RATE_LIMIT: "1000/60s" })), { logger: createLogger({ level: "warn" }), clock });
      cleanups.push(() => app.stop("test over"));
      await seedDemoSalon(app.database, "main", { masterTelegramId: anna.id });
      await db().updateTable("booking_master").set({ telegram_id: boris.id }).where("display_name", "=", "Boris").execute();
    });
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    const db = () => app.database.db as unknown as Kysely<Tables>;
    const bookingsOf = (user: TelegramUser) =>
      db()
        .selectFrom("booking")
        .innerJoin("booking_client", "booking_client.id", "booking.client_id")
        .innerJoin("booking_master", "booking_master.id", "booking.master_id")
        .select(["booking.id", "booking.status", "booking.starts_at", "booking_master.display_name as master", "booking.reschedule_count"])
        .where("booking_client.telegram_id", "=", user.id)
        .orderBy("booking.id")
        .execute();

    /** From /book to the time: service, master, the day of March, the time; returns the next bot message. */
    const chooseTime = async (user: TelegramUser, choice: { service: string; master: string; day: string; time: string }) => {
      user.send("/book");
      user.pressButton(await user.replyContaining("What would you like to book?"), choice.service);
      user.pressButton(await user.replyContaining("who would you like to see?"), choice.master);
      pressData(user, await user.replyContaining("Choose a day"), `bk-d:2026-03-${choice.day}`);
      user.pressButton(await user.replyContaining("choose a time"), choice.time);
      return user.reply();
    };

    test("a client books from the home menu: service, master, calendar, time, name and contact, summary, confirm; the master is told", async () => {
      alice.send("/start");
      alice.pressButton(await alice.replyContaining("What would you like to do?"), "Book");
      const services = await alice.replyContaining("What would you like to book?");
      assert.ok(buttons(services).some((button) => button.text === "Haircut · 60 min · €35.00"), "services show duration and price");
      assert.ok(buttons(services).some((button) => button.text.startsWith("Yoga class")));
      alice.pressButton(services, "Haircut");
      const masters = await alice.replyContaining("Haircut: who would you like to see?");
      assert.deepEqual(buttons(masters).map((button) => button.text), ["Anna", "Boris", "Any master", "Cancel"]);
      alice.pressButton(masters, "Anna");
      const calendar = await alice.replyContaining("Choose a day");
      const labels = buttons(calendar).map((button) => button.text);
      assert.ok(labels.includes("Mon") && labels.includes("Sun"), "a weekday header");
      assert.ok(labels.includes("March 2026"), "the month's title");
      assert.ok(labels.includes("4"), "a free day shows its number");
      assert.equal(labels.filter((label) => label === "·").length, 1, "only 1 March, already past, is closed");
      assert.ok(labels.includes("›") && !labels.includes("‹"), "forward to April, not back before this month");
      pressData(alice, calendar, "bk-d:2026-03-04");
      const times = await alice.replyContaining("Wednesday, March 4: choose a time.");
      const timeLabels = buttons(times).map((button) => button.text);
      assert.equal(timeLabels[0], "09:00");
      assert.ok(!timeLabels.includes("12:30") && !timeLabels.includes("13:00"), "no haircut overlaps the lunch break");
      alice.pressButton(times, "10:00");

      await alice.replyContaining("What name should we book under?");
      alice.send("Alice Smith");
      const askPhone = await alice.next((entry) => entry.direction === "from_bot" && (entry.message?.text ?? "").includes("share your phone number"));
      assert.deepEqual(askPhone.reply_markup && "keyboard" in askPhone.reply_markup ? askPhone.reply_markup.keyboard[0]?.[0] : undefined, {
        text: "📱 Share my phone number",
        request_contact: true,
      });
      alice.shareContact("4915112345678");
      await alice.replyContaining("Thank you!");
      const summary = await alice.replyContaining("Please check your booking");
      assert.match(summary.text ?? "", /Service: Haircut/);
      assert.match(summary.text ?? "", /Master: Anna/);
      assert.match(summary.text ?? "", /When: Wed, March 4, 2026 at 10:00/);
      assert.match(summary.text ?? "", /Price: €35\.00/);
      assert.match(summary.text ?? "", /Address: Torstraße 1, 10119 Berlin/);
      alice.pressButton(summary, "Confirm");
      await alice.replyContaining("You are booked: Haircut with Anna, Wed, March 4, 2026 at 10:00");

      const [booking] = await bookingsOf(alice);
      assert.equal(booking?.status, "confirmed");
      assert.equal(booking?.starts_at.toISOString(), "2026-03-04T09:00:00.000Z", "10:00 in Berlin");
      const client = await db().selectFrom("booking_client").select(["name", "phone"]).where("telegram_id", "=", alice.id).executeTakeFirstOrThrow();
      assert.deepEqual(client, { name: "Alice Smith", phone: "+4915112345678" });
      const notice = await anna.replyContaining("New booking");
      assert.equal(notice.text, "New booking: Haircut, Wed, March 4, 2026 at 10:00. Client: Alice Smith, +4915112345678.");
    });

    test("a typed phone is not taken: the contact button is asked for, and nothing is stored", async () => {
      const dave = new TelegramUser(emulator.control, { first_name: "Dave", language_code: "en" });
      await chooseTime(dave, { service: "Manicure", master: "Clara", day: "05", time: "11:00" });
      dave.send("Dave");
      await dave.replyContaining("share your phone number");
      dave.send("+4915112345670");
      await dave.replyContaining("use the “Share my phone number” button");
      const rows = await db().selectFrom("booking_client").select("id").where("telegram_id", "=", dave.id).execute();
      assert.equal(rows.length, 0, "nothing is stored before the contact");
    });

    test("a second booking with any master asks neither name nor contact again", async () => {
      const summary = await chooseTime(alice, { service: "Haircut", master: "Any master", day: "05", time: "09:00" });
      assert.match(summary.text ?? "", /Please check your booking/, "straight to the summary");
      alice.pressButton(summary, "Confirm");
      await alice.replyContaining("You are booked: Haircut with");
      const bookings = await bookingsOf(alice);
      assert.equal(bookings.length, 2);
      assert.ok(["Anna", "Boris"].includes(bookings[1]?.master ?? ""), "a master who offers the service");
    });

    test("two clients confirm the same time: one is booked, the other gets the next free times and books one", async () => {
      // Boris has written to the bot before, so it knows his language.
      boris.send("/start");
      await boris.reply();
      const bobsSummary = await chooseTime(bob, { service: "Haircut", master: "Boris", day: "06", time: "11:00" });
      bob.send("Bob");
      await bob.replyContaining("share your phone number");
      bob.shareContact("+4915122222222");
      const bobs = await bob.replyContaining("Please check your booking");
      assert.ok(bobsSummary.text?.includes("What name"));
      carol.send("/book");
      carol.pressButton(await carol.replyContaining("What would you like to book?"), "Haircut");
      carol.pressButton(await carol.replyContaining("who would you like to see?"), "Boris");
      pressData(carol, await carol.replyContaining("Choose a day"), "bk-d:2026-03-06");
      carol.pressButton(await carol.replyContaining("choose a time"), "11:00");
      await carol.replyContaining("What name");
      carol.send("Carol");
      await carol.replyContaining("share your phone number");
      carol.shareContact("+4915133333333");
      const carols = await carol.replyContaining("Please check your booking");

      bob.pressButton(bobs, "Confirm");
      await bob.replyContaining("You are booked: Haircut with Boris");
      carol.pressButton(carols, "Confirm");
      const taken = await carol.replyContaining("that time was just taken");
      const offered = buttons(taken).map((button) => button.text);
      assert.equal(offered[0], "Fri, March 6, 2026 at 12:00", "the next time Boris is free");
      carol.pressButton(taken, "12:00");
      const again = await carol.replyContaining("Please check your booking");
      carol.pressButton(again, "Confirm");
      await carol.replyContaining("You are booked: Haircut with Boris, Fri, March 6, 2026 at 12:00");
      assert.equal((await bookingsOf(bob)).length, 1);
      assert.equal((await bookingsOf(carol))[0]?.starts_at.toISOString(), "2026-03-06T11:00:00.000Z");
      const notice = await boris.replyContaining("Новая запись");
      assert.match(notice.text ?? "", /Клиент: Bob, \+4915122222222/, "the master is told in his own language");
    });

    test("My bookings lists the upcoming bookings, and a booking's details send a parsable .ics file", async () => {
      alice.send("/mybookings");
      const list = await alice.replyContaining("Your upcoming bookings:");
      assert.match(list.text ?? "", /Wed, March 4, 2026 at 10:00 · Haircut · Anna/);
      assert.equal(buttons(list).filter((button) => button.callback_data.startsWith("bk:b:")).length, 2);
      alice.pressButton(list, "March 4");
      const details = await bookingDetails(alice, "Haircut with Anna");
      assert.match(details.text ?? "", /Status: confirmed/);
      alice.pressButton(details, "Add to calendar");
      const entry = await alice.next((candidate) => candidate.direction === "from_bot" && candidate.message?.document !== undefined);
      assert.equal(entry.method, "sendDocument");
      const document = entry.message?.document;
      assert.equal(document?.file_name, `booking-${(await bookingsOf(alice))[0]?.id}.ics`);
      const file = emulator.control.file(document?.file_id ?? "");
      const lines = icsLines(Buffer.from(file?.bytes ?? new Uint8Array()).toString("utf8"));
      assert.equal(lines[0], "BEGIN:VCALENDAR");
      assert.equal(lines.at(-1), "END:VCALENDAR");
      assert.ok(lines.includes("DTSTART:20260304T090000Z"));
      assert.ok(lines.includes("DTEND:20260304T100000Z"));
      assert.ok(lines.includes("SUMMARY:Haircut — Anna"));
      assert.ok(lines.includes("STATUS:CONFIRMED"));
      assert.ok(lines.includes("LOCATION:Torstraße 1\\, 10119 Berlin"));
    });

    test("cancelling outside the window names the deadline and changes nothing; inside it cancels and tells the master", async () => {
      clock.at = new Date("2026-03-03T12:00:00Z");
      alice.send("/mybookings");
      alice.pressButton(await alice.replyContaining("Your upcoming bookings:"), "March 4");
      alice.pressButton(await bookingDetails(alice, "Haircut with Anna"), "Cancel booking");
      const late = await alice.replyContaining("too late to cancel online");
      assert.match(late.text ?? "", /until Tue, March 3, 2026 at 10:00/);
      assert.equal((await bookingsOf(alice))[0]?.status, "confirmed");

      clock.at = MONDAY_MORNING;
      alice.send("/mybookings");
      alice.pressButton(await alice.replyContaining("Your upcoming bookings:"), "March 4");
      alice.pressButton(await bookingDetails(alice, "Haircut with Anna"), "Cancel booking");
      alice.pressButton(await alice.replyContaining("Cancel Wed, March 4"), "Yes, cancel it");
      await alice.replyContaining("Your booking is cancelled");
      assert.equal((await bookingsOf(alice))[0]?.status, "cancelled");
      const notice = await anna.replyContaining("Booking cancelled");
      assert.equal(notice.text, "Booking cancelled: Haircut, Wed, March 4, 2026 at 10:00. Client: Alice Smith, +4915112345678.");
    });

    test("rescheduling inside the window moves the booking and tells the master; outside it, or confirmed after the deadline, it is refused and nothing moves", async () => {
      const [, moving] = await bookingsOf(alice);
      assert.ok(moving !== undefined);
      const master = moving.master === "Anna" ? anna : boris;
      alice.send("/mybookings");
      alice.pressButton(await alice.replyContaining("Your upcoming bookings:"), "March 5");
      alice.pressButton(await bookingDetails(alice, "Haircut with"), "Reschedule");
      const calendar = await alice.replyContaining("Your visit is Thu, March 5, 2026 at 09:00. Choose a new day");
      pressData(alice, calendar, "bk-d:2026-03-09");
      alice.pressButton(await alice.replyContaining("choose a time"), "15:30");
      const summary = await alice.replyContaining("Move your booking to");
      assert.match(summary.text ?? "", /When: Mon, March 9, 2026 at 15:30/);
      alice.pressButton(summary, "Confirm");
      await alice.replyContaining("Your booking is moved");
      const moved = (await bookingsOf(alice))[1];
      assert.equal(moved?.starts_at.toISOString(), "2026-03-09T14:30:00.000Z");
      assert.equal(moved?.reschedule_count, 1);
      const notice = await master.next((entry) => /Booking moved|Запись перенесена/.test(entry.message?.text ?? ""));
      assert.match(notice.message?.text ?? "", /09:00/, "the old time");
      assert.match(notice.message?.text ?? "", /15:30/, "the new time");

      // Begun half an hour before the deadline and confirmed half an hour after it: refused too.
      clock.at = new Date("2026-03-08T14:00:00Z");
      alice.send("/mybookings");
      alice.pressButton(await alice.replyContaining("Your upcoming bookings:"), "March 9");
      alice.pressButton(await bookingDetails(alice, "Haircut with"), "Reschedule");
      pressData(alice, await alice.replyContaining("Your visit is Mon, March 9, 2026 at 15:30. Choose a new day"), "bk-d:2026-03-10");
      alice.pressButton(await alice.replyContaining("choose a time"), "10:00");
      const lateSummary = await alice.replyContaining("Move your booking to");
      clock.at = new Date("2026-03-08T15:00:00Z");
      alice.pressButton(lateSummary, "Confirm");
      await alice.replyContaining("too late to move this booking online");

      clock.at = new Date("2026-03-09T00:00:00Z");
      alice.send("/mybookings");
      alice.pressButton(await alice.replyContaining("Your upcoming bookings:"), "March 9");
      alice.pressButton(await bookingDetails(alice, "Haircut with"), "Reschedule");
      const late = await alice.replyContaining("too late to move this booking online");
      assert.match(late.text ?? "", /until Sun, March 8, 2026 at 15:30/);
      clock.at = MONDAY_MORNING;
      const unmoved = (await bookingsOf(alice))[1];
      assert.deepEqual([unmoved?.starts_at.toISOString(), unmoved?.reschedule_count], ["2026-03-09T14:30:00.000Z", 1], "nothing moved: the visit stays where the first move put it");
    });
  });
}
