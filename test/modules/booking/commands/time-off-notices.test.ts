/**
 * The time-off commands own the notices of the bookings they move or cancel: each is queued in
 * the command's own transaction (a rolled-back one sends nothing and changes nothing), the
 * client and each master are told once, in their own language, and a refusal queues nothing.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { addDaysOff } from "../../../../src/modules/booking/commands/add-days-off.ts";
import { addHoliday } from "../../../../src/modules/booking/commands/add-holiday.ts";
import { blockTime } from "../../../../src/modules/booking/commands/block-time.ts";
import { clearDayHours } from "../../../../src/modules/booking/commands/clear-day-hours.ts";
import { setDayHours } from "../../../../src/modules/booking/commands/set-day-hours.ts";
import { bookingMigrations } from "../../../../src/modules/booking/module.ts";
import { bookAppointment } from "../../../../src/modules/booking/commands/book-appointment.ts";
import type { HitResolution, TimeOffOutcome } from "../../../../src/modules/booking/commands/time-off-resolve.ts";
import type { Command } from "../../../../src/platform/commands/command.ts";
import { databaseKinds, migratedDatabase } from "../../../support/databases.ts";
import { berlin, clientActor, NOW, openSalon, staffActor, tablesOf, type Salon } from "../salon.ts";
import { bookingCommands, runIn, type BookingCommands } from "../commands-support.ts";

/** A client who reads Russian. */
const IRA = 821;

type TimeOffCommand = Command<object, { resolutions?: readonly HitResolution[] }, TimeOffOutcome<unknown>>;

/** One time-off command, the visit it hits in a fresh salon, and what staff do with it. */
interface Case {
  what: string;
  command: TimeOffCommand;
  input: (salon: Salon) => object;
  /** Books the visit in the way (after whatever the case needs first). */
  visit: (salon: Salon, book: (start: Date) => Promise<number>, commands: BookingCommands) => Promise<number>;
  resolution: "cancel" | "move";
}

const cases: Case[] = [
  { what: "a day off", command: addDaysOff, input: (salon) => ({ masterId: salon.anna, from: "2026-03-04", to: "2026-03-04" }), visit: (_salon, book) => book(berlin(4, "10:00")), resolution: "move" },
  { what: "a holiday", command: addHoliday, input: () => ({ from: "2026-03-04", to: "2026-03-04" }), visit: (_salon, book) => book(berlin(4, "10:00")), resolution: "cancel" },
  {
    what: "a day's own shorter hours",
    command: setDayHours,
    input: (salon) => ({ masterId: salon.anna, date: "2026-03-04", intervals: [{ start: 9 * 60, end: 10 * 60 }] }),
    visit: (_salon, book) => book(berlin(4, "15:00")),
    resolution: "move",
  },
  {
    what: "a special Sunday taken back",
    command: clearDayHours,
    input: (salon) => ({ masterId: salon.anna, date: "2026-03-08" }),
    visit: async (salon, book, commands) => {
      const opened = await commands.run(staffActor(salon), setDayHours, { masterId: salon.anna, date: "2026-03-08", intervals: [{ start: 10 * 60, end: 14 * 60 }] });
      assert.ok(opened.ok);
      return book(berlin(8, "10:00"));
    },
    resolution: "cancel",
  },
  { what: "a block of hours", command: blockTime, input: (salon) => ({ masterId: salon.anna, start: berlin(4, "09:30"), end: berlin(4, "11:30") }), visit: (_salon, book) => book(berlin(4, "10:00")), resolution: "move" },
];

