/**
 * Every use case writes exactly one audit row: this test enumerates every registered use case
 * (the platform's features and every shipped module) and runs each through its fixture, checking
 * the new row's action, actor and object.
 *
 * ADDING A USE CASE? Add its fixture to your module's `test/modules/<module>/audit-fixtures.ts`
 * (the platform's own: ./platform-fixtures.ts): the action as key, an optional `setup` (whatever
 * must exist first; it may run other use cases) and `run`, which calls the use case once and
 * returns the actor and the object the audit row must name (see test/support/audit-world.ts). A
 * registered use case without a fixture fails this test.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { allModules } from "../../../src/modules/index.ts";
import { platformFeatures } from "../../../src/platform/features.ts";
import { registeredUseCases } from "../../../src/platform/audit/use-case.ts";
import { buildModuleKernel } from "../../../src/platform/app/module-context.ts";
import { createLogger } from "../../../src/platform/log.ts";
import { PLATFORM_PERMISSIONS, Permissions } from "../../../src/platform/auth/permissions.ts";
import type { Migrations } from "../../../src/platform/db/migrate.ts";
import { platformCatalogues } from "../../../src/platform/i18n/catalogues.ts";
import { Translator } from "../../../src/platform/i18n/translator.ts";
import { LiveSettings } from "../../../src/platform/settings/live-settings.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { BOT, OWNER, type Fixture, type World } from "../../support/audit-world.ts";
import { fixtures as platformFixtures } from "./platform-fixtures.ts";

const everything = [...platformFeatures, ...allModules];

/**
 * The fixtures: the platform's own (platform-fixtures.ts) and each mounted module's, which it keeps
 * in `test/modules/<module>/audit-fixtures.ts` (test code, never in the app's bundle), so adding a
 * module edits no platform test.
 */
const fixtures: Record<string, Fixture> = { ...platformFixtures };
for (const module of allModules) {
  const file = join(import.meta.dirname, "../../modules", module.name, "audit-fixtures.ts");
  if (!existsSync(file)) continue;
  const loaded = (await import(file)) as { fixtures: Record<string, Fixture> };
  for (const [action, definition] of Object.entries(loaded.fixtures)) {
    assert.ok(!(action in fixtures), `${action} has two fixtures (${module.name})`);
    fixtures[action] = definition;
  }
}

/** Every action to check: the use cases defined so far, and every command the modules declare. */
const actions = [...registeredUseCases().keys(), ...everything.flatMap((module) => (module.commands ?? []).map((command) => command.action))];

test("every registered use case and declared command has a fixture here", () => {
  const missing = actions.filter((action) => !(action in fixtures));
  assert.deepEqual(missing, [], "add a fixture for each (see the comment at the top of this file)");
});

test("every command in a module's commands/ folder is declared in its module", async () => {
  const modulesDir = join(import.meta.dirname, "../../../src/modules");
  const undeclared: string[] = [];
  for (const module of allModules) {
    const dir = join(modulesDir, module.name, "commands");
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith(".ts"));
    for (const file of files) {
      const exported = Object.values((await import(join(dir, file.name))) as Record<string, unknown>);
      for (const value of exported) {
        if (typeof value !== "object" || value === null || !("action" in value) || !("execute" in value)) continue;
        if (!(module.commands ?? []).includes(value as never)) undeclared.push(`${module.name}/commands/${file.name}: ${String(value.action)}`);
      }
    }
  }
  assert.deepEqual(undeclared, []);
});

for (const kind of databaseKinds) {
  describe(`every use case writes exactly one audit row, on ${kind.name}`, { skip: kind.skip }, () => {
    const migrations: Migrations = Object.fromEntries(everything.flatMap((module) => Object.entries(module.migrations ?? {})));
    const suite = migratedDatabase(kind, migrations);
    let world: World;
    let nextPerson = OWNER + 1;

    before(async () => {
      const { database } = suite;
      const translator = new Translator([...platformCatalogues(), ...everything.flatMap((module) => module.catalogues ?? [])]);
      const permissions = new Permissions([PLATFORM_PERMISSIONS, ...everything.map((module) => module.permissions ?? {})]);
      const settings = new LiveSettings(database.db, translator);
      await database.db.insertInto("bot").values({ id: BOT, telegram_id: 5_000_001, username: "audit_bot", settings: JSON.stringify({ timeZone: "UTC", languages: ["en", "ru"], modules: null }) }).execute();
      await settings.refresh();
      const person = async (roles: string[] = []) => {
        const telegramId = nextPerson++;
        await database.db.insertInto("person").values({ telegram_id: telegramId, first_name: `Person ${telegramId}`, last_name: null, username: null, language_code: "en" }).execute();
        await database.db.insertInto("bot_member").values({ bot_id: BOT, telegram_id: telegramId }).execute();
        if (roles.length > 0) await database.db.insertInto("role").values(roles.map((role) => ({ bot_id: BOT, telegram_id: telegramId, role, granted_by: null }))).execute();
        return { botId: BOT, personId: telegramId, source: "bot" as const };
      };
      nextPerson = OWNER;
      await person(["owner"]);
      const { runtime } = buildModuleKernel({
        features: platformFeatures,
        modules: allModules,
        database,
        translator,
        logger: createLogger({ level: "silent" }),
        settings,
        permissions,
        publicUrl: () => "http://127.0.0.1:3000",
        clock: { now: () => new Date() },
        jobs: { send: () => Promise.resolve(null) },
        paymentProviderToken: undefined,
      });
      world = {
        database,
        runtime,
        app: { permissions, translator, settings, publicUrl: () => "http://127.0.0.1:3000", announce: runtime.announce },
        owner: { botId: BOT, personId: OWNER, source: "web", ip: "192.0.2.1" },
        person,
        inTransaction: (work) => database.transaction(work),
      };
    });

    for (const action of actions) {
      const definition = fixtures[action];
      test(action, { skip: definition === undefined ? "no fixture (the test above fails)" : false }, async () => {
        const prepared = await definition!.setup?.(world);
        const last = await world.database.db.selectFrom("audit_log").select((eb) => eb.fn.max("id").as("id")).executeTakeFirst();
        const since = Number(last?.id ?? 0);
        const expected = await definition!.run(world, prepared);
        const rows = await world.database.db.selectFrom("audit_log").selectAll().where("id", ">", since).execute();
        assert.equal(rows.length, 1, `${action} wrote ${rows.length} audit rows`);
        const [row] = rows;
        assert.equal(row?.action, action);
        assert.equal(row?.bot_id, expected.actor.botId);
        assert.equal(row?.actor_id, expected.actor.personId);
        assert.equal(row?.source, expected.actor.source);
        assert.equal(row?.ip, expected.actor.ip ?? null);
        assert.equal(row?.object_type, expected.objectType);
        assert.equal(row?.object_id, String(expected.objectId));
      });
    }
  });
}
