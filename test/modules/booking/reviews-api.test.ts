import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Kysely, Transaction } from "kysely";
import type { RunningApp } from "../../../src/main.ts";
import { expireHold } from "../../../src/modules/booking/commands/expire-hold.ts";
import { recordPayment } from "../../../src/modules/booking/commands/record-payment.ts";
import type { Tables } from "../../../src/modules/booking/tables.ts";
import { askForReview } from "../../../src/modules/booking/commands/ask-for-review.ts";
import { commentOnVisit } from "../../../src/modules/booking/commands/comment-on-visit.ts";
import { rateVisit } from "../../../src/modules/booking/commands/rate-visit.ts";
import { bookAppointment } from "../../../src/modules/booking/commands/book-appointment.ts";
import { markVisit } from "../../../src/modules/booking/commands/mark-visit.ts";
import type { Actor } from "../../../src/platform/audit/use-case.ts";
import type { BotApiEmulator } from "../../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, startAppInProcess, startEmulator, shippedMigrations } from "../../support/app.ts";
import { signIn } from "../../support/signed-in-client.ts";
import { databaseKinds, type TestDatabase } from "../../support/databases.ts";
import { BOT, NOW, berlin, openTestSalon, type TestSalon } from "../../e2e/booking-timed-app.ts";
import { timedWorld } from "./timed-support.ts";
import { runIn } from "./commands-support.ts";

const IDA = 851;
const JAN = 852;
const STRANGER = 853;

