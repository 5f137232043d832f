import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkReviewText, isStars } from "../../../src/modules/booking/domain/review.ts";
import { REVIEW_DELAY_MS } from "../../../src/modules/booking/domain/review.ts";
import { reviewsOfMaster } from "../../../src/modules/booking/queries/reviews.ts";
import { commentOnVisit } from "../../../src/modules/booking/commands/comment-on-visit.ts";
import { rateVisit } from "../../../src/modules/booking/commands/rate-visit.ts";
import { bookAppointment } from "../../../src/modules/booking/commands/book-appointment.ts";
import { markVisit } from "../../../src/modules/booking/commands/mark-visit.ts";
import { type BookingView } from "../../../src/modules/booking/views.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { berlin, clientActor, NOW, openSalon, staffActor, tablesOf, type Salon } from "./salon.ts";
import { timedMigrations, timedWorld } from "./timed-support.ts";
import { runIn } from "./commands-support.ts";

const IDA = 841;

describe("review input", () => {
  test("stars are whole numbers from 1 to 5; a text is trimmed, not empty and at most 1000 characters", () => {
    assert.deepEqual([0, 1, 5, 6, 2.5].map(isStars), [false, true, true, false, false]);
    assert.deepEqual(checkReviewText("  lovely  "), { ok: true, text: "lovely" });
    assert.deepEqual(checkReviewText("   "), { ok: false, reason: "review-text-empty" });
    assert.deepEqual(checkReviewText("x".repeat(1001)), { ok: false, reason: "review-text-too-long" });
  });
});

for (const kind of databaseKinds) {
  describe(`reviews on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, timedMigrations);
    const tables = () => tablesOf(suite.database);
    const visitEnd = new Date(berlin(4, "11:00").getTime());

    const done = async (salon: Salon, outcome: "done" | "no_show" = "done"): Promise<BookingView> => {
      const booked = await tables().transaction((trx) =>
        runIn(trx, clientActor(salon, IDA), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(4, "10:00"), now: NOW, name: "Ida" }),
      );
      assert.ok(booked.ok);
      const marked = await tables().transaction((trx) => runIn(trx, staffActor(salon), markVisit, { bookingId: booked.booking.id, outcome, now: visitEnd }));
      assert.ok(marked.ok);
      return marked.booking;
    };
    const asked = (salon: Salon) =>
      tables().db.selectFrom("outbox").select(["dedupe_key", "payload"]).where("bot_id", "=", salon.botId).where("chat_id", "=", IDA).where("dedupe_key", "like", "%:review").execute();

    test("a visit marked done asks its client for 1-5 stars two hours later, once", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, visitEnd);
      const visit = await done(salon);
      await jobs.tickAt(new Date(visitEnd.getTime() + REVIEW_DELAY_MS - 60_000));
      assert.deepEqual(await asked(salon), []);
      await jobs.tickAt(new Date(visitEnd.getTime() + REVIEW_DELAY_MS));
      await jobs.tickAt(new Date(visitEnd.getTime() + REVIEW_DELAY_MS * 2));
      const requests = await asked(salon);
      assert.equal(requests.length, 1);
      const payload = requests[0]?.payload as { text: string; reply_markup: { inline_keyboard: { callback_data: string }[][] } };
      assert.match(payload.text, /How was Haircut with Anna\?/);
      assert.deepEqual(payload.reply_markup.inline_keyboard[0]?.map((button) => button.callback_data), [1, 2, 3, 4, 5].map((stars) => `bkv:${visit.id}:${stars}`));
      const reviews = await tables().db.selectFrom("booking_review").select(["stars", "text"]).where("booking_id", "=", visit.id).execute();
      assert.deepEqual(reviews, [{ stars: null, text: null }]);
    });

    test("a no-show is not asked", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, visitEnd);
      await done(salon, "no_show");
      await jobs.tickAt(new Date(visitEnd.getTime() + REVIEW_DELAY_MS * 2));
      assert.deepEqual(await asked(salon), []);
    });

    test("stars are kept once, then one optional text; staff see them for the master", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, visitEnd);
      const visit = await done(salon);
      const early = await tables().transaction((trx) => runIn(trx, clientActor(salon, IDA), rateVisit, { bookingId: visit.id, stars: 5, now: visitEnd }));
      assert.deepEqual(early, { ok: false, reason: "not-found" }, "nothing to rate before being asked");
      await jobs.tickAt(new Date(visitEnd.getTime() + REVIEW_DELAY_MS));
      const at = jobs.clock.now();
      const rate = (stars: number, telegramId = IDA) => tables().transaction((trx) => runIn(trx, clientActor(salon, telegramId), rateVisit, { bookingId: visit.id, stars, now: at }));
      assert.deepEqual(await rate(9), { ok: false, reason: "stars-invalid" });
      assert.deepEqual(await rate(4, IDA + 1), { ok: false, reason: "not-found" });
      assert.deepEqual(await rate(4), { ok: true });
      assert.deepEqual(await rate(1), { ok: false, reason: "already-rated" });
      const comment = (text: string) => tables().transaction((trx) => runIn(trx, clientActor(salon, IDA), commentOnVisit, { bookingId: visit.id, text, now: at }));
      assert.deepEqual(await comment("  "), { ok: false, reason: "review-text-empty" });
      assert.deepEqual(await comment("Great cut, thank you"), { ok: true });
      assert.deepEqual(await comment("And again"), { ok: false, reason: "already-commented" });
      assert.deepEqual(await reviewsOfMaster(tables().db, salon.botId, salon.anna), [{ booking_id: visit.id, stars: 4, text: "Great cut, thank you", rated_at: at }]);
      const audit = await tables().db.selectFrom("audit_log").select("action").where("object_type", "=", "booking_review").orderBy("id").execute();
      assert.deepEqual(audit.map((row) => row.action).slice(-3), ["booking.review.ask", "booking.review.rate", "booking.review.comment"]);
    });
  });
}
