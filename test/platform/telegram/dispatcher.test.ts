import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Update } from "@grammyjs/types";
import { statementCount } from "../../../src/platform/db/statement-count.ts";
import { createMetrics } from "../../../src/platform/metrics.ts";
import { Dispatcher } from "../../../src/platform/telegram/dispatcher.ts";
import { storeUpdates } from "../../../src/platform/telegram/inbox.ts";
import { updateScope } from "../../../src/platform/telegram/update-journal.ts";
import { capturedLog } from "../../support/captured-log.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { eventually } from "../../support/telegram-user.ts";

for (const kind of databaseKinds) {
  describe(`the dispatcher on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);

    test("an update with one reply costs three statements (its claim, the call's answer with the sender's record, its finish), the next in its chat two (the finish claims it)", async () => {
      const { logger } = capturedLog();
      const replies: number[] = [];
      const handler = async (update: Update) => {
        const scope = updateScope.getStore();
        if (scope === undefined) throw new Error("outside the dispatcher");
        await scope.journal.note("sender", () => Promise.resolve({ roles: [] }));
        await scope.journal.api("sendMessage", () => Promise.resolve({ message_id: update.update_id }));
        replies.push(update.update_id);
      };
      const metrics = createMetrics();
      const finished = async () => (await metrics.updates.get()).values.reduce((sum, value) => sum + value.value, 0);
      // Not started, so no look for work: only what `stored` starts runs.
      const dispatcher = new Dispatcher({
        database: suite.database,
        handlers: new Map([["main", handler]]),
        apologize: () => Promise.resolve(),
        logger,
        metrics,
        handlerTimeoutMs: 5_000,
        pollIntervalMs: 3_600_000,
      });
      const message = (updateId: number): Update => ({ update_id: updateId, message: { message_id: updateId, date: 0, chat: { id: 77, type: "private", first_name: "A" }, from: { id: 77, is_bot: false, first_name: "A" }, text: "/help" } });
      const store = (updateIds: number[]) =>
        storeUpdates(suite.database.db, "main", updateIds.map((updateId) => ({ update_id: updateId, chat_key: "77", payload: JSON.stringify(message(updateId)) })));
      try {
        await store([101]);
        const before = statementCount.total;
        dispatcher.stored("main", ["77"]);
        // Counted once finished (which also releases the lease, there being nothing more).
        await eventually(async () => (await finished()) === 1, "the update finished");
        // Claim, the call's answer (with the sender's record), the finish.
        assert.equal(statementCount.total - before, 3);

        await store([102, 103]);
        const beforePair = statementCount.total;
        dispatcher.stored("main", ["77"]);
        await eventually(async () => (await finished()) === 3, "both updates finished");
        // The first finish claims the second update: no claim of its own.
        assert.equal(statementCount.total - beforePair, 5);
        assert.deepEqual(replies, [101, 102, 103], "in order");
        const leases = await suite.database.db.selectFrom("chat_lease").select("owner").execute();
        assert.deepEqual(leases, [], "the lease is released with the last finish");
      } finally {
        await dispatcher.stop(1_000);
      }
    });

    test("the claim of a fresh message records its sender for the handler, unless its text is one PostgreSQL cannot parse as JSON", async () => {
      const { logger } = capturedLog();
      const botId = "claims-sender";
      await suite.database.db.insertInto("bot").values({ id: botId, telegram_id: 7_100_001, username: "claims_bot", settings: JSON.stringify({ timeZone: "UTC", languages: ["en"], modules: null }) }).execute();
      const seen: { updateId: number; sender: unknown; ranOwnWork: boolean }[] = [];
      const handler = async (update: Update) => {
        const scope = updateScope.getStore();
        if (scope === undefined) throw new Error("outside the dispatcher");
        let ranOwnWork = false;
        const sender = await scope.journal.note("sender", () => {
          ranOwnWork = true;
          return Promise.resolve({ telegramId: 88, roles: [], language: null, flow: null });
        });
        seen.push({ updateId: update.update_id, sender, ranOwnWork });
      };
      const metrics = createMetrics();
      const dispatcher = new Dispatcher({ database: suite.database, handlers: new Map([[botId, handler]]), apologize: () => Promise.resolve(), logger, metrics, handlerTimeoutMs: 5_000, pollIntervalMs: 3_600_000 });
      const message = (updateId: number, text: string): Update => ({ update_id: updateId, message: { message_id: updateId, date: 0, chat: { id: 88, type: "private", first_name: "B" }, from: { id: 88, is_bot: false, first_name: "Bea", language_code: "de" }, text } });
      try {
        await storeUpdates(suite.database.db, botId, [201, 202].map((updateId) => ({ update_id: updateId, chat_key: "88", payload: JSON.stringify(message(updateId, updateId === 201 ? "/help" : "nul \u0000 here")) })));
        dispatcher.stored(botId, ["88"]);
        await eventually(() => seen.length === 2, "both updates handled");
        assert.deepEqual(seen[0], { updateId: 201, sender: { telegramId: 88, roles: [], language: null, flow: null }, ranOwnWork: false });
        assert.equal(seen[1]?.ranOwnWork, true, "the handler records the sender itself");
        const person = await suite.database.db.selectFrom("person").select(["first_name", "language_code"]).where("telegram_id", "=", 88).executeTakeFirst();
        assert.deepEqual(person, { first_name: "Bea", language_code: "de" });
        const member = await suite.database.db.selectFrom("bot_member").select("telegram_id").where("bot_id", "=", botId).execute();
        assert.deepEqual(member, [{ telegram_id: 88 }]);
      } finally {
        await dispatcher.stop(1_000);
      }
    });
  });
}
