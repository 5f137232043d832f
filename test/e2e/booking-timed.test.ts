import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Message } from "@grammyjs/types";
import type { Kysely, Transaction } from "kysely";
import { migrationsOf, type RunningApp } from "../../src/main.ts";
import { bookingModule } from "../../src/modules/booking/module.ts";
import type { Tables } from "../../src/modules/booking/tables.ts";
import { bookAppointment } from "../../src/modules/booking/commands/book-appointment.ts";
import { cancelBooking } from "../../src/modules/booking/commands/cancel-booking.ts";
import { markVisit } from "../../src/modules/booking/commands/mark-visit.ts";
import { rescheduleBooking } from "../../src/modules/booking/commands/reschedule-booking.ts";
import { joinWaitlist } from "../../src/modules/booking/commands/join-waitlist.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID, TEST_TOKEN, appEnv, moveClock, startAppInProcess, startEmulator, testClock, type TestClock } from "../support/app.ts";
import { storyDatabaseKinds, type TestDatabase } from "../support/databases.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";
import { BOT, NOW, berlin, openTestSalon, type TestSalon } from "./booking-timed-app.ts";
import { runIn } from "../modules/booking/commands-support.ts";

const MINUTE = 60_000;

/** The app, its emulator and a clock the test moves. */
function timedApp(kind: (typeof storyDatabaseKinds)[number]) {
  const world = {} as { database: TestDatabase; emulator: BotApiEmulator; app: RunningApp; salon: TestSalon; clock: TestClock };
  const cleanups: (() => Promise<unknown>)[] = [];
  before(async () => {
    world.database = await kind.fresh(migrationsOf([bookingModule]));
    cleanups.push(() => world.database.drop());
    world.emulator = await startEmulator();
    cleanups.push(() => world.emulator.close());
    world.clock = testClock(NOW);
    world.app = await startAppInProcess(appEnv(world.emulator.url, world.database, { HANDLER_TIMEOUT_MS: "30000" }), [bookingModule], { clock: world.clock });
    cleanups.push(() => world.app.stop("test over"));
    const bot = await world.app.database.db.selectFrom("bot").select("telegram_id").where("id", "=", BOT).executeTakeFirstOrThrow();
    world.salon = await openTestSalon(world.app.database.db, bot.telegram_id);
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  const tables = () => world.app.database as unknown as { db: Kysely<Tables>; transaction<T>(work: (trx: Transaction<Tables>) => Promise<T>): Promise<T> };
  const book = async (client: TelegramUser, serviceId: number, start: Date) => {
    const outcome = await tables().transaction((trx) =>
      runIn(trx, { botId: BOT, personId: client.id, source: "bot" }, bookAppointment, { masterId: world.salon.anna, serviceId, start, now: world.clock.now(), name: "Client" }),
    );
    assert.ok(outcome.ok, JSON.stringify(outcome));
    return outcome.booking;
  };
  /** Moves the clock and runs what fell due. */
  const moveTo = (at: Date) => moveClock(world.app, world.clock, at);
  return { world, tables, book, moveTo };
}

const textOf = (message: Message) => message.text ?? "";
const reminders = async (client: TelegramUser) => (await client.botMessages()).filter((message) => textOf(message).startsWith("Reminder"));

for (const kind of storyDatabaseKinds) {
  describe(`booking reminders through the emulator on ${kind.name}`, { skip: kind.skip }, () => {
    const { world, tables, book, moveTo } = timedApp(kind);

    test("each reminder arrives once at its time; none after a cancel from the reminder; a moved booking's follow it; I'll come is noted", async () => {
      const user = (name: string) => new TelegramUser(world.emulator.control, { first_name: name, language_code: "en" });
      const ida = user("Ida");
      const jan = user("Jan");
      const kim = user("Kim");
      const lou = user("Lou");
      const idaVisit = await book(ida, world.salon.haircut, berlin(4, "10:00"));
      const janVisit = await book(jan, world.salon.haircut, berlin(5, "14:00"));
      const kimVisit = await book(kim, world.salon.haircut, berlin(4, "11:30"));
      await book(lou, world.salon.haircut, berlin(5, "15:00"));
      const moved = await tables().transaction((trx) =>
        runIn(trx, { botId: BOT, personId: OWNER_ID, source: "bot" }, rescheduleBooking, { bookingId: kimVisit.id, by: "staff", start: berlin(5, "10:00"), now: world.clock.now() }),
      );
      assert.ok(moved.ok);

      // 25 hours before Ida's visit; "I'll come" is noted.
      await moveTo(berlin(3, "09:00"));
      const idaFirst = await ida.replyContaining("Reminder");
      assert.match(textOf(idaFirst), /Haircut with Anna in 25 hours, .*March 4, 2026 at 10:00 \(Mitte\)/);
      ida.pressButton(idaFirst, "I'll come");
      assert.equal(await ida.callbackAnswer(), "Thank you, see you soon!");

      // Ida's 2-hour reminder, and Kim's first at her new time (the one for her old time was removed with the move).
      await moveTo(berlin(4, "09:00"));
      await eventually(async () => (await reminders(ida)).length === 2 && (await reminders(kim)).length === 1, "Ida's second and Kim's first reminder");
      assert.match(textOf((await reminders(kim))[0] as Message), /March 5, 2026 at 10:00/);

      // Jan cancels from his first reminder, still inside the 24-hour window.
      await moveTo(berlin(4, "13:00"));
      const janFirst = await jan.replyContaining("Reminder");
      jan.pressButton(janFirst, "Cancel");
      await jan.replyContaining("Your booking is cancelled.");

      await moveTo(berlin(5, "08:00"));
      await eventually(async () => (await reminders(kim)).length === 2 && (await reminders(lou)).length === 1, "Kim's second and Lou's first reminder");
      // Lou's 2-hour reminder comes after the time Jan's would have.
      await moveTo(berlin(5, "13:00"));
      await eventually(async () => (await reminders(lou)).length === 2, "Lou's second reminder");
      await eventually(
        async () =>
          (await tables().db.selectFrom("scheduled_event").select("id").where("kind", "=", "booking.reminder").where("done_at", "is", null).execute()).length === 0,
        "every reminder event done",
      );
      assert.deepEqual(
        await Promise.all([ida, jan, kim, lou].map(async (client) => (await reminders(client)).length)),
        [2, 1, 2, 2],
      );
      const janRow = await tables().db.selectFrom("booking").select(["status", "cancelled_by"]).where("id", "=", janVisit.id).executeTakeFirstOrThrow();
      assert.deepEqual(janRow, { status: "cancelled", cancelled_by: "client" });
      const coming = await tables().db.selectFrom("booking_history").select("event").where("booking_id", "=", idaVisit.id).where("event", "=", "coming").execute();
      assert.equal(coming.length, 1);
    });
  });

  describe(`booking prepayments, the waitlist and reviews through the emulator on ${kind.name}`, { skip: kind.skip }, () => {
    const { world, tables, book, moveTo } = timedApp(kind);
    const user = (name: string) => new TelegramUser(world.emulator.control, { first_name: name, language_code: "en" });
    /** Anna works only 10:00-11:00 that day: booked then, the day is full and the waitlist open. */
    const onlyTenToEleven = (date: string) =>
      tables().db.insertInto("booking_date_override").values({ master_id: world.salon.anna, date, intervals: JSON.stringify([{ start: 600, end: 660 }]) }).execute();
    const invoiceTo = async (client: TelegramUser) => (await client.next((entry) => entry.direction === "from_bot" && entry.message?.invoice !== undefined)).message as Message;
    const statusOf = async (bookingId: number) =>
      (await tables().db.selectFrom("booking").select(["status", "cancelled_by", "refund_needed"]).where("id", "=", bookingId).executeTakeFirstOrThrow());
    /**
     * Pays while the hold is live, but Telegram holds the bot's answer to the pre-checkout: the
     * hold runs out (and `meanwhile` happens) before the payment arrives.
     */
    const payLate = async (client: TelegramUser, invoice: Message, bookingId: number, meanwhile: () => Promise<void> = () => Promise.resolve()) => {
      const answered = world.emulator.control.stats().calls.answerPreCheckoutQuery ?? 0;
      world.emulator.control.faults({ method: "answerPreCheckoutQuery", kind: "hold", count: 1 });
      const paying = world.emulator.control.pay({ from: client.id, message_id: invoice.message_id });
      await eventually(() => (world.emulator.control.stats().calls.answerPreCheckoutQuery ?? 0) > answered, "the bot's answer to the pre-checkout");
      await moveTo(new Date(world.clock.at.getTime() + 16 * MINUTE));
      await eventually(async () => (await statusOf(bookingId)).cancelled_by === "hold-expired", "the hold's expiry");
      await meanwhile();
      assert.deepEqual(world.emulator.control.releaseHeld(), { released: 1 });
      const paid = await paying;
      assert.equal(paid.ok, true);
    };

    test("a prepayment paid in time confirms the booking", async () => {
      const lea = user("Lea");
      const visit = await book(lea, world.salon.colouring, berlin(4, "10:00"));
      assert.equal(visit.status, "pending");
      const invoice = await invoiceTo(lea);
      assert.deepEqual([invoice.invoice?.currency, invoice.invoice?.total_amount], ["EUR", 2000]);
      const paid = await world.emulator.control.pay({ from: lea.id, message_id: invoice.message_id });
      assert.equal(paid.ok, true);
      await lea.replyContaining("Payment received. Your booking is confirmed.");
      assert.equal((await statusOf(visit.id)).status, "confirmed");
    });

    test("unpaid, the slot is released when the hold runs out, and the old invoice is refused at checkout", async () => {
      const max = user("Max");
      const visit = await book(max, world.salon.colouring, berlin(5, "10:00"));
      const invoice = await invoiceTo(max);
      await moveTo(new Date(world.clock.at.getTime() + 16 * MINUTE));
      await max.replyContaining("did not arrive in time");
      assert.deepEqual(await statusOf(visit.id), { status: "cancelled", cancelled_by: "hold-expired", refund_needed: false });
      const paid = await world.emulator.control.pay({ from: max.id, message_id: invoice.message_id });
      assert.deepEqual([paid.ok, paid.error_message], [false, "The time held for you has run out. Please book again."]);
      await book(user("Ned"), world.salon.haircut, berlin(5, "10:00"));
    });

    test("paid after the hold ran out: booked again while the slot is free", async () => {
      const ora = user("Ora");
      const visit = await book(ora, world.salon.colouring, berlin(6, "10:00"));
      await payLate(ora, await invoiceTo(ora), visit.id);
      await ora.replyContaining("the time was still free");
      assert.deepEqual(await statusOf(visit.id), { status: "confirmed", cancelled_by: null, refund_needed: false });
    });

    test("paid after the hold ran out and the slot was taken: flagged for a refund, every manager told, and the refund recorded once from the notice", async () => {
      const pia = user("Pia");
      const owner = new TelegramUser(world.emulator.control, { id: OWNER_ID, first_name: "Olga", language_code: "en" });
      const ada = user("Ada");
      await tables().db.insertInto("role").values({ bot_id: BOT, telegram_id: ada.id, role: "admin" }).execute();
      const visit = await book(pia, world.salon.colouring, berlin(7, "10:00"));
      await payLate(pia, await invoiceTo(pia), visit.id, async () => {
        await book(user("Rex"), world.salon.haircut, berlin(7, "10:00"));
      });
      await pia.replyContaining("the time was taken meanwhile");
      assert.deepEqual(await statusOf(visit.id), { status: "cancelled", cancelled_by: "hold-expired", refund_needed: true });
      const notice = await owner.replyContaining("Please refund it");
      assert.match(textOf(notice), new RegExp(`booking #${visit.id}`));

      owner.pressButton(notice, "Refunded ✓");
      await owner.replyContaining(`Refund of €20.00 for booking #${visit.id} recorded.`);
      await pia.replyContaining("Your prepayment of €20.00 for Colouring");
      assert.deepEqual(await statusOf(visit.id), { status: "cancelled", cancelled_by: "hold-expired", refund_needed: false });
      ada.pressButton(await ada.replyContaining("Please refund it"), "Refunded ✓");
      assert.equal(await ada.callbackAnswer(), "This refund has already been recorded.");
      const recorded = await tables().db.selectFrom("booking_payment").select(["refunded_by"]).where("booking_id", "=", visit.id).execute();
      assert.deepEqual(recorded, [{ refunded_by: OWNER_ID }]);
    });

    test("the waitlist: a freed slot is offered in order and held; nobody else can book it; the second in line books it", async () => {
      const sam = user("Sam");
      const tom = user("Tom");
      const uma = user("Uma");
      const day = berlin(9, "10:00");
      await onlyTenToEleven("2026-03-09");
      const visit = await book(sam, world.salon.haircut, day);
      for (const client of [tom, uma]) {
        const joined = await tables().transaction((trx) =>
          runIn(trx, { botId: BOT, personId: client.id, source: "bot" }, joinWaitlist, { serviceId: world.salon.haircut, masterId: null, date: "2026-03-09", timeMin: null, name: client.id.toString(), now: world.clock.now() }),
        );
        assert.ok(joined.ok);
      }
      await moveTo(berlin(8, "09:00"));
      const samReminder = await sam.replyContaining("Reminder");
      sam.pressButton(samReminder, "Cancel");
      await sam.replyContaining("Your booking is cancelled.");

      const tomOffer = await tom.replyContaining("a time has freed up");
      assert.match(textOf(tomOffer), /March 9, 2026 at 10:00/);
      const stranger = await tables().transaction((trx) =>
        runIn(trx, { botId: BOT, personId: 555_000, source: "bot" }, bookAppointment, { masterId: world.salon.anna, serviceId: world.salon.haircut, start: day, now: world.clock.now(), name: "Vic" }),
      );
      assert.deepEqual([stranger.ok, stranger.ok ? undefined : stranger.reason], [false, "taken"]);
      assert.equal((await uma.botMessages()).length, 0);

      tom.pressButton(tomOffer, "No thanks");
      await tom.replyContaining("offered the time to the next person");
      const umaOffer = await uma.replyContaining("a time has freed up");
      uma.pressButton(umaOffer, "Book it");
      await uma.replyContaining("Booked:");
      const booked = await tables().db.selectFrom("booking").innerJoin("booking_client", "booking_client.id", "booking.client_id").select(["booking_client.telegram_id", "booking.status"]).where("booking.starts_at", "=", day).where("booking.status", "=", "confirmed").execute();
      assert.deepEqual(booked, [{ telegram_id: uma.id, status: "confirmed" }]);
      assert.ok(visit.id > 0);
    });

    test("a visit marked done asks for a review once; stars and a text are kept", async () => {
      const vic = user("Vic");
      const visit = await book(vic, world.salon.haircut, berlin(10, "10:00"));
      await moveTo(berlin(10, "11:10"));
      const marked = await tables().transaction((trx) => runIn(trx, { botId: BOT, personId: OWNER_ID, source: "bot" }, markVisit, { bookingId: visit.id, outcome: "done", now: world.clock.now() }));
      assert.ok(marked.ok);
      await moveTo(berlin(10, "13:10"));
      const ask = await vic.replyContaining("How was Haircut with Anna?");
      vic.pressButton(ask, "⭐⭐⭐⭐");
      await vic.replyContaining("Would you like to add a few words");
      vic.send("Great cut, thank you");
      await vic.replyContaining("Thank you for your review!");
      await moveTo(berlin(12, "13:10"));
      await eventually(
        async () => (await tables().db.selectFrom("scheduled_event").select("done_at").where("dedupe_key", "=", `booking:${visit.id}:review`).executeTakeFirst())?.done_at != null,
        "the review request done",
      );
      assert.equal((await vic.botMessages()).filter((message) => textOf(message).startsWith("How was")).length, 1);
      const review = await tables().db.selectFrom("booking_review").select(["stars", "text"]).where("booking_id", "=", visit.id).execute();
      assert.deepEqual(review, [{ stars: 4, text: "Great cut, thank you" }]);
    });

    test("a client finds their waitlist under My bookings and leaves it; the time held for them goes to the next in line", async () => {
      const zed = user("Zed");
      const amy = user("Amy");
      await onlyTenToEleven("2026-03-20");
      const visit = await book(user("Bea"), world.salon.haircut, berlin(20, "10:00"));
      for (const client of [zed, amy]) {
        const joined = await tables().transaction((trx) =>
          runIn(trx, { botId: BOT, personId: client.id, source: "bot" }, joinWaitlist, { serviceId: world.salon.haircut, masterId: null, date: "2026-03-20", timeMin: null, name: "Client", now: world.clock.now() }),
        );
        assert.ok(joined.ok);
      }
      const myWaitlist = async () => {
        zed.send("/mybookings");
        zed.pressButton(await zed.replyContaining("You have no bookings yet."), "My waitlist (1)");
        return zed.replyContaining("You are on the waitlist for:");
      };
      assert.match(textOf(await myWaitlist()), /March 20, any time · Haircut · any master$/);

      const cancelled = await tables().transaction((trx) => runIn(trx, { botId: BOT, personId: OWNER_ID, source: "bot" }, cancelBooking, { bookingId: visit.id, by: "staff", now: world.clock.now() }));
      assert.ok(cancelled.ok);
      await zed.replyContaining("a time has freed up");
      const offered = await myWaitlist();
      assert.match(textOf(offered), /offered: .*March 20, 2026 at 10:00, held for you until/);
      zed.pressButton(offered, "Leave: ");
      await zed.replyContaining("You have left the waitlist:");
      amy.pressButton(await amy.replyContaining("a time has freed up"), "Book it");
      await amy.replyContaining("Booked:");

      zed.pressButton(offered, "Leave: ");
      assert.equal(await zed.callbackAnswer(), "You are no longer on the waitlist for this.");
      const entries = await tables().db.selectFrom("booking_waitlist").innerJoin("booking_client", "booking_client.id", "booking_waitlist.client_id").select(["booking_client.telegram_id", "booking_waitlist.status"]).where("booking_waitlist.date", "=", "2026-03-20").orderBy("booking_waitlist.id").execute();
      assert.deepEqual(entries, [{ telegram_id: zed.id, status: "withdrawn" }, { telegram_id: amy.id, status: "booked" }]);
    });

    test("a full day in the booking calendar offers the waitlist; joined, the client is offered the time when it frees up", async () => {
      const xena = user("Xena");
      const yves = user("Yves");
      await tables().db.insertInto("booking_date_override").values({ master_id: world.salon.anna, date: "2026-03-25", intervals: JSON.stringify([{ start: 540, end: 600 }]) }).execute();
      const taken = await book(yves, world.salon.haircut, berlin(25, "09:00"));

      xena.send("/book");
      xena.pressButton(await xena.replyContaining("What would you like to book?"), "Haircut");
      xena.pressButton(await xena.replyContaining("who would you like to see?"), "Anna");
      const calendar = await xena.replyContaining("Choose a day");
      const full = (calendar.reply_markup?.inline_keyboard.flat() ?? []).find((button) => "callback_data" in button && button.callback_data.endsWith("bk-w:2026-03-25"));
      assert.equal(full?.text, "25✕");
      xena.pressButton(calendar, "25✕");
      const offer = await xena.replyContaining("is fully booked. Join the waitlist");
      xena.pressButton(offer, "Join the waitlist");
      await xena.replyContaining("You are on the waitlist (number 1 in line)");

      const cancelled = await tables().transaction((trx) => runIn(trx, { botId: BOT, personId: OWNER_ID, source: "bot" }, cancelBooking, { bookingId: taken.id, by: "staff", now: world.clock.now() }));
      assert.ok(cancelled.ok);
      const freed = await xena.replyContaining("a time has freed up");
      assert.match(textOf(freed), /March 25, 2026 at 09:00/);
    });

    test("a forged Join the waitlist for a day with free times is refused in the client's language; past the cap, so is a real one; nothing is stored", async () => {
      const ivan = new TelegramUser(world.emulator.control, { first_name: "Ivan", language_code: "ru" });
      const wanda = user("Wanda");
      const entriesOf = async (client: TelegramUser) =>
        (await tables().db.selectFrom("booking_waitlist").innerJoin("booking_client", "booking_client.id", "booking_waitlist.client_id").select("booking_waitlist.id").where("booking_client.telegram_id", "=", client.id).execute()).length;
      // A modified Telegram client can send any callback data: put such buttons in the client's chat.
      const buttonsFor = async (client: TelegramUser, data: string[]) => {
        const response = await fetch(`${world.emulator.url}/bot${TEST_TOKEN}/sendMessage`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ chat_id: client.id, text: "forged", reply_markup: { inline_keyboard: data.map((callback_data) => [{ text: callback_data, callback_data }]) } }),
        });
        assert.equal(response.status, 200);
        return client.replyContaining("forged");
      };
      const join = (date: string, master = 0, minute?: number) => `bkw:join:${world.salon.haircut}:${master}:${date}${minute === undefined ? "" : `:${minute}`}`;
      const ivansMessage = await buttonsFor(ivan, [join("2026-03-16"), join("2026-03-16", world.salon.anna, 600)]);
      ivan.press(ivansMessage, join("2026-03-16"));
      await ivan.replyContaining("На это ещё есть свободное время");
      ivan.press(ivansMessage, join("2026-03-16", world.salon.anna, 600));
      await ivan.replyContaining("На это ещё есть свободное время");
      assert.equal(await entriesOf(ivan), 0);

      const fullDays = [23, 24, 26, 27];
      for (const day of fullDays) {
        await onlyTenToEleven(`2026-03-${day}`);
        await book(user("Booked"), world.salon.haircut, berlin(day, "10:00"));
      }
      const wandasMessage = await buttonsFor(wanda, fullDays.map((day) => join(`2026-03-${day}`)));
      for (const day of fullDays.slice(0, 3)) {
        wanda.press(wandasMessage, join(`2026-03-${day}`));
        await wanda.replyContaining("You are on the waitlist");
      }
      wanda.press(wandasMessage, join("2026-03-27"));
      const capped = await wanda.replyContaining("as many times as one person can be (3)");
      assert.ok(capped.reply_markup?.inline_keyboard.flat().some((button) => button.text.includes("My waitlist")));
      assert.equal(await entriesOf(wanda), 3);
    });
  });
}
