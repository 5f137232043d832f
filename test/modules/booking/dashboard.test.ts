import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bookingMigrations, bookingModule } from "../../../src/modules/booking/module.ts";
import { permissionsOf } from "../../../src/platform/app/module-context.ts";
import { dashboardCards } from "../../../src/platform/dashboard/cards.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { bookingTranslator } from "./commands-support.ts";
import { berlin, newClient, NOW, openSalon, pastBooking, tablesOf } from "./salon.ts";

for (const kind of databaseKinds) {
  describe(`booking's dashboard cards, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingMigrations);

    test("an owner sees today's and tomorrow's visits per master, the week's money and clients, and the refunds owed, as the database has them", async () => {
      const { db } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const [ann, ben, cat, dan] = [await newClient(db, salon, "Ann"), await newClient(db, salon, "Ben"), await newClient(db, salon, "Cat"), await newClient(db, salon, "Dan")];
      const visit = (clientId: number, masterId: number, start: Date, status: "confirmed" | "done" | "no_show" | "cancelled", priceMinor = 3000) =>
        pastBooking(db, salon, { clientId, masterId, serviceId: salon.haircut, start, status, priceMinor, durationMin: 60, ...(status === "cancelled" ? { cancelledBy: "client" as const } : {}) });
      // Monday 2 March 2026 is today in Berlin; Dan has been before (a visit done in February).
      await visit(dan, salon.boris, new Date("2026-02-20T10:00:00+01:00"), "done", 3500);
      await visit(ann, salon.anna, berlin(2, "10:00"), "confirmed");
      await visit(ben, salon.anna, berlin(2, "11:00"), "no_show");
      await visit(cat, salon.anna, berlin(2, "12:00"), "cancelled");
      const paid = await visit(dan, salon.boris, berlin(2, "09:00"), "done", 3500);
      await visit(ann, salon.boris, berlin(3, "10:00"), "confirmed", 3500);
      await visit(ben, salon.anna, berlin(9, "10:00"), "confirmed");
      await db
        .insertInto("booking_payment")
        .values({ bot_id: salon.botId, booking_id: paid, amount_minor: 1000, currency: "EUR", telegram_payment_charge_id: `t-${salon.botId}`, provider_payment_charge_id: "p-1", outcome: "refund-needed", paid_at: NOW, refunded_at: null, refunded_by: null, refund_note: null })
        .execute();

      const cardsFor = (roles: string[], locale: "en" | "ru") =>
        dashboardCards({
          db: db,
          translator: bookingTranslator,
          permissions: permissionsOf([bookingModule]),
          modules: [bookingModule],
          botId: salon.botId,
          roles,
          locale,
          now: NOW,
          timeZone: "UTC",
        });
      const read = (cards: Awaited<ReturnType<typeof cardsFor>>) => cards.map((card) => [card.title, card.link, card.figures.map((figure) => `${figure.label}: ${figure.text}`)]);
      assert.deepEqual(read(await cardsFor(["owner"], "en")), [
        ["Today's visits", "/bookings", ["All masters: 3", "Anna: 2", "Boris: 1", "Clara: 0"]],
        ["Tomorrow's visits", "/bookings", ["All masters: 1", "Anna: 0", "Boris: 1", "Clara: 0"]],
        ["This week", "/booking/analytics", ["Booked: €130.00", "Done: €35.00", "No-shows: 1", "Cancellations: 1", "New clients: 2", "Returning clients: 1"]],
        ["Refunds to make", "/booking/after-visit", ["Prepayments to refund: 1"]],
      ]);
      const russian = await cardsFor(["admin"], "ru");
      assert.deepEqual(russian[2]!.figures.slice(0, 2).map((figure) => figure.text), ["130,00\u00a0€", "35,00\u00a0€"]);
      assert.deepEqual(await cardsFor(["master"], "en"), [], "a master sees no salon-wide figures");
    });
  });
}