for (const kind of databaseKinds) {
  describe(`staff read reviews and refunds over HTTP on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let salon: TestSalon;
    const clock = { now: () => NOW };
    const tables = () => app.database as unknown as { db: Kysely<Tables>; transaction<T>(work: (trx: Transaction<Tables>) => Promise<T>): Promise<T> };
    const client = (telegramId: number): Actor => ({ botId: BOT, personId: telegramId, source: "bot" });
    const get = async (path: string, telegramId = OWNER_ID) => (await signIn(app, telegramId, { botId: BOT })).get<Record<string, unknown[]>>(path);

    before(async () => {
      database = await kind.fresh(shippedMigrations);
      emulator = await startEmulator();
      app = await startAppInProcess(appEnv(emulator.url, database), undefined, { clock });
      const bot = await app.database.db.selectFrom("bot").select("telegram_id").where("id", "=", BOT).executeTakeFirstOrThrow();
      salon = await openTestSalon(tables().db, bot.telegram_id);
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
    });

    test("a rated visit is listed with its stars, text, master and client; only for those who manage bookings", async () => {
      const jobs = timedWorld(() => app.database, NOW);
      const booked = await tables().transaction((trx) => runIn(trx, client(IDA), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(4, "10:00"), now: NOW, name: "Ida" }));
      assert.ok(booked.ok);
      const bookingId = booked.booking.id;
      const afterVisit = berlin(4, "11:00");
      jobs.clock.at = afterVisit;
      await tables().transaction((trx) => runIn(trx, { botId: BOT, personId: OWNER_ID, source: "web" }, markVisit, { bookingId, outcome: "done", now: afterVisit }));
      await tables().transaction((trx) => runIn(trx, { botId: BOT, personId: null, source: "job" }, askForReview, { messenger: jobs.messenger, bookingId }));
      await tables().transaction((trx) => runIn(trx, client(IDA), rateVisit, { bookingId, stars: 5, now: afterVisit }));
      await tables().transaction((trx) => runIn(trx, client(IDA), commentOnVisit, { bookingId, text: "Perfect", now: afterVisit }));

      const listed = await get(`/api/booking/reviews?master=${salon.anna}`);
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.body.reviews, [
        { bookingId, master: "Anna", service: "Haircut", client: "Ida", visitAt: berlin(4, "10:00").toISOString(), timeZone: "Europe/Berlin", stars: 5, text: "Perfect", ratedAt: afterVisit.toISOString() },
      ]);
      assert.deepEqual((await get(`/api/booking/reviews?stars=4`)).body.reviews, []);
      assert.equal(((await get(`/api/booking/reviews?stars=5`)).body.reviews ?? []).length, 1);
      assert.deepEqual((await get("/api/booking/reviews")).body.masters, [{ id: salon.anna, name: "Anna", reviews: 1, average: 5 }]);
      assert.equal((await get("/api/booking/reviews?master=nobody")).status, 400);
      assert.equal((await get("/api/booking/reviews?stars=6")).status, 400);
      assert.equal((await get("/api/booking/reviews", STRANGER)).status, 403);
    });

    test("a prepayment that came after its slot was taken is listed for a refund with its charge ids", async () => {
      const jobs = timedWorld(() => app.database, NOW);
      const booked = await tables().transaction((trx) => runIn(trx, client(IDA), bookAppointment, { masterId: salon.anna, serviceId: salon.colouring, start: berlin(5, "10:00"), now: NOW, name: "Ida" }));
      assert.ok(booked.ok);
      const later = new Date(NOW.getTime() + 20 * 60_000);
      jobs.clock.at = later;
      await tables().transaction((trx) => runIn(trx, { botId: BOT, personId: null, source: "job" }, expireHold, { messenger: jobs.messenger, bookingId: booked.booking.id }));
      const other = await tables().transaction((trx) => runIn(trx, client(JAN), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(5, "10:00"), now: later, name: "Jan" }));
      assert.ok(other.ok);
      const paid = await tables().transaction((trx) =>
        runIn(trx, client(IDA), recordPayment, { messenger: jobs.messenger, payload: String(booked.booking.id), currency: "EUR", totalAmount: 2000, telegramChargeId: "tg-1", providerChargeId: "pr-1" }),
      );
      assert.ok(paid.ok && paid.outcome === "refund-needed");
      const payment = await tables().db.selectFrom("booking_payment").select("id").where("booking_id", "=", booked.booking.id).executeTakeFirstOrThrow();
      const listed = await get("/api/booking/refunds");
      const toRefund = {
        paymentId: payment.id,
        bookingId: booked.booking.id,
        client: "Ida",
        clientPhone: null,
        service: "Colouring",
        visitAt: berlin(5, "10:00").toISOString(),
        timeZone: "Europe/Berlin",
        amountMinor: 2000,
        currency: "EUR",
        providerChargeId: "pr-1",
        telegramChargeId: "tg-1",
        paidAt: later.toISOString(),
        refundedAt: null,
        refundedById: null,
        refundedBy: null,
        note: null,
      };
      assert.deepEqual(listed.body, { refunds: [toRefund], recorded: [] });
      assert.equal((await get("/api/booking/refunds", STRANGER)).status, 403);
    });

    test("staff record a refund made in the provider once: a second attempt is refused in their language and changes nothing", async () => {
      const payment = await tables().db.selectFrom("booking_payment").select(["id", "booking_id"]).where("outcome", "=", "refund-needed").executeTakeFirstOrThrow();
      const owner = await signIn(app, OWNER_ID, { botId: BOT });
      const recorded = await owner.send<{ refund: { paymentId: number; bookingId: number } }>("POST", `/api/booking/refunds/${payment.id}/record`, { note: "re_123" });
      assert.equal(recorded.status, 200);
      assert.deepEqual([recorded.body.refund.paymentId, recorded.body.refund.bookingId], [payment.id, payment.booking_id]);
      const listed = await get("/api/booking/refunds");
      assert.deepEqual(listed.body.refunds, []);
      assert.deepEqual(
        (listed.body.recorded as { paymentId: number; note: string; refundedById: number; refundedAt: string }[]).map((row) => [row.paymentId, row.note, row.refundedById, row.refundedAt]),
        [[payment.id, "re_123", OWNER_ID, NOW.toISOString()]],
      );
      const told = await tables().db.selectFrom("outbox").select("chat_id").where("dedupe_key", "=", `booking-payment:${payment.id}:refunded`).execute();
      assert.deepEqual(told, [{ chat_id: IDA }]);

      const again = await owner.send("POST", `/api/booking/refunds/${payment.id}/record`, { note: "again" }, { language: "ru" });
      assert.deepEqual([again.status, again.body], [409, { error: "Этот возврат уже отмечен." }]);
      const unchanged = await tables().db.selectFrom("booking_payment").select("refund_note").where("id", "=", payment.id).executeTakeFirstOrThrow();
      assert.equal(unchanged.refund_note, "re_123");
      assert.equal((await owner.send("POST", "/api/booking/refunds/999999/record", {})).status, 404);
      assert.equal((await owner.send("POST", `/api/booking/refunds/${payment.id}/record`, { note: "x".repeat(201) })).status, 400);
      const stranger = await signIn(app, STRANGER, { botId: BOT });
      assert.equal((await stranger.send("POST", `/api/booking/refunds/${payment.id}/record`, {})).status, 403);
    });
  });
}