for (const kind of databaseKinds) {
  describe(`the time-off commands tell the clients and masters of the bookings they change, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingMigrations);
    const commands = bookingCommands(() => suite.database, { clock: { now: () => NOW } });
    const tables = () => tablesOf(suite.database);
    const chats = (salon: Salon) => ({ anna: 7200 + salon.anna * 10, boris: 7201 + salon.boris * 10 });
    const outboxOf = async (salon: Salon, chatId: number) =>
      (await tables().db.selectFrom("outbox").select(["payload", "dedupe_key"]).where("bot_id", "=", salon.botId).where("chat_id", "=", chatId).orderBy("id").execute()).map((row) => ({
        text: String((row.payload as { text?: string }).text),
        key: row.dedupe_key,
      }));

    /** A salon whose Anna reads English and Boris Russian, both linked to Telegram, and Ira's visit with Anna that the time off hits. */
    const salonWithVisit = async (what: Case) => {
      const salon = await openSalon(tables().db);
      const { anna, boris } = chats(salon);
      const people = [
        { telegram_id: IRA, language_code: "ru" },
        { telegram_id: anna, language_code: "en" },
        { telegram_id: boris, language_code: "ru" },
      ];
      for (const person of people) {
        await tables().db.insertInto("person").values({ ...person, first_name: `Person ${person.telegram_id}`, last_name: null, username: null }).onConflict((conflict) => conflict.column("telegram_id").doNothing()).execute();
        await tables().db.insertInto("bot_member").values({ bot_id: salon.botId, telegram_id: person.telegram_id }).execute();
      }
      await tables().db.updateTable("booking_master").set({ telegram_id: anna }).where("id", "=", salon.anna).execute();
      await tables().db.updateTable("booking_master").set({ telegram_id: boris }).where("id", "=", salon.boris).execute();
      const visitId = await what.visit(salon, async (start) => {
        const booked = await tables().transaction((trx) => runIn(trx, clientActor(salon, IRA), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start, now: NOW, name: "Ira" }));
        assert.ok(booked.ok, JSON.stringify(booked));
        return booked.booking.id;
      }, commands);
      // What booking itself queued (Anna's notice of the new visit) is not the time off's.
      await tables().db.deleteFrom("outbox").where("bot_id", "=", salon.botId).execute();
      const resolution: HitResolution = what.resolution === "cancel" ? { bookingId: visitId, action: "cancel" } : { bookingId: visitId, action: "move", masterId: salon.boris };
      return { salon, visitId, resolution, staff: staffActor(salon) };
    };
    const visitNow = (id: number) => tables().db.selectFrom("booking").select(["status", "master_id", "sequence"]).where("id", "=", id).executeTakeFirstOrThrow();

    for (const what of cases) {
      test(`${what.what}: refused while it hits the visit, queueing nothing`, async () => {
        const { salon, visitId } = await salonWithVisit(what);
        const refused = await commands.run(staffActor(salon), what.command, what.input(salon));
        assert.ok(!refused.ok && refused.reason === "hits-bookings");
        assert.deepEqual([await outboxOf(salon, IRA), await outboxOf(salon, chats(salon).anna), await outboxOf(salon, chats(salon).boris)], [[], [], []]);
        assert.equal((await visitNow(visitId)).status, "confirmed");
      });

      test(`${what.what}: its notices are written in its transaction, so rolled back they are gone with the change`, async () => {
        const { salon, visitId, resolution, staff } = await salonWithVisit(what);
        const before = await visitNow(visitId);
        await assert.rejects(
          suite.database.transaction(async (trx) => {
            const outcome = await commands.runIn(trx, staff, what.command, { ...what.input(salon), resolutions: [resolution] });
            assert.ok(outcome.ok);
            const queued = await trx.selectFrom("outbox").select("chat_id").where("bot_id", "=", salon.botId).execute();
            assert.ok(queued.some((row) => Number(row.chat_id) === IRA), "Ira's notice is queued inside the command's transaction");
            throw new Error("the caller gave up");
          }),
          /the caller gave up/,
        );
        assert.deepEqual([await outboxOf(salon, IRA), await outboxOf(salon, chats(salon).anna), await outboxOf(salon, chats(salon).boris)], [[], [], []]);
        assert.deepEqual(await visitNow(visitId), before);
      });

      test(`${what.what}: with the visit ${what.resolution === "move" ? "moved to Boris" : "cancelled"}, Ira and each master are told once, in their language`, async () => {
        const { salon, visitId, resolution, staff } = await salonWithVisit(what);
        const outcome = await commands.run(staff, what.command, { ...what.input(salon), resolutions: [resolution] });
        assert.ok(outcome.ok);
        const { sequence } = await visitNow(visitId);
        const ira = await outboxOf(salon, IRA);
        assert.deepEqual(ira.map((notice) => notice.key), [`booking:${visitId}:seq:${sequence}:client-staff-change`]);
        assert.match(ira[0]!.text, what.resolution === "move" ? /^Салон перенёс вашу запись/ : /^Салон отменил вашу запись/);
        const anna = await outboxOf(salon, chats(salon).anna);
        assert.deepEqual(anna.map((notice) => notice.key), [`booking:${visitId}:seq:${sequence}:master:${salon.anna}`]);
        assert.match(anna[0]!.text, what.resolution === "move" ? /^Booking moved to Boris: Haircut, .*is no longer yours/ : /^Booking cancelled: Haircut/);
        const boris = await outboxOf(salon, chats(salon).boris);
        if (what.resolution === "move") {
          assert.deepEqual(boris.map((notice) => notice.key), [`booking:${visitId}:seq:${sequence}:master:${salon.boris}`]);
          assert.match(boris[0]!.text, /^Запись перенесена: Haircut/);
        } else {
          assert.deepEqual(boris, [], "Boris has nothing to do with a cancelled visit of Anna's");
        }
      });
    }
  });
}
