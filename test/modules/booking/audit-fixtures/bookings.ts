/** Audit fixtures of booking's client and staff commands: booking, moving, reminders, prepayments, the waitlist, reviews. */
import assert from "node:assert/strict";
import type { Kysely, Transaction } from "kysely";
import type { Actor } from "../../../../src/platform/audit/use-case.ts";
import { addDays, instantToZoned } from "../../../../src/platform/domain/zoned-time.ts";
import { seedDemoSalon } from "../../../../src/modules/booking/demo-salon.ts";
import type { Tables as BookingTables } from "../../../../src/modules/booking/tables.ts";
import { adminBook } from "../../../../src/modules/booking/commands/admin-book.ts";
import { bookAppointment } from "../../../../src/modules/booking/commands/book-appointment.ts";
import { cancelBooking } from "../../../../src/modules/booking/commands/cancel-booking.ts";
import { daySlots } from "../../../../src/modules/booking/queries/availability.ts";
import { markVisit } from "../../../../src/modules/booking/commands/mark-visit.ts";
import { rescheduleBooking } from "../../../../src/modules/booking/commands/reschedule-booking.ts";
import { sendInvoice } from "../../../../src/modules/booking/commands/send-invoice.ts";
import { expireHold } from "../../../../src/modules/booking/commands/expire-hold.ts";
import { recordPayment } from "../../../../src/modules/booking/commands/record-payment.ts";
import { confirmComing } from "../../../../src/modules/booking/commands/confirm-coming.ts";
import { sendReminder } from "../../../../src/modules/booking/commands/send-reminder.ts";
import { askForReview } from "../../../../src/modules/booking/commands/ask-for-review.ts";
import { commentOnVisit } from "../../../../src/modules/booking/commands/comment-on-visit.ts";
import { rateVisit } from "../../../../src/modules/booking/commands/rate-visit.ts";
import { joinWaitlist } from "../../../../src/modules/booking/commands/join-waitlist.ts";
import { acceptOffer } from "../../../../src/modules/booking/commands/accept-offer.ts";
import { offerSlot } from "../../../../src/modules/booking/commands/offer-slot.ts";
import { passOnOffer } from "../../../../src/modules/booking/commands/pass-on-offer.ts";
import { issueMasterFeed } from "../../../../src/modules/booking/commands/issue-master-feed.ts";
import { runIn } from "../commands-support.ts";
import { BOT, fixture, type Fixture, type World } from "../../../support/audit-world.ts";

/** The demo salon's Anna (the catalogue and time-off fixtures change Boris and Clara) and her haircut, and the first time she is free `days` from today (Berlin). */
async function haircutWithAnna(world: World, days: number): Promise<{ masterId: number; serviceId: number; start: Date }> {
  await seedDemoSalon(world.database, BOT);
  const db = world.database.db as unknown as Kysely<BookingTables>;
  const master = await db.selectFrom("booking_master").select("id").where("bot_id", "=", BOT).where("display_name", "=", "Anna").executeTakeFirstOrThrow();
  const service = await db.selectFrom("booking_service").select("id").where("bot_id", "=", BOT).where("name", "=", "Haircut").executeTakeFirstOrThrow();
  const now = new Date();
  const date = addDays(instantToZoned(now, "Europe/Berlin").date, days);
  const [slot] = await daySlots(db, { botId: BOT, serviceId: service.id, masterId: master.id, now, clientActiveBookings: 0, date });
  if (slot === undefined) throw new Error(`Anna has no time on ${date}`);
  return { masterId: master.id, serviceId: service.id, start: new Date(slot.start) };
}

/** A client's haircut with Anna `days` from today, booked through the use case (their phone a valid German mobile: 151 and eight digits). */
async function clientsHaircut(world: World, days: number): Promise<{ client: Actor & { personId: number }; bookingId: number; start: Date }> {
  const client = await world.person();
  const { masterId, serviceId, start } = await haircutWithAnna(world, days);
  const booked = await world.inTransaction((trx) =>
    runIn(trx as unknown as Transaction<BookingTables>, client, bookAppointment, { masterId, serviceId, start, now: new Date(), name: "Mira", phone: `+49151${String(client.personId).padStart(8, "0")}` }),
  );
  if (!booked.ok) throw new Error(`the booking was refused: ${booked.reason}`);
  return { client, bookingId: booked.booking.id, start };
}


/** The clock a booking job's command runs at (`runIn` takes its "now" from it). */
function bookingMessenger(_world: World, now = new Date()): { now(): Date } {
  return { now: () => now };
}

