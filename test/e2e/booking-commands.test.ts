/**
 * The rows of docs/booking-commands.md not told end to end elsewhere: each change through the
 * real app and the emulator, and the notices its command sends, to the master and the client,
 * once each, in their language (Boris and Ivan read Russian). One app; the rows share it and run
 * in the order of the clock.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Message } from "@grammyjs/types";
import type { Kysely, Transaction } from "kysely";
import type { RunningApp } from "../../src/main.ts";
import { bookAppointment } from "../../src/modules/booking/commands/book-appointment.ts";
import { seedDemoSalon } from "../../src/modules/booking/demo-salon.ts";
import type { Tables } from "../../src/modules/booking/tables.ts";
import { joinWaitlist } from "../../src/modules/booking/commands/join-waitlist.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { bookingCommands } from "../modules/booking/commands-support.ts";
import { appEnv, OWNER_ID, settled, startAppInProcess, startEmulator, shippedMigrations } from "../support/app.ts";
import { storyDatabaseKinds, type TestDatabase } from "../support/databases.ts";
import { signIn } from "../support/signed-in-client.ts";
import { eventually, TelegramUser } from "../support/telegram-user.ts";

/** Monday 2 March 2026, 08:00 in Berlin. */
const MONDAY_MORNING = new Date("2026-03-02T07:00:00Z");
const MINUTE = 60_000;

function berlin(day: number, time: string): Date {
  return new Date(`2026-03-${String(day).padStart(2, "0")}T${time}:00+01:00`);
}

