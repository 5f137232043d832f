import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { testKernel } from "../../support/module-kernel.ts";
import type { Actor } from "../../../src/platform/audit/use-case.ts";
import { defineCommand } from "../../../src/platform/commands/command.ts";
import type { CommandRuntime } from "../../../src/platform/commands/command-runtime.ts";
import { platformCatalogues } from "../../../src/platform/i18n/catalogues.ts";
import { Translator } from "../../../src/platform/i18n/translator.ts";
import { LiveSettings } from "../../../src/platform/settings/live-settings.ts";
import { historyOf, moveSubject, recordStatus } from "../../../src/platform/workflow/move-subject.ts";
import { defineWorkflow } from "../../../src/platform/workflow/workflow.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

const BOT = "main";
const MANAGER = 810_001;
const CUSTOMER = 810_002;
const STRANGER = 810_003;

const order = defineWorkflow({
  subject: "order",
  states: ["new", "assigned", "cancelled"],
  initial: "new",
  transitions: [
    { from: ["new"], to: "assigned", by: [{ permission: "people.manage" }] },
    { from: ["new"], to: "cancelled", by: ["requester"] },
  ],
});

/** Opens subject `id` (its first history row), then moves it as the command's actor. */
const open = defineCommand("test.order.open", async (scope, input: { id: number }) => {
  await recordStatus(scope.trx, scope, "order", input.id, null, "new");
  return { result: null, audit: null };
});
const move = defineCommand("test.order.move", async (scope, input: { id: number; to: "assigned" | "cancelled"; reason?: string }) => {
  const moved = await moveSubject(scope, order, { subjectId: input.id, from: "new", to: input.to, requesterId: CUSTOMER, reason: input.reason ?? null });
  return { result: moved, audit: null };
});

for (const kind of databaseKinds) {
  describe(`a subject's moves through a workflow, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);
    const clock = { at: new Date("2026-12-03T09:00:00Z"), now: () => clock.at };
    let runtime: CommandRuntime;
    const as = (personId: number | null): Actor => ({ botId: BOT, personId, source: personId === null ? "system" : "web" });

    before(async () => {
      const db = suite.database.db;
      await db.insertInto("bot").values({ id: BOT, telegram_id: 6_100_001, username: "orders_bot", settings: JSON.stringify({ timeZone: "UTC", languages: ["en"], modules: null }) }).execute();
      const people = [MANAGER, CUSTOMER, STRANGER];
      await db.insertInto("person").values(people.map((id) => ({ telegram_id: id, first_name: `P${id}`, last_name: null, username: null, language_code: "en" }))).execute();
      await db.insertInto("bot_member").values(people.map((id) => ({ bot_id: BOT, telegram_id: id }))).execute();
      await db.insertInto("role").values({ bot_id: BOT, telegram_id: MANAGER, role: "admin", granted_by: null }).execute();
      const translator = new Translator(platformCatalogues());
      const settings = new LiveSettings(db, translator);
      await settings.refresh();
      runtime = testKernel({
        database: suite.database,
        translator,
        settings,
        clock,
      }).runtime;
    });

    test("an allowed move is written with who made it, from where, when and why", async () => {
      await runtime.run(as(null), open, { id: 1 });
      assert.deepEqual(await runtime.run(as(MANAGER), move, { id: 1, to: "assigned", reason: "Ivan takes it" }), { ok: true, to: "assigned" });
      const history = await historyOf(suite.database.db, BOT, "order", 1);
      assert.deepEqual(
        history.map((row) => ({ ...row, at: new Date(row.at).toISOString() })),
        [
          { from_status: null, to_status: "new", actor_id: null, source: "system", reason: null, at: "2026-12-03T09:00:00.000Z" },
          { from_status: "new", to_status: "assigned", actor_id: MANAGER, source: "web", reason: "Ivan takes it", at: "2026-12-03T09:00:00.000Z" },
        ],
      );
    });

    test("the person a subject belongs to may take a requester's move; someone else may not, and nothing is written", async () => {
      await runtime.run(as(null), open, { id: 2 });
      assert.deepEqual(await runtime.run(as(STRANGER), move, { id: 2, to: "cancelled" }), { ok: false, reason: "not-allowed" });
      assert.deepEqual(await runtime.run(as(CUSTOMER), move, { id: 2, to: "assigned" }), { ok: false, reason: "not-allowed" });
      assert.equal((await historyOf(suite.database.db, BOT, "order", 2)).length, 1);
      assert.deepEqual(await runtime.run(as(CUSTOMER), move, { id: 2, to: "cancelled" }), { ok: true, to: "cancelled" });
      assert.deepEqual((await historyOf(suite.database.db, BOT, "order", 2)).map((row) => row.to_status), ["new", "cancelled"]);
    });
  });
}
