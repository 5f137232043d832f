import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkPreCheckout } from "../../../src/modules/booking/queries/pre-checkout.ts";
import { recordPayment } from "../../../src/modules/booking/commands/record-payment.ts";
import { bookAppointment } from "../../../src/modules/booking/commands/book-appointment.ts";
import { type BookingView } from "../../../src/modules/booking/views.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { auditOf, berlin, clientActor, NOW, openSalon, tablesOf, type Salon } from "./salon.ts";
import { timedMigrations, timedWorld } from "./timed-support.ts";
import { runIn } from "./commands-support.ts";

const IDA = 821;
const JAN = 822;
const ADMIN = 829;
const MINUTE = 60_000;
const later = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

for (const kind of databaseKinds) {
  describe(`prepayments on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, timedMigrations);
    const tables = () => tablesOf(suite.database);

    const book = async (salon: Salon, telegramId = IDA, serviceId = salon.colouring, now = NOW): Promise<BookingView> => {
      const outcome = await tables().transaction((trx) =>
        runIn(trx, clientActor(salon, telegramId), bookAppointment, { masterId: salon.anna, serviceId, start: berlin(4, "10:00"), now, name: "Ida" }),
      );
      assert.ok(outcome.ok, JSON.stringify(outcome));
      return outcome.booking;
    };
    const bookingRow = (id: number) => tables().db.selectFrom("booking").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const occupancies = (id: number) =>
      tables().db.selectFrom("booking_occupancy").select(["kind", "active"]).where("booking_id", "=", id).orderBy("id").execute();
    const outbox = (salon: Salon, chatId: number) =>
      tables().db.selectFrom("outbox").select(["method", "dedupe_key", "payload"]).where("bot_id", "=", salon.botId).where("chat_id", "=", chatId).orderBy("id").execute();
    const pay = (salon: Salon, booking: BookingView, charge: string, jobs: ReturnType<typeof timedWorld>, telegramId = IDA) =>
      tables().transaction((trx) =>
        runIn(trx, clientActor(salon, telegramId), recordPayment, {
          messenger: jobs.messenger,
          payload: String(booking.id),
          currency: "EUR",
          totalAmount: 2000,
          telegramChargeId: `tg-${charge}`,
          providerChargeId: `pr-${charge}`,
        }),
      );
    const preCheckout = (salon: Salon, booking: BookingView, now: Date, totalAmount = 2000) =>
      tables().transaction((trx) => checkPreCheckout(trx, { botId: salon.botId, payload: String(booking.id), currency: "EUR", totalAmount, now }));

    test("a booking with prepayment is pending with a hold, and the next tick sends its invoice in the snapshot's currency and minor units", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, NOW);
      const visit = await book(salon);
      assert.equal(visit.status, "pending");
      assert.deepEqual(await occupancies(visit.id), [{ kind: "hold", active: true }]);
      await jobs.tickAt(NOW);
      await jobs.tickAt(later(1));
      const sent = await outbox(salon, IDA);
      assert.equal(sent.length, 1);
      assert.equal(sent[0]?.method, "sendInvoice");
      const invoice = sent[0]?.payload as { payload: string; currency: string; prices: { amount: number }[]; provider_token: string; title: string };
      assert.deepEqual(
        [invoice.payload, invoice.currency, invoice.prices[0]?.amount, invoice.provider_token, invoice.title],
        [String(visit.id), "EUR", 2000, "test-provider-token", "Colouring"],
      );
    });

    test("the pre-checkout says yes only while the hold is live and for exactly the prepayment", async () => {
      const salon = await openSalon(tables().db);
      const visit = await book(salon);
      assert.deepEqual(await preCheckout(salon, visit, later(14)), { ok: true });
      assert.deepEqual(await preCheckout(salon, visit, later(14), 1999), { ok: false, reason: "booking-payment-amount" });
      assert.deepEqual(await preCheckout(salon, visit, later(15)), { ok: false, reason: "booking-payment-expired" });
      assert.deepEqual(
        await tables().transaction((trx) => checkPreCheckout(trx, { botId: salon.botId, payload: "nonsense", currency: "EUR", totalAmount: 2000, now: NOW })),
        { ok: false, reason: "booking-payment-unknown" },
      );
    });

    test("a payment confirms the booking, turns its hold into an appointment, records the charges once and schedules the reminders", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, later(5));
      const visit = await book(salon);
      const paid = await pay(salon, visit, "a", jobs);
      const again = await pay(salon, visit, "a", jobs);
      assert.deepEqual(paid, { ok: true, outcome: "confirmed", bookingId: visit.id, duplicate: false });
      assert.deepEqual(again, { ok: true, outcome: "confirmed", bookingId: visit.id, duplicate: true });
      const row = await bookingRow(visit.id);
      assert.deepEqual([row.status, row.hold_expires_at, row.refund_needed], ["confirmed", null, false]);
      assert.deepEqual(await occupancies(visit.id), [{ kind: "appointment", active: true }]);
      const payments = await tables().db.selectFrom("booking_payment").select(["telegram_payment_charge_id", "provider_payment_charge_id", "outcome"]).where("booking_id", "=", visit.id).execute();
      assert.deepEqual(payments, [{ telegram_payment_charge_id: "tg-a", provider_payment_charge_id: "pr-a", outcome: "confirmed" }]);
      const events = await tables().db.selectFrom("scheduled_event").select("dedupe_key").where("dedupe_key", "like", `booking:${visit.id}:%`).orderBy("due_at").execute();
      assert.deepEqual(events.map((event) => event.dedupe_key), [`booking:${visit.id}:reminder:1440:0`, `booking:${visit.id}:reminder:120:0`]);
      await jobs.tickAt(later(30));
      assert.equal((await bookingRow(visit.id)).status, "confirmed", "the hold's expiry was removed with the payment");
      assert.deepEqual((await auditOf(tables().db, visit.id)).map((audit) => audit.action), ["booking.book", "booking.payment.record"]);
    });

    test("unpaid, the hold runs out: the booking is cancelled as expired, the slot is free again and the client is told", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, NOW);
      const visit = await book(salon);
      await jobs.tickAt(later(14));
      assert.equal((await bookingRow(visit.id)).status, "pending");
      await jobs.tickAt(later(15));
      const row = await bookingRow(visit.id);
      assert.deepEqual([row.status, row.cancelled_by], ["cancelled", "hold-expired"]);
      assert.deepEqual(await occupancies(visit.id), [{ kind: "hold", active: false }]);
      assert.deepEqual((await outbox(salon, IDA)).map((message) => message.dedupe_key), [`booking:${visit.id}:invoice`, `booking:${visit.id}:hold-expired`]);
      await book(salon, JAN, salon.haircut, later(16));
    });

    test("paid after the hold ran out while the slot is still free: booked again, confirmed", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, NOW);
      const visit = await book(salon);
      await jobs.tickAt(later(20));
      const paid = await pay(salon, visit, "late", jobs);
      assert.deepEqual(paid, { ok: true, outcome: "rebooked", bookingId: visit.id, duplicate: false });
      const row = await bookingRow(visit.id);
      assert.deepEqual([row.status, row.cancelled_by, row.refund_needed], ["confirmed", null, false]);
      assert.deepEqual(await occupancies(visit.id), [{ kind: "hold", active: false }, { kind: "appointment", active: true }]);
      const history = await tables().db.selectFrom("booking_history").select("event").where("booking_id", "=", visit.id).orderBy("id").execute();
      assert.deepEqual(history.map((entry) => entry.event), ["booked", "hold-expired", "rebooked"]);
    });

    test("paid after the hold ran out and the slot was taken: flagged for a refund and every manager is told", async () => {
      const salon = await openSalon(tables().db);
      await tables().db.insertInto("role").values({ bot_id: salon.botId, telegram_id: ADMIN, role: "admin" }).execute();
      const jobs = timedWorld(() => suite.database, NOW);
      const visit = await book(salon);
      await jobs.tickAt(later(20));
      await book(salon, JAN, salon.haircut, later(21));
      const paid = await pay(salon, visit, "too-late", jobs);
      assert.deepEqual(paid, { ok: true, outcome: "refund-needed", bookingId: visit.id, duplicate: false });
      const row = await bookingRow(visit.id);
      assert.deepEqual([row.status, row.refund_needed], ["cancelled", true]);
      const notice = await outbox(salon, ADMIN);
      assert.equal(notice.length, 1);
      assert.match((notice[0]?.payload as { text: string }).text, /€20\.00 for booking #\d+ .*pr-too-late/);
      const payments = await tables().db.selectFrom("booking_payment").select("outcome").where("booking_id", "=", visit.id).execute();
      assert.deepEqual(payments, [{ outcome: "refund-needed" }]);
    });
  });
}
