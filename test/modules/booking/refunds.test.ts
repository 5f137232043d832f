import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { recordPayment } from "../../../src/modules/booking/commands/record-payment.ts";
import { flaggedPayments } from "../../../src/modules/booking/queries/refunds.ts";
import { recordRefund } from "../../../src/modules/booking/commands/record-refund.ts";
import { bookAppointment } from "../../../src/modules/booking/commands/book-appointment.ts";
import { type BookingView } from "../../../src/modules/booking/views.ts";
import type { Actor } from "../../../src/platform/audit/use-case.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { berlin, clientActor, NOW, openSalon, tablesOf, type Salon } from "./salon.ts";
import { timedMigrations, timedWorld } from "./timed-support.ts";
import { runIn } from "./commands-support.ts";

const IDA = 861;
const JAN = 862;
const ADMIN = 869;
const MINUTE = 60_000;
const later = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

for (const kind of databaseKinds) {
  describe(`recording refunds of late prepayments on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, timedMigrations);
    const tables = () => tablesOf(suite.database);
    const admin = (salon: Salon): Actor => ({ botId: salon.botId, personId: ADMIN, source: "web", ip: "10.0.0.9" });

    const book = async (salon: Salon, telegramId: number, serviceId: number, now: Date): Promise<BookingView> => {
      const outcome = await tables().transaction((trx) =>
        runIn(trx, clientActor(salon, telegramId), bookAppointment, { masterId: salon.anna, serviceId, start: berlin(4, "10:00"), now, name: telegramId === IDA ? "Ida" : "Jan" }),
      );
      assert.ok(outcome.ok, JSON.stringify(outcome));
      return outcome.booking;
    };
    const pay = (salon: Salon, booking: BookingView, charge: string, jobs: ReturnType<typeof timedWorld>) =>
      tables().transaction((trx) =>
        runIn(trx, clientActor(salon, IDA), recordPayment, {
          messenger: jobs.messenger,
          payload: String(booking.id),
          currency: "EUR",
          totalAmount: 2000,
          telegramChargeId: `tg-${salon.botId}-${charge}`,
          providerChargeId: `pr-${charge}`,
        }),
      );
    /** Ida's colouring paid after its hold ran out and Jan took the time: one payment flagged for a refund. */
    const latePayment = async (salon: Salon, jobs: ReturnType<typeof timedWorld>) => {
      await tables().db.insertInto("person").values({ telegram_id: ADMIN, first_name: "Ada", last_name: null, username: null, language_code: "en" }).onConflict((conflict) => conflict.column("telegram_id").doNothing()).execute();
      await tables().db.insertInto("role").values({ bot_id: salon.botId, telegram_id: ADMIN, role: "admin" }).execute();
      const visit = await book(salon, IDA, salon.colouring, NOW);
      await jobs.tickAt(later(20));
      await book(salon, JAN, salon.haircut, later(21));
      const paid = await pay(salon, visit, "late", jobs);
      assert.ok(paid.ok && paid.outcome === "refund-needed");
      const payment = await tables().db.selectFrom("booking_payment").select("id").where("booking_id", "=", visit.id).executeTakeFirstOrThrow();
      return { visit, paymentId: payment.id };
    };
    const record = (salon: Salon, jobs: ReturnType<typeof timedWorld>, paymentId: number, note?: string) =>
      tables().transaction((trx) => runIn(trx, admin(salon), recordRefund, { messenger: jobs.messenger, paymentId, note: note ?? null }));
    const refundState = (paymentId: number) =>
      tables().db.selectFrom("booking_payment").select(["refunded_at", "refunded_by", "refund_note"]).where("id", "=", paymentId).executeTakeFirstOrThrow();
    const outboxTo = (salon: Salon, chatId: number) =>
      tables().db.selectFrom("outbox").select(["dedupe_key", "payload"]).where("bot_id", "=", salon.botId).where("chat_id", "=", chatId).orderBy("id").execute();
    const refundAudits = (paymentId: number) =>
      tables().db.selectFrom("audit_log").select(["action", "actor_id", "source"]).where("object_type", "=", "booking_payment").where("object_id", "=", String(paymentId)).execute();

    test("the staff notice of a late payment carries a Refunded button naming the payment", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, NOW);
      const { paymentId } = await latePayment(salon, jobs);
      const [notice] = await outboxTo(salon, ADMIN);
      const buttons = (notice?.payload as { reply_markup: { inline_keyboard: { text: string; callback_data: string }[][] } }).reply_markup.inline_keyboard;
      assert.deepEqual(buttons, [[{ text: "Refunded ✓", callback_data: `bkr:done:${paymentId}` }]]);
    });

    test("a refund is recorded once with who, when and the note; the booking's flag clears and the client is told", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, NOW);
      const { visit, paymentId } = await latePayment(salon, jobs);
      jobs.clock.at = later(60);
      const recorded = await record(salon, jobs, paymentId, "  re_3PqXyz  ");
      assert.deepEqual(recorded, { ok: true, paymentId, bookingId: visit.id, amountMinor: 2000, currency: "EUR", refundedAt: later(60) });
      assert.deepEqual(await refundState(paymentId), { refunded_at: later(60), refunded_by: ADMIN, refund_note: "re_3PqXyz" });
      const booking = await tables().db.selectFrom("booking").select(["status", "refund_needed"]).where("id", "=", visit.id).executeTakeFirstOrThrow();
      assert.deepEqual(booking, { status: "cancelled", refund_needed: false });
      const told = (await outboxTo(salon, IDA)).filter((message) => message.dedupe_key === `booking-payment:${paymentId}:refunded`);
      assert.equal(told.length, 1);
      assert.match((told[0]?.payload as { text: string }).text, /Your prepayment of €20\.00 for Colouring \(.*10:00\) has been refunded/);
      assert.deepEqual(await refundAudits(paymentId), [{ action: "booking.refund.record", actor_id: ADMIN, source: "web" }]);

      const listed = await flaggedPayments(tables().db, salon.botId, "refunded", 10);
      assert.deepEqual(
        listed.map((row) => [row.paymentId, row.client, row.refundedBy, row.note]),
        [[paymentId, "Ida", "Ada", "re_3PqXyz"]],
      );
      assert.deepEqual(await flaggedPayments(tables().db, salon.botId, "to-refund", 10), []);
    });

    test("recording it a second time is refused and changes nothing", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, NOW);
      const { paymentId } = await latePayment(salon, jobs);
      jobs.clock.at = later(60);
      assert.ok((await record(salon, jobs, paymentId, "first")).ok);
      const outboxBefore = await outboxTo(salon, IDA);
      jobs.clock.at = later(90);
      assert.deepEqual(await record(salon, jobs, paymentId, "second"), { ok: false, reason: "refund-already-recorded" });
      assert.deepEqual(await refundState(paymentId), { refunded_at: later(60), refunded_by: ADMIN, refund_note: "first" });
      assert.deepEqual(await outboxTo(salon, IDA), outboxBefore);
      assert.equal((await refundAudits(paymentId)).length, 1);
    });

    test("only a payment flagged for a refund can have one recorded, with a note of at most 200 characters", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, NOW);
      const { paymentId } = await latePayment(salon, jobs);
      assert.deepEqual(await record(salon, jobs, paymentId, "x".repeat(201)), { ok: false, reason: "refund-note-too-long" });
      const other = await tables().transaction((trx) =>
        runIn(trx, clientActor(salon, JAN), bookAppointment, { masterId: salon.anna, serviceId: salon.colouring, start: berlin(5, "10:00"), now: later(22), name: "Jan" }),
      );
      assert.ok(other.ok);
      assert.ok((await pay(salon, other.booking, "in-time", jobs)).ok);
      const confirmed = await tables().db.selectFrom("booking_payment").select("id").where("booking_id", "=", other.booking.id).executeTakeFirstOrThrow();
      assert.deepEqual(await record(salon, jobs, confirmed.id), { ok: false, reason: "refund-not-found" });
      assert.deepEqual(await refundState(paymentId), { refunded_at: null, refunded_by: null, refund_note: null });
      assert.equal((await refundAudits(paymentId)).length + (await refundAudits(confirmed.id)).length, 0);
    });
  });
}
