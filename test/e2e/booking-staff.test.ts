import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ICAL from "ical.js";
import { sql, type Kysely, type Transaction } from "kysely";
import { seedDemoSalon } from "../../src/modules/booking/demo-salon.ts";
import type { Tables } from "../../src/modules/booking/tables.ts";
import { adminBook } from "../../src/modules/booking/commands/admin-book.ts";
import { cancelBooking } from "../../src/modules/booking/commands/cancel-booking.ts";
import { revokeAccess } from "../../src/platform/auth/revoke-access.ts";
import type { RunningApp } from "../../src/main.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { appEnv, OWNER_ID, startAppInProcess, startEmulator, shippedMigrations } from "../support/app.ts";
import { storyDatabaseKinds, type TestDatabase } from "../support/databases.ts";
import { eventually, TelegramUser } from "../support/telegram-user.ts";
import { capturedLog } from "../support/captured-log.ts";
import { runIn } from "../modules/booking/commands-support.ts";

/** Monday 2 March 2026, 08:00 in Berlin: the demo salon opens at 09:00. */
const MONDAY_MORNING = new Date("2026-03-02T07:00:00Z");
/** 10:00 that Monday in Berlin. */
const TEN_AM = new Date("2026-03-02T09:00:00Z");

for (const kind of storyDatabaseKinds) {
  describe(`a master's day in the bot on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    // Everything the app logs, down to debug, to show a secret it sends never reaches the log.
    const log = capturedLog("debug");
    let anna: TelegramUser;
    const clock = { at: MONDAY_MORNING, now: () => clock.at };
    const cleanups: (() => Promise<unknown>)[] = [];
    const db = () => app.database.db as unknown as Kysely<Tables>;

    const walkIn = async (masterName: string, start: Date, name: string, phone: string) => {
      const master = await db().selectFrom("booking_master").select("id").where("display_name", "=", masterName).executeTakeFirstOrThrow();
      const service = await db().selectFrom("booking_service").select("id").where("name", "=", "Haircut").executeTakeFirstOrThrow();
      const booked = await app.database.transaction((trx) =>
        runIn(trx as unknown as Transaction<Tables>, { botId: "main", personId: OWNER_ID, source: "web" }, adminBook, {
          masterId: master.id,
          serviceId: service.id,
          start,
          now: clock.at,
          client: { name, phone },
        }),
      );
      if (!booked.ok) throw new Error(`walk-in refused: ${booked.reason}`);
      return booked.booking.id;
    };

    before(async () => {
      database = await kind.fresh(shippedMigrations);
      cleanups.push(() => database.drop());
      emulator = await startEmulator();
      cleanups.push(() => emulator.close());
      anna = new TelegramUser(emulator.control, { first_name: "Anna", language_code: "en" });
      app = await startAppInProcess(appEnv(emulator.url, database, { USER_RATE_LIMIT: "1000/60s" }), undefined, { clock, logger: log.logger });
      cleanups.push(() => app.stop("test over"));
      await seedDemoSalon(app.database, "main", { masterTelegramId: anna.id });
      await db().insertInto("role").values({ bot_id: "main", telegram_id: anna.id, role: "master", granted_by: OWNER_ID }).execute();
    });
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    test("a master sees today's bookings from the home menu and marks a visit done once it began, not before", async () => {
      const bookingId = await walkIn("Anna", TEN_AM, "Walk-in Wanda", "+4915100000001");
      await walkIn("Boris", TEN_AM, "Someone Else", "+4915100000002");

      anna.send("/start");
      anna.pressButton(await anna.replyContaining("What would you like to do?"), "My day");
      const day = await anna.replyContaining("Your bookings, Monday, March 2:");
      assert.match(day.text ?? "", /10:00 · Haircut · Walk-in Wanda, \+4915100000001 — confirmed/);
      assert.doesNotMatch(day.text ?? "", /Someone Else/, "only her own bookings");

      anna.pressButton(day, "10:00 came");
      await anna.replyContaining("The visit at 10:00 has not started yet");
      const early = await db().selectFrom("booking").select("status").where("id", "=", bookingId).executeTakeFirstOrThrow();
      assert.equal(early.status, "confirmed", "nothing changed");

      clock.at = new Date(TEN_AM.getTime() + 5 * 60_000);
      anna.pressButton(day, "10:00 came");
      await anna.replyContaining("10:00, Walk-in Wanda: visited.");
      const marked = await eventually(
        async () => (await db().selectFrom("booking").select("status").where("id", "=", bookingId).executeTakeFirstOrThrow()).status === "done" || undefined,
        "the visit marked done",
      );
      assert.equal(marked, true);
      const audit = await db().selectFrom("audit_log").select(["action", "actor_id"]).where("object_id", "=", String(bookingId)).orderBy("id").execute();
      assert.deepEqual(audit.at(-1), { action: "booking.mark", actor_id: anna.id });

      anna.pressButton(day, "10:00 came");
      await anna.replyContaining("The visit at 10:00 is already marked or cancelled.");
    });

    test("the week lists the coming days' bookings under their day", async () => {
      await walkIn("Anna", new Date("2026-03-04T13:00:00Z"), "Wednesday Walter", "+4915100000003");
      anna.send("/myweek");
      const week = await anna.replyContaining("Your bookings from Monday, March 2 to Sunday, March 8:");
      assert.match(week.text ?? "", /Wednesday, March 4\n• 14:00 · Haircut · Wednesday Walter/);
    });

    test("the calendar feed button gives a secret address whose calendar has the master's bookings, a cancelled one as CANCELLED, and 404s once the master is blocked", async () => {
      const cancelledId = await walkIn("Anna", new Date("2026-03-05T10:00:00Z"), "Called-off Carl", "+4915100000004");
      await app.database.transaction((trx) =>
        runIn(trx as unknown as Transaction<Tables>, { botId: "main", personId: OWNER_ID, source: "web" }, cancelBooking, { bookingId: cancelledId, by: "staff", now: clock.at }),
      );
      anna.send("/start");
      anna.pressButton(await anna.replyContaining("What would you like to do?"), "Calendar feed");
      const answer = await anna.replyContaining("Your calendar feed");
      const url = /(http\S+\.ics)/.exec(answer.text ?? "")?.[1];
      assert.ok(url !== undefined && url.startsWith(`${app.url}/api/booking/feed/`), `a feed address in ${answer.text}`);
      const secret = /feed\/([^/]+)\.ics$/.exec(url)?.[1] ?? "";
      const { rows } = await sql<{ count: string }>`
        select count(*)::text as count from inbox where journal::text like ${`%${secret}%`}
        union all select count(*)::text from outbox where payload::text like ${`%${secret}%`}
        union all select count(*)::text from audit_log where coalesce(after::text, '') || coalesce(before::text, '') like ${`%${secret}%`}
      `.execute(app.database.db);
      assert.deepEqual(rows.map((row) => row.count), ["0", "0", "0"], "the feed's secret is kept nowhere in plain text: not in the journal, the outbox or the audit log");
      assert.doesNotMatch(log.text(), new RegExp(secret), "nor in the log, at debug level");

      const response = await fetch(url);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^text\/calendar/);
      const calendar = new ICAL.Component(ICAL.parse(await response.text()) as unknown[]);
      const events = calendar.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component));
      const summaries = events.map((event) => `${event.summary} ${String(event.component.getFirstPropertyValue("status"))}`);
      assert.ok(summaries.includes("Haircut — Walk-in Wanda CONFIRMED"), summaries.join("; "));
      assert.ok(summaries.includes("Haircut — Wednesday Walter CONFIRMED"));
      assert.ok(summaries.includes("Haircut — Called-off Carl CANCELLED"));
      assert.ok(!summaries.some((summary) => summary.includes("Someone Else")), "not Boris's bookings");
      assert.equal(events.find((event) => event.summary.includes("Wanda"))?.startDate.toJSDate().toISOString(), TEN_AM.toISOString());

      assert.equal((await fetch(url.replace(/feed\/[^/]+\.ics$/, "feed/unknown-secret-0123456789.ics"))).status, 404, "an unknown secret");
      await db().deleteFrom("role").where("telegram_id", "=", anna.id).execute();
      assert.equal((await fetch(url)).status, 404, "the person no longer holds the master role");
      await db().insertInto("role").values({ bot_id: "main", telegram_id: anna.id, role: "master", granted_by: OWNER_ID }).execute();
      assert.equal((await fetch(url)).status, 200, "the role back, the same address works again");
      await app.database.transaction((trx) => revokeAccess(trx, "main", anna.id, "blocked"));
      assert.equal((await fetch(url)).status, 404, "revoked with the master's access");
    });

    test("someone without the master role is refused and nothing runs", async () => {
      const stranger = new TelegramUser(emulator.control, { first_name: "Stranger", language_code: "en" });
      stranger.send("/myday");
      const refusal = await stranger.reply();
      assert.equal(refusal.text, "You do not have permission for this.");
    });
  });
}