const bookingJob: Actor = { botId: BOT, personId: null, source: "job" };

/** A client's manicure (given a prepayment here) `days` from today: pending, its slot held. */
async function clientsPrepaidVisit(world: World, days: number): Promise<{ client: Actor & { personId: number }; bookingId: number }> {
  await seedDemoSalon(world.database, BOT);
  const db = world.database.db as unknown as Kysely<BookingTables>;
  const service = await db.updateTable("booking_service").set({ prepayment_minor: 1000 }).where("bot_id", "=", BOT).where("name", "=", "Manicure").returning("id").executeTakeFirstOrThrow();
  const now = new Date();
  const date = addDays(instantToZoned(now, "Europe/Berlin").date, days);
  const [slot] = await daySlots(db, { botId: BOT, serviceId: service.id, now, clientActiveBookings: 0, date });
  if (slot?.masterId === undefined) throw new Error(`nobody does manicures on ${date}`);
  const client = await world.person();
  const booked = await world.inTransaction((trx) =>
    runIn(trx as unknown as Transaction<BookingTables>, client, bookAppointment, { masterId: slot.masterId!, serviceId: service.id, start: new Date(slot.start), now, name: "Nina" }),
  );
  if (!booked.ok) throw new Error(`the booking was refused: ${booked.reason}`);
  return { client, bookingId: booked.booking.id };
}

/** A haircut cancelled `days` from today, with a client waiting for its time; `offered`: the freed slot already offered to them. */
async function freedSlotWithWaiter(world: World, days: number, offered: boolean) {
  const { bookingId, start } = await clientsHaircut(world, days);
  const { masterId, serviceId } = await haircutWithAnna(world, days);
  const waiter = await world.person();
  const trx = <T>(work: (trx: Transaction<BookingTables>) => Promise<T>) => world.inTransaction((platform) => work(platform as unknown as Transaction<BookingTables>));
  const { date, minutes } = instantToZoned(start, "Europe/Berlin");
  const joined = await trx((t) => runIn(t, waiter, joinWaitlist, { serviceId, masterId, date, timeMin: minutes, name: "Wanda", now: new Date() }));
  if (!joined.ok) throw new Error(`joining the waitlist was refused: ${joined.reason}`);
  await trx((t) => runIn(t, world.owner, cancelBooking, { bookingId, by: "staff", now: new Date() }));
  if (offered) await trx((t) => runIn(t, bookingJob, offerSlot, { messenger: bookingMessenger(world), masterId, start }));
  return { waiter, entryId: joined.entryId, masterId, start };
}

/** A client's haircut `days` from today marked done, and their review asked for; `rated`: with stars given. */
async function askedReview(world: World, days: number, rated: boolean) {
  const { client, bookingId, start } = await clientsHaircut(world, days);
  const trx = <T>(work: (trx: Transaction<BookingTables>) => Promise<T>) => world.inTransaction((platform) => work(platform as unknown as Transaction<BookingTables>));
  const afterVisit = new Date(start.getTime() + 3_600_000);
  await trx((t) => runIn(t, world.owner, markVisit, { bookingId, outcome: "done", now: afterVisit }));
  await trx((t) => runIn(t, bookingJob, askForReview, { messenger: bookingMessenger(world, afterVisit), bookingId }));
  if (rated) await trx((t) => runIn(t, client, rateVisit, { bookingId, stars: 5, now: afterVisit }));
  const db = world.database.db as unknown as Kysely<BookingTables>;
  const review = await db.selectFrom("booking_review").select("id").where("booking_id", "=", bookingId).executeTakeFirstOrThrow();
  return { client, bookingId, reviewId: review.id };
}

