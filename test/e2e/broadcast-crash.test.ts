import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, test } from "node:test";
import { startSession } from "../../src/platform/auth/sessions.ts";
import type { BroadcastView } from "../../src/platform/broadcasts/presenter.ts";
import { openDatabase } from "../../src/platform/db/database.ts";
import { AppProcess, OWNER_ID, appEnv, shippedMigrations, startAppInProcess, startEmulator } from "../support/app.ts";
import { databaseKinds } from "../support/databases.ts";
import { metricValue } from "../support/metrics.ts";

/** Three of the outbox sender's batches (200 rows each): the kill comes in the second. */
const PEOPLE = 600;
const KILL_AFTER = 300;
/** Every 20th person blocked the bot before the broadcast: 30 people. */
const blockedBot = (index: number) => index % 20 === 7;
/** Chats where Telegram answers one 429, one or two 500s (retried), or a 400 (the message fails), before and after the kill. */
const TOO_MANY = [41, 163, 285, 409, 529];
const SERVER_ERROR = [50, 250, 450];
const REFUSED = [60, 260, 460];
/** The text every person should get once. */
const NEWS = "Big news: the spring timetable is out";
/** The sender's limit on calls in flight, and so the most messages a crash can leave in flight. */
const MAX_IN_FLIGHT = 30;

/**
 * The headline durability test. 600 people are bot members (written straight into the
 * database while the app is stopped: 600 real /start updates would only test intake, which
 * other suites do, and their replies would mix with the broadcast). The emulator enforces
 * Telegram's limits ten times faster (30/s global, 1/s per chat at time_scale 10, so the app
 * sends at 300/s), injects 429s, 500s and 400s, and 30 people have blocked the bot. The app is
 * SIGKILLed once the emulator has recorded 300 deliveries (in the second of the sender's three
 * batches), restarted, and then: everyone reachable has the message once, except at most the
 * messages that were in flight at the kill (counted by the restarted app), the blocked have none,
 * and the report equals the transcript.
 */