for (const kind of storyDatabaseKinds) {
  describe(`who hears of each booking change, through the emulator on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    const clock = { at: MONDAY_MORNING, now: () => clock.at };
    const cleanups: (() => Promise<unknown>)[] = [];
    const db = () => app.database.db as unknown as Kysely<Tables>;
    const commands = bookingCommands(() => app.database);
    const names = new Map<TelegramUser, string>();
    const user = (first_name: string, language_code = "en") => {
      const person = new TelegramUser(emulator.control, { first_name, language_code });
      names.set(person, first_name);
      return person;
    };
    const nameOf = (person: TelegramUser) => names.get(person) ?? String(person.id);
    /** Someone who has written to the bot, so it knows the language they speak. */
    const greeted = async (person: TelegramUser) => {
      person.send("/start");
      await person.reply();
      return person;
    };
    let anna: TelegramUser;
    let boris: TelegramUser;
    const ids = { anna: 0, boris: 0, haircut: 0, colouring: 0 };

    before(async () => {
      database = await kind.fresh(shippedMigrations);
      cleanups.push(() => database.drop());
      emulator = await startEmulator();
      cleanups.push(() => emulator.close());
      anna = user("Anna");
      boris = user("Борис", "ru");
      app = await startAppInProcess(appEnv(emulator.url, database, { USER_RATE_LIMIT: "1000/60s", HANDLER_TIMEOUT_MS: "30000" }), undefined, { clock });
      cleanups.push(() => app.stop("test over"));
      await seedDemoSalon(app.database, "main", { masterTelegramId: anna.id });
      await db().updateTable("booking_master").set({ telegram_id: boris.id }).where("display_name", "=", "Boris").execute();
      await greeted(boris);
      for (const master of [anna, boris]) await db().insertInto("role").values({ bot_id: "main", telegram_id: master.id, role: "master", granted_by: OWNER_ID }).execute();
      await db()
        .insertInto("booking_rules")
        .values({ bot_id: "main", min_notice_min: 60, horizon_days: 60, cancel_window_min: 1440, reschedule_window_min: 1440, max_reschedules: 2, max_active_per_client: 5, reminder_offsets_min: [1500, 120], hold_min: 15 })
        .execute();
      const id = (table: "booking_master" | "booking_service", name: string) =>
        (table === "booking_master"
          ? db().selectFrom("booking_master").select("id").where("display_name", "=", name)
          : db().selectFrom("booking_service").select("id").where("name", "=", name)
        )
          .executeTakeFirstOrThrow()
          .then((row) => row.id);
      ids.anna = await id("booking_master", "Anna");
      ids.boris = await id("booking_master", "Boris");
      ids.haircut = await id("booking_service", "Haircut");
      ids.colouring = await id("booking_service", "Colouring");
      await db().updateTable("booking_service").set({ prepayment_minor: 2000 }).where("id", "=", ids.colouring).execute();
    });
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    /** A client books through the command, as the booking flow's confirm does. */
    const book = async (client: TelegramUser, masterId: number, serviceId: number, start: Date) => {
      const outcome = await commands.run({ botId: "main", personId: client.id, source: "bot" }, bookAppointment, { masterId, serviceId, start, name: nameOf(client), now: clock.at });
      assert.ok(outcome.ok, JSON.stringify(outcome));
      return outcome.booking;
    };
    /** The bot's messages to `person` whose text matches `pattern`, once they stopped arriving. */
    const messagesTo = async (person: TelegramUser, pattern: RegExp): Promise<Message[]> => (await person.botMessages()).filter((message) => pattern.test(message.text ?? message.caption ?? ""));
    /** Waits for exactly one message to `person` matching `pattern` and checks no second one follows once the app is settled. */
    const once = async (person: TelegramUser, pattern: RegExp, held = 0): Promise<Message> => {
      await eventually(async () => (await messagesTo(person, pattern)).length > 0, `${nameOf(person)}: ${pattern}`);
      await settled(app, { held });
      const matching = await messagesTo(person, pattern);
      assert.equal(matching.length, 1, `${nameOf(person)} got ${matching.length} messages matching ${pattern}`);
      return matching[0] as Message;
    };

    test("an unpaid hold runs out: the client hears the time was released and Anna, told of the pending booking, that it is cancelled", async () => {
      const lea = user("Lea");
      await book(lea, ids.anna, ids.colouring, berlin(6, "10:00"));
      await once(anna, /^New booking: Colouring, Fri, March 6, 2026 at 10:00\. Client: Lea/);
      await lea.next((entry) => entry.direction === "from_bot" && entry.message?.invoice !== undefined);
      clock.at = new Date(clock.at.getTime() + 16 * MINUTE);
      await once(lea, /^The prepayment for Colouring, Fri, March 6, 2026 at 10:00 did not arrive in time/);
      await once(anna, /^Booking cancelled: Colouring, Fri, March 6, 2026 at 10:00\. Client: Lea/);
    });

    test("a prepayment paid in time confirms the booking: the client reads the bot's answer, and Anna hears nothing more", async () => {
      const max = user("Max");
      await book(max, ids.anna, ids.colouring, berlin(9, "10:00"));
      const invoice = (await max.next((entry) => entry.direction === "from_bot" && entry.message?.invoice !== undefined)).message as Message;
      const paid = await emulator.control.pay({ from: max.id, message_id: invoice.message_id });
      assert.equal(paid.ok, true);
      await once(max, /^Payment received\. Your booking is confirmed\./);
      await once(anna, /Colouring, Mon, March 9, 2026 at 10:00\. Client: Max/);
    });

    test("a prepayment arrives after the hold ran out, the time still free: booked again, and Anna, told it was cancelled, is told of it again", async () => {
      const ora = user("Ora");
      await book(ora, ids.anna, ids.colouring, berlin(12, "10:00"));
      const invoice = (await ora.next((entry) => entry.direction === "from_bot" && entry.message?.invoice !== undefined)).message as Message;
      // Telegram's answer to the pre-checkout is held: the hold runs out before the payment arrives.
      const answered = emulator.control.stats().calls.answerPreCheckoutQuery ?? 0;
      emulator.control.faults({ method: "answerPreCheckoutQuery", kind: "hold", count: 1 });
      const paying = emulator.control.pay({ from: ora.id, message_id: invoice.message_id });
      await eventually(() => (emulator.control.stats().calls.answerPreCheckoutQuery ?? 0) > answered, "the bot's answer to the pre-checkout");
      clock.at = new Date(clock.at.getTime() + 16 * MINUTE);
      await app.runDueEvents();
      await once(anna, /^Booking cancelled: Colouring, Thu, March 12, 2026 at 10:00\. Client: Ora/, 1);
      assert.deepEqual(emulator.control.releaseHeld(), { released: 1 });
      assert.equal((await paying).ok, true);
      await once(ora, /^Payment received\. The hold had run out, but the time was still free/);
      const booked = /^New booking: Colouring, Thu, March 12, 2026 at 10:00\. Client: Ora/;
      await eventually(async () => (await messagesTo(anna, booked)).length === 2, "Anna told of the booking again");
      await settled(app);
      assert.equal((await messagesTo(anna, booked)).length, 2, "once when booked, once when booked again");
    });

    test("the waitlist: staff cancel from the panel (client and master told), the freed time offered, declined, run out, and taken (the master told)", async () => {
      // Anna works only 10:00-11:00 on the 10th, so Bea's haircut fills her day.
      await db().insertInto("booking_date_override").values({ master_id: ids.anna, date: "2026-03-10", intervals: JSON.stringify([{ start: 600, end: 660 }]) }).execute();
      const bea = user("Bea");
      const visit = await book(bea, ids.anna, ids.haircut, berlin(10, "10:00"));
      const [zoe, yuri, wes] = [user("Zoe"), await greeted(user("Юрий", "ru")), user("Wes")];
      for (const client of [zoe, yuri, wes]) {
        const joined = await app.database.transaction((trx) =>
          commands.runIn(trx as unknown as Transaction<Tables>, { botId: "main", personId: client.id, source: "bot" }, joinWaitlist, { serviceId: ids.haircut, masterId: ids.anna, date: "2026-03-10", timeMin: null, name: nameOf(client), now: clock.at }),
        );
        assert.ok(joined.ok);
      }

      const olga = await signIn(app, OWNER_ID);
      const cancelled = await olga.send("POST", `/api/booking/bookings/${visit.id}/cancel`);
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
      await once(bea, /^Your booking was cancelled by the salon: Haircut with Anna, Tue, March 10, 2026 at 10:00\./);
      await once(anna, /^Booking cancelled: Haircut, Tue, March 10, 2026 at 10:00\. Client: Bea/);

      const zoeOffer = await once(zoe, /a time has freed up for Haircut with Anna, Tue, March 10, 2026 at 10:00/);
      zoe.pressButton(zoeOffer, "No thanks");
      await once(zoe, /offered the time to the next person/);
      await once(yuri, /освободилось время — Haircut, мастер Anna/);
      clock.at = new Date(clock.at.getTime() + 16 * MINUTE);
      const wesOffer = await once(wes, /a time has freed up for Haircut with Anna/);
      assert.equal((await messagesTo(yuri, /освободилось|Напоминание|Запись/)).length, 1, "Yuri, whose offer ran out, hears nothing more");
      wes.pressButton(wesOffer, "Book it");
      await once(wes, /^Booked: Tue, March 10, 2026 at 10:00/);
      await once(anna, /^New booking: Haircut, Tue, March 10, 2026 at 10:00\. Client: Wes/);
    });

    test("staff move a visit to another master from the panel: the client, the new master (in Russian) and the old one are each told once", async () => {
      const carl = user("Carl");
      const visit = await book(carl, ids.anna, ids.haircut, berlin(11, "10:00"));
      const olga = await signIn(app, OWNER_ID);
      const moved = await olga.send("POST", `/api/booking/bookings/${visit.id}/move`, { start: berlin(11, "15:00").toISOString(), masterId: ids.boris });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      await once(carl, /^Your booking was moved by the salon: Haircut with Boris, now Wed, March 11, 2026 at 15:00/);
      await once(boris, /^Запись перенесена: Haircut, с .*11 марта 2026.* 10:00 на .*11 марта 2026.* 15:00\. Клиент: Carl/);
      await once(anna, /^Booking moved to Boris: Haircut, Wed, March 11, 2026 at 10:00, is no longer yours\. Client: Carl/);
    });

    test("a master marks visits done and a no-show: the done one's client is asked for a review two hours later, once; the no-show's hears nothing", async () => {
      const [dan, eve] = [user("Dan"), user("Eve")];
      await book(dan, ids.anna, ids.haircut, berlin(2, "11:00"));
      await book(eve, ids.anna, ids.haircut, berlin(2, "12:00"));
      clock.at = berlin(2, "12:05");
      anna.send("/myday");
      const day = await anna.replyContaining("Your bookings, Monday, March 2:");
      anna.press(day, buttonData(day, "bks:done:"));
      await once(anna, /^11:00, Dan: visited\./);
      anna.press(day, buttonData(day, "bks:ns:", 1));
      await once(anna, /^12:00, Eve: missed\./);
      clock.at = berlin(2, "14:10");
      await once(dan, /^How was Haircut with Anna\?/);
      assert.deepEqual((await eve.botMessages()).map((message) => message.text), [], "Eve was booked by the command and never written to");
    });

    test("a client cancels from a reminder's button: Boris is told in Russian, once; Ivan reads the bot's answer in Russian", async () => {
      const ivan = await greeted(user("Иван", "ru"));
      await book(ivan, ids.boris, ids.haircut, berlin(5, "10:00"));
      await once(boris, /^Новая запись: Haircut, .*5 марта 2026.* 10:00\. Клиент: Иван/);
      clock.at = new Date(berlin(5, "10:00").getTime() - 25 * 60 * MINUTE);
      const reminder = await once(ivan, /^Напоминание: Haircut, мастер Boris/);
      ivan.pressButton(reminder, "✖ Отменить");
      await once(ivan, /^Ваша запись отменена\./);
      await once(boris, /^Запись отменена: Haircut, .*5 марта 2026.* 10:00\. Клиент: Иван/);
      const row = await db().selectFrom("booking").innerJoin("booking_client", "booking_client.id", "booking.client_id").select(["booking.status", "booking.cancelled_by"]).where("booking_client.telegram_id", "=", ivan.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: "cancelled", cancelled_by: "client" });
    });
  });
}

/** The callback data of the `nth` button whose data starts with `prefix`. */
function buttonData(message: Message, prefix: string, nth = 0): string {
  const data = (message.reply_markup?.inline_keyboard.flat() ?? []).flatMap((button) => ("callback_data" in button && button.callback_data.startsWith(prefix) ? [button.callback_data] : []));
  const found = data[nth];
  if (found === undefined) throw new Error(`no button ${prefix} #${nth} in ${JSON.stringify(message.reply_markup)}`);
  return found;
}