export const fixtures: Record<string, Fixture> = {
  "booking.book": fixture({
    run: async (world) => {
      const { client, bookingId } = await clientsHaircut(world, 3);
      return { actor: client, objectType: "booking", objectId: bookingId };
    },
  }),
  "booking.admin-book": fixture({
    setup: (world) => haircutWithAnna(world, 4),
    run: async (world, { masterId, serviceId, start }) => {
      const booked = await world.inTransaction((trx) =>
        runIn(trx as unknown as Transaction<BookingTables>, world.owner, adminBook, { masterId, serviceId, start, now: new Date(), client: { phone: "+4915100000001", name: "Walk-in" } }),
      );
      assert.ok(booked.ok);
      return { actor: world.owner, objectType: "booking", objectId: booked.booking.id };
    },
  }),
  "booking.cancel": fixture({
    setup: (world) => clientsHaircut(world, 5),
    run: async (world, { client, bookingId }) => {
      const cancelled = await world.inTransaction((trx) => runIn(trx as unknown as Transaction<BookingTables>, client, cancelBooking, { bookingId, by: "client", now: new Date() }));
      assert.ok(cancelled.ok);
      return { actor: client, objectType: "booking", objectId: bookingId };
    },
  }),
  "booking.feed.issue": fixture({
    setup: async (world) => {
      await seedDemoSalon(world.database, BOT);
      const master = await world.person(["master"]);
      const db = world.database.db as unknown as Kysely<BookingTables>;
      const { id } = await db.updateTable("booking_master").set({ telegram_id: master.personId }).where("bot_id", "=", BOT).where("display_name", "=", "Clara").returning("id").executeTakeFirstOrThrow();
      return { master, masterId: id };
    },
    run: async (world, { master, masterId }) => {
      const issued = await world.runtime.run(master, issueMasterFeed, {});
      assert.ok(issued.ok);
      return { actor: master, objectType: "booking_master", objectId: masterId };
    },
  }),
  "booking.reschedule": fixture({
    setup: async (world) => ({ ...(await clientsHaircut(world, 6)), to: (await haircutWithAnna(world, 7)).start }),
    run: async (world, { client, bookingId, to }) => {
      const moved = await world.inTransaction((trx) => runIn(trx as unknown as Transaction<BookingTables>, client, rescheduleBooking, { bookingId, by: "client", start: to, now: new Date() }));
      assert.ok(moved.ok);
      return { actor: client, objectType: "booking", objectId: bookingId };
    },
  }),
  "booking.mark": fixture({
    setup: (world) => clientsHaircut(world, 8),
    run: async (world, { bookingId, start }) => {
      const afterVisit = new Date(start.getTime() + 3_600_000);
      const marked = await world.inTransaction((trx) => runIn(trx as unknown as Transaction<BookingTables>, world.owner, markVisit, { bookingId, outcome: "done", now: afterVisit }));
      assert.ok(marked.ok);
      return { actor: world.owner, objectType: "booking", objectId: bookingId };
    },
  }),
  // Booking: reminders, prepayments, the waitlist, reviews.
  "booking.reminder.send": fixture({
    setup: (world) => clientsHaircut(world, 9),
    run: async (world, { bookingId }) => {
      const sent = await world.inTransaction((trx) =>
        runIn(trx as unknown as Transaction<BookingTables>, bookingJob, sendReminder, { messenger: bookingMessenger(world), bookingId, offsetMin: 120, sequence: 0, dedupeKey: `fixture:${bookingId}:reminder` }),
      );
      assert.ok(sent.sent);
      return { actor: bookingJob, objectType: "booking", objectId: bookingId };
    },
  }),
  "booking.coming": fixture({
    setup: (world) => clientsHaircut(world, 10),
    run: async (world, { client, bookingId }) => {
      const noted = await world.inTransaction((trx) => runIn(trx as unknown as Transaction<BookingTables>, client, confirmComing, { bookingId, now: new Date() }));
      assert.deepEqual(noted, { ok: true, already: false });
      return { actor: client, objectType: "booking", objectId: bookingId };
    },
  }),
  "booking.invoice.send": fixture({
    setup: (world) => clientsPrepaidVisit(world, 11),
    run: async (world, { bookingId }) => {
      const sent = await world.inTransaction((trx) => runIn(trx as unknown as Transaction<BookingTables>, bookingJob, sendInvoice, { messenger: bookingMessenger(world), bookingId, translator: world.app.translator }));
      assert.ok(sent.sent);
      return { actor: bookingJob, objectType: "booking", objectId: bookingId };
    },
  }),
  "booking.hold.expire": fixture({
    setup: (world) => clientsPrepaidVisit(world, 12),
    run: async (world, { bookingId }) => {
      const later = new Date(Date.now() + 24 * 3_600_000);
      const expired = await world.inTransaction((trx) => runIn(trx as unknown as Transaction<BookingTables>, bookingJob, expireHold, { messenger: bookingMessenger(world, later), bookingId }));
      assert.ok(expired.expired);
      return { actor: bookingJob, objectType: "booking", objectId: bookingId };
    },
  }),
  "booking.payment.record": fixture({
    setup: (world) => clientsPrepaidVisit(world, 13),
    run: async (world, { client, bookingId }) => {
      const paid = await world.inTransaction((trx) =>
        runIn(trx as unknown as Transaction<BookingTables>, client, recordPayment, {
          messenger: bookingMessenger(world),
          payload: String(bookingId),
          currency: "EUR",
          totalAmount: 1000,
          telegramChargeId: `tg-fixture-${bookingId}`,
          providerChargeId: `pr-fixture-${bookingId}`,
        }),
      );
      assert.ok(paid.ok && paid.outcome === "confirmed");
      return { actor: client, objectType: "booking", objectId: bookingId };
    },
  }),
  "booking.waitlist.join": fixture({
    setup: async (world) => {
      const { start } = await clientsHaircut(world, 14);
      return { ...(await haircutWithAnna(world, 14)), start };
    },
    run: async (world, { masterId, serviceId, start }) => {
      const client = await world.person();
      const { date, minutes } = instantToZoned(start, "Europe/Berlin");
      const joined = await world.inTransaction((trx) =>
        runIn(trx as unknown as Transaction<BookingTables>, client, joinWaitlist, { serviceId, masterId, date, timeMin: minutes, name: "Wes", now: new Date() }),
      );
      assert.ok(joined.ok);
      return { actor: client, objectType: "booking_waitlist", objectId: joined.entryId };
    },
  }),
  "booking.waitlist.offer": fixture({
    setup: (world) => freedSlotWithWaiter(world, 15, false),
    run: async (world, { entryId, masterId, start }) => {
      const offered = await world.inTransaction((trx) => runIn(trx as unknown as Transaction<BookingTables>, bookingJob, offerSlot, { messenger: bookingMessenger(world), masterId, start }));
      assert.equal(offered.entryId, entryId);
      return { actor: bookingJob, objectType: "booking_waitlist", objectId: entryId };
    },
  }),
  "booking.waitlist.accept": fixture({
    setup: (world) => freedSlotWithWaiter(world, 16, true),
    run: async (world, { waiter, entryId }) => {
      const taken = await world.inTransaction((trx) => runIn(trx as unknown as Transaction<BookingTables>, waiter, acceptOffer, { entryId, now: new Date() }));
      assert.ok(taken.ok);
      return { actor: waiter, objectType: "booking", objectId: taken.booking.id };
    },
  }),
  "booking.waitlist.pass": fixture({
    setup: (world) => freedSlotWithWaiter(world, 17, true),
    run: async (world, { waiter, entryId }) => {
      const passed = await world.inTransaction((trx) =>
        runIn(trx as unknown as Transaction<BookingTables>, waiter, passOnOffer, { entryId, messenger: bookingMessenger(world), why: "declined" }),
      );
      assert.ok(passed.ok);
      return { actor: waiter, objectType: "booking_waitlist", objectId: entryId };
    },
  }),
  "booking.review.ask": fixture({
    setup: async (world) => {
      const { bookingId, start } = await clientsHaircut(world, 18);
      const afterVisit = new Date(start.getTime() + 3_600_000);
      await world.inTransaction((trx) => runIn(trx as unknown as Transaction<BookingTables>, world.owner, markVisit, { bookingId, outcome: "done", now: afterVisit }));
      return { bookingId };
    },
    run: async (world, { bookingId }) => {
      const asked = await world.inTransaction((trx) => runIn(trx as unknown as Transaction<BookingTables>, bookingJob, askForReview, { messenger: bookingMessenger(world), bookingId }));
      assert.ok(asked.asked);
      const db = world.database.db as unknown as Kysely<BookingTables>;
      const review = await db.selectFrom("booking_review").select("id").where("booking_id", "=", bookingId).executeTakeFirstOrThrow();
      return { actor: bookingJob, objectType: "booking_review", objectId: review.id };
    },
  }),
  "booking.review.rate": fixture({
    setup: (world) => askedReview(world, 19, false),
    run: async (world, { client, bookingId, reviewId }) => {
      const rated = await world.inTransaction((trx) => runIn(trx as unknown as Transaction<BookingTables>, client, rateVisit, { bookingId, stars: 4, now: new Date() }));
      assert.deepEqual(rated, { ok: true });
      return { actor: client, objectType: "booking_review", objectId: reviewId };
    },
  }),
  "booking.review.comment": fixture({
    setup: (world) => askedReview(world, 20, true),
    run: async (world, { client, bookingId, reviewId }) => {
      const commented = await world.inTransaction((trx) => runIn(trx as unknown as Transaction<BookingTables>, client, commentOnVisit, { bookingId, text: "Lovely", now: new Date() }));
      assert.deepEqual(commented, { ok: true });
      return { actor: client, objectType: "booking_review", objectId: reviewId };
    },
  }),
};