for (const kind of databaseKinds) {
  describe(`a broadcast to ${PEOPLE} people on ${kind.name}`, { skip: kind.skip }, () => {
    test("killed with kill -9 half-way, it finishes after a restart with nobody skipped and nobody messaged twice but the in-flight", async () => {
      const emulator = await startEmulator();
      const database = await kind.fresh(shippedMigrations);
      const apps: AppProcess[] = [];
      try {
        const { control } = emulator;
        control.createUser({ id: OWNER_ID, first_name: "Olga", language_code: "en" });
        const people = Array.from({ length: PEOPLE }, (_, index) => control.createUser({ first_name: `Person ${index}`, language_code: index % 3 === 0 ? "ru" : "en" }).id);
        const env = appEnv(emulator.url, database, { OUTBOX_RATE_GLOBAL: "300" });

        // A first start (in this process: it is only the set-up) registers the bot; then, with the app stopped, the members.
        const first = await startAppInProcess(env);
        await first.stop("set-up done");
        const setup = await openDatabase(database.settings);
        const session = await setup.transaction(async (trx) => {
          await trx
            .insertInto("person")
            .values(people.map((id, index) => ({ telegram_id: id, first_name: `Person ${index}` })))
            .execute();
          await trx
            .insertInto("bot_member")
            .values(people.map((id) => ({ bot_id: "main", telegram_id: id })))
            .execute();
          return startSession(trx, { botId: "main", telegramId: OWNER_ID, kind: "cookie", via: "link", userAgent: null, ip: null });
        });
        await setup.close();

        const blocked = new Set(people.filter((_, index) => blockedBot(index)));
        for (const id of blocked) control.block({ user_id: id, blocked: true });
        control.limits({ global_per_second: 30, private_chat_per_second: 1, time_scale: 10 });
        for (const index of TOO_MANY) control.faults({ chat_id: people[index]!, method: "sendMessage", kind: "429", retry_after: 1, count: 1 });
        for (const [n, index] of SERVER_ERROR.entries()) control.faults({ chat_id: people[index]!, method: "sendMessage", kind: "500", count: 1 + (n % 2) });
        for (const index of REFUSED) control.faults({ chat_id: people[index]!, method: "sendMessage", kind: "400", description: "Bad Request: chat not found", count: 1 });
        const refused = new Set(REFUSED.map((index) => people[index]!));

        const crashing = new AppProcess(env);
        apps.push(crashing);
        const url = await crashing.url;
        const sentBefore = control.stats().messagesSent;
        const created = await fetch(`${url}/api/broadcasts`, {
          method: "POST",
          headers: { cookie: `botyard_session=${session.secret}`, "x-csrf-token": session.csrfToken, "content-type": "application/json" },
          body: JSON.stringify({ text: `<b>${NEWS}</b>`, segment: "all" }),
        });
        assert.equal(created.status, 201, await created.clone().text());
        const { id } = (await created.json()) as BroadcastView;

        while (control.stats().messagesSent - sentBefore < KILL_AFTER) {
          if (crashing.child.exitCode !== null) assert.fail(`the app died on its own:\n${crashing.output.slice(-20).join("\n")}`);
          await sleep(2);
        }
        await crashing.kill("SIGKILL");
        const deliveredAtKill = control.stats().messagesSent - sentBefore;

        const inspection = await openDatabase(database.settings);
        const inFlight = await inspection.db.selectFrom("outbox").select("id").where("broadcast_id", "=", id).where("status", "=", "sending").execute();
        await inspection.close();

        const restarted = new AppProcess(env);
        apps.push(restarted);
        const url2 = await restarted.url;
        const report = await waitFor(async () => {
          const answer = await fetch(`${url2}/api/broadcasts/${id}`, { headers: { cookie: `botyard_session=${session.secret}` } });
          const view = (await answer.json()) as BroadcastView;
          return view.status === "done" ? view : undefined;
        });

        const copies = new Map<number, number>();
        for (const entry of await control.transcript({ after: 0 })) {
          if (entry.direction !== "from_bot" || entry.message?.text !== NEWS) continue;
          copies.set(entry.chat_id, (copies.get(entry.chat_id) ?? 0) + 1);
        }
        const reachable = people.filter((person) => !blocked.has(person) && !refused.has(person));
        const skipped = reachable.filter((person) => (copies.get(person) ?? 0) === 0);
        const twice = [...copies.values()].filter((count) => count === 2).length;
        const repeated = metricValue(await (await fetch(`${url2}/metrics`)).text(), "botyard_messages_possibly_repeated_total", { source: "outbox" });
        const context = `killed after ${deliveredAtKill} deliveries with ${inFlight.length} in flight; ${repeated} counted as repeated, ${twice} people got it twice; ${control.stats().rateLimitViolations} rate-limit 429s`;

        assert.ok(deliveredAtKill >= KILL_AFTER && deliveredAtKill < reachable.length, `the kill came half-way: ${context}`);
        assert.deepEqual(skipped, [], `nobody reachable was skipped: ${context}`);
        assert.ok([...copies.values()].every((count) => count <= 2), `nobody got it more than twice: ${context}`);
        assert.ok(twice <= repeated, `every second copy was counted: ${context}`);
        assert.ok(repeated <= inFlight.length && inFlight.length <= MAX_IN_FLIGHT, `only the in-flight can repeat: ${context}`);
        assert.deepEqual(
          [...blocked].filter((person) => copies.has(person)),
          [],
          "people who blocked the bot got nothing",
        );
        assert.deepEqual(
          [...refused].filter((person) => copies.has(person)),
          [],
          "the messages Telegram refused were not delivered",
        );
        assert.deepEqual(
          { queued: report.report.queued, sent: report.report.sent, blocked: report.report.blocked, failed: report.report.failed, pending: report.report.pending },
          { queued: PEOPLE, sent: copies.size, blocked: blocked.size, failed: refused.size, pending: 0 },
          `the report equals the transcript: ${context}`,
        );
        assert.equal(report.audience, PEOPLE);
      } finally {
        for (const app of apps) if (app.child.exitCode === null && app.child.signalCode === null) await app.kill("SIGTERM");
        await emulator.close();
        await database.drop();
      }
    });
  });
}

/** Polls until `probe` gives a value; generous, never a speed assertion. */
async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("the broadcast did not finish within two minutes");
    await sleep(50);
  }
}
