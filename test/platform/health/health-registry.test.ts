import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PLATFORM_PERMISSIONS, Permissions } from "../../../src/platform/auth/permissions.ts";
import type { Database } from "../../../src/platform/db/database.ts";
import { HealthRegistry } from "../../../src/platform/health/health-registry.ts";
import { FAILING_FOR_BEFORE_INCIDENT_MS, FAILURES_BEFORE_INCIDENT, type Problem } from "../../../src/platform/health/problem.ts";
import { createServer } from "../../../src/platform/http/server.ts";
import { platformCatalogues } from "../../../src/platform/i18n/catalogues.ts";
import { Translator } from "../../../src/platform/i18n/translator.ts";
import { createLogger } from "../../../src/platform/log.ts";
import { createMetrics } from "../../../src/platform/metrics.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

const logger = createLogger({ level: "silent" });
const translator = new Translator(platformCatalogues());
const ANNA = 5001; // owner of both bots, speaks Russian
const BEN = 5002; // owner of the salon, speaks English
const CLARA = 5003; // admin: not an owner, never told
const TOKEN = "7012345678:AAHk3mQ9xYbT2wLz8vNcR4pS6dF1gJ0eKuI";
const telegram: Problem = { kind: "telegram", botId: "salon" };

async function seed(database: Database): Promise<void> {
  const now = new Date();
  await database.db
    .insertInto("bot")
    .values([
      { id: "salon", telegram_id: 1, username: "salon_bot", settings: JSON.stringify({ timeZone: "UTC", languages: ["en", "ru"], modules: null }), created_at: now },
      { id: "clinic", telegram_id: 2, username: "clinic_bot", settings: JSON.stringify({ timeZone: "UTC", languages: ["ru", "en"], modules: null }), created_at: now },
    ])
    .execute();
  await database.db
    .insertInto("person")
    .values([
      { telegram_id: ANNA, first_name: "Анна", last_name: null, username: null, language_code: "ru", created_at: now, updated_at: now },
      { telegram_id: BEN, first_name: "Ben", last_name: null, username: null, language_code: "en", created_at: now, updated_at: now },
      { telegram_id: CLARA, first_name: "Clara", last_name: null, username: null, language_code: "en", created_at: now, updated_at: now },
    ])
    .execute();
  await database.db
    .insertInto("role")
    .values([
      { bot_id: "salon", telegram_id: ANNA, role: "owner", granted_by: null, granted_at: now },
      { bot_id: "salon", telegram_id: BEN, role: "owner", granted_by: null, granted_at: now },
      { bot_id: "salon", telegram_id: CLARA, role: "admin", granted_by: null, granted_at: now },
      { bot_id: "clinic", telegram_id: ANNA, role: "owner", granted_by: null, granted_at: now },
    ])
    .execute();
}

/** What the owners were sent, oldest first. */
async function sent(database: Database): Promise<{ bot: string; to: number; text: string }[]> {
  const rows = await database.db.selectFrom("outbox").select(["bot_id", "chat_id", "payload"]).orderBy("id").execute();
  return rows.map((row) => ({ bot: row.bot_id, to: Number(row.chat_id), text: String(row.payload.text) }));
}

for (const kind of databaseKinds) {
  describe(`the health registry on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);
    const clock = { at: new Date("2026-12-01T09:00:00Z"), now: () => clock.at };
    const later = (ms: number) => (clock.at = new Date(clock.at.getTime() + ms));
    const registry = () => new HealthRegistry({ database: suite.database, translator, botIds: ["salon", "clinic"], logger, clock });
    const reset = async () => {
      await suite.database.db.deleteFrom("outbox").execute();
      await suite.database.db.deleteFrom("health_incident").execute();
    };

    test("a failure that persists opens one incident: each owner is told once, in their language, however many failures follow", async () => {
      await seed(suite.database);
      const health = registry();
      for (let failure = 1; failure < FAILURES_BEFORE_INCIDENT; failure++) await health.failing(telegram, "Internal Server Error");
      assert.deepEqual(await sent(suite.database), [], "a short streak is not an incident");
      for (let failure = 0; failure < 20; failure++) {
        await health.failing(telegram, "Internal Server Error");
        later(15_000);
      }
      const alerts = await sent(suite.database);
      assert.deepEqual(alerts.map((alert) => alert.to).sort(), [ANNA, BEN], "the owners, and nobody else");
      assert.match(alerts.find((alert) => alert.to === BEN)?.text ?? "", /Telegram keeps refusing @salon_bot's calls.*Internal Server Error/);
      assert.match(alerts.find((alert) => alert.to === ANNA)?.text ?? "", /Telegram раз за разом отклоняет запросы @salon_bot/);
    });

    test("the recovery tells each owner once in their language, and a second recovery tells nobody", async () => {
      const health = registry();
      await health.recovered(telegram);
      await health.recovered(telegram);
      const all = await sent(suite.database);
      const recoveries = all.slice(2);
      assert.deepEqual(recoveries.map((message) => message.to).sort(), [ANNA, BEN]);
      assert.match(recoveries.find((message) => message.to === BEN)?.text ?? "", /Telegram accepts @salon_bot's calls again/);
      assert.match(recoveries.find((message) => message.to === ANNA)?.text ?? "", /Telegram снова принимает запросы @salon_bot/);
      assert.deepEqual(await health.openIncidents(), []);
    });

    test("failures that stop before the threshold, then a recovery, tell nobody and leave nothing open", async () => {
      await reset();
      const health = registry();
      await health.failing(telegram, "Bad Gateway");
      await health.failing(telegram, "Bad Gateway");
      await health.recovered(telegram);
      await health.failing(telegram, "Bad Gateway");
      assert.deepEqual(await sent(suite.database), []);
      await health.recovered(telegram);
      assert.equal((await suite.database.db.selectFrom("health_incident").selectAll().execute()).length, 0);
    });

    test(`a failure that has lasted ${FAILING_FOR_BEFORE_INCIDENT_MS / 1000} s opens the incident with fewer failures`, async () => {
      await reset();
      const health = registry();
      await health.failing(telegram, "network down");
      later(FAILING_FOR_BEFORE_INCIDENT_MS);
      await health.failing(telegram, "network down");
      assert.equal((await sent(suite.database)).length, 2);
      await health.recovered(telegram);
    });

    test("a second replica, or a restarted process, neither alerts again nor misses the recovery", async () => {
      await reset();
      const first = registry();
      for (let failure = 0; failure < FAILURES_BEFORE_INCIDENT; failure++) await first.failing(telegram, "Service Unavailable");
      assert.equal((await sent(suite.database)).length, 2);
      const second = registry();
      for (let failure = 0; failure < 5; failure++) await second.failing(telegram, "Service Unavailable");
      assert.equal((await sent(suite.database)).length, 2, "the incident is the database's, not the process's");
      const restarted = registry();
      await restarted.recovered(telegram);
      assert.equal((await sent(suite.database)).length, 4, "the recovery is seen by a process that never saw the failures");
      for (let failure = 0; failure < FAILURES_BEFORE_INCIDENT; failure++) await first.failing(telegram, "Service Unavailable");
      assert.equal((await sent(suite.database)).length, 6, "a new incident after the recovery is told again");
      await first.recovered(telegram);
    });

    test("a dead letter is an incident at once, told to its bot's owners with the queue", async () => {
      await reset();
      const health = registry();
      const dead: Problem = { kind: "dead-letter", botId: "clinic", queue: "notes.count-words" };
      await health.failing(dead, "the supplier's API is down");
      await health.failing(dead, "the supplier's API is down");
      const alerts = await sent(suite.database);
      assert.deepEqual(alerts.map((alert) => [alert.bot, alert.to]), [["clinic", ANNA]]);
      assert.match(alerts[0]?.text ?? "", /Задача очереди notes.count-words окончательно не выполнилась.*notes.count-words.dead/);
      await health.recovered(dead);
      assert.match((await sent(suite.database))[1]?.text ?? "", /Задачи очереди notes.count-words снова выполняются/);
    });

    test("a failed backup is told to every bot's owners, each person once, and no secret is in it", async () => {
      await reset();
      const health = registry();
      await health.failing({ kind: "backup" }, `pg_dump: could not connect to https://api.telegram.org/bot${TOKEN}/x`);
      const alerts = await sent(suite.database);
      assert.deepEqual(alerts.map((alert) => alert.to).sort(), [ANNA, BEN]);
      assert.equal(new Set(alerts.map((alert) => alert.to)).size, alerts.length, "Anna owns both bots and hears it once");
      assert.match(alerts.find((alert) => alert.to === BEN)?.text ?? "", /A backup of the database failed/);
      for (const alert of alerts) assert.ok(!alert.text.includes(TOKEN), "the token is not in the alert");
      const stored = await suite.database.db.selectFrom("health_incident").select("detail").executeTakeFirstOrThrow();
      assert.ok(!stored.detail.includes(TOKEN), "nor in the incident");
      await health.recovered({ kind: "backup" });
      assert.equal((await sent(suite.database)).length, 4);
    });

    test("/readyz is not ready, with the reason, while an intake incident is open, and ready again after it recovers", async () => {
      await reset();
      const health = registry();
      const server = await createServer({
        database: suite.database,
        metrics: createMetrics(),
        logger,
        permissions: Permissions.declaredBy([{ by: "platform", permissions: PLATFORM_PERMISSIONS }]),
        translator: new Translator(platformCatalogues()),
        trustProxy: false,
        readiness: { checks: () => ({}), incidents: () => health.blockingIncidents(), telegram: () => ({}) },
      });
      const intake: Problem = { kind: "intake", botId: "salon" };
      for (let failure = 0; failure < FAILURES_BEFORE_INCIDENT; failure++) await health.failing(intake, "unsupported Unicode escape sequence");
      await health.failing(telegram, "Bad Gateway");
      await health.failing(telegram, "Bad Gateway");
      await health.failing(telegram, "Bad Gateway");
      const stuck = await server.inject({ url: "/readyz" });
      assert.equal(stuck.statusCode, 503);
      const body = stuck.json<{ checks: Record<string, boolean>; incidents: { problem: string; detail: string }[] }>();
      assert.equal(body.checks.incidents, false);
      assert.deepEqual(body.incidents.map((incident) => [incident.problem, incident.detail]), [["intake:salon", "unsupported Unicode escape sequence"]], "only intake stops the bot from serving");
      await health.recovered(intake);
      assert.equal((await server.inject({ url: "/readyz" })).statusCode, 200);
      await server.close();
    });
  });
}
