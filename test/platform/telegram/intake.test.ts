import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { readPayload } from "../../../src/platform/telegram/inbox.ts";
import { takeIn } from "../../../src/platform/telegram/intake.ts";
import { capturedLog } from "../../support/captured-log.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

let nextId = 5_000_000;
function textUpdate(text: string, chat: unknown = { id: 42, type: "private", first_name: "Ann" }) {
  return {
    update_id: nextId++,
    message: { message_id: 1, date: 1_700_000_000, chat, from: { id: 42, is_bot: false, first_name: "Ann", language_code: "en" }, text },
  };
}

for (const kind of databaseKinds) {
  describe(`intake into the inbox on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);
    const rowOf = (updateId: number) => suite.database.db.selectFrom("inbox").selectAll().where("update_id", "=", updateId).executeTakeFirstOrThrow();

    test("a text with U+0000 or a lone surrogate is stored and comes back exactly as Telegram sent it", async () => {
      const { logger } = capturedLog();
      const updates = [textUpdate("hello\u0000world"), textUpdate("lone \ud800 high"), textUpdate("lone \udc00 low"), textUpdate("plain")];
      const taken = await takeIn(suite.database.db, "main", updates, logger);
      assert.deepEqual(taken, { stored: 4, quarantined: 0, dropped: 0, chatKeys: ["42", "42", "42", "42"] });
      for (const update of updates) {
        const row = await rowOf(update.update_id);
        assert.equal(row.status, "pending");
        assert.equal(row.chat_key, "42");
        assert.deepEqual(readPayload(row), update);
      }
    });

    test("each malformed update is quarantined with a log line, never to be handled, and the rest of its batch is stored", async () => {
      const { logger, lines } = capturedLog();
      const good = textUpdate("/start");
      const { chat: _chat, ...withoutChat } = textUpdate("no chat").message;
      const malformed = [
        { update_id: nextId++, message: withoutChat },
        textUpdate("null chat", null),
        { update_id: nextId++, message: "a string where a message should be" },
        textUpdate("words for an id", { id: "forty-two", type: "private" }),
        textUpdate("a fractional id", { id: 4.2, type: "private" }),
        textUpdate("an oversized id", { id: 1e30, type: "private" }),
        { update_id: nextId++, callback_query: { id: "q", from: null, chat_instance: "c", data: "x" } },
        { update_id: nextId++, channel_post: { message_id: 1, date: 0, chat: { id: -100, type: "channel" } } },
        { update_id: nextId++ },
      ];
      const taken = await takeIn(suite.database.db, "main", [...malformed, good, "not even an object", { update_id: -1 }], logger);
      assert.deepEqual(taken, { stored: 1, quarantined: malformed.length, dropped: 2, chatKeys: ["42"] });
      for (const update of malformed) {
        const row = await rowOf(update.update_id);
        assert.equal(row.status, "failed");
        assert.equal(row.attempts, 0, "never handled");
        assert.ok(row.finished_at !== null, "finished, so pruning takes it");
        assert.match(row.error ?? "", /^malformed update: /);
        assert.deepEqual(readPayload(row), update, "kept as it came, for a look");
      }
      assert.equal((await rowOf(good.update_id)).status, "pending");
      assert.equal(lines.filter((line) => line.msg === "malformed update quarantined").length, malformed.length);
      assert.equal(lines.filter((line) => line.msg === "an update without a usable update_id was dropped").length, 2);
    });

    test("an update the database refuses is quarantined on its own while the rest of the batch goes in", async () => {
      const { logger, lines } = capturedLog();
      await sql`
        create function refuse_poison() returns trigger language plpgsql as $$
        begin
          if new.payload like '%poison%' then raise exception 'poisoned update' using errcode = '22000'; end if;
          return new;
        end $$`.execute(suite.database.db);
      await sql`create trigger refuse_poison before insert on inbox for each row execute function refuse_poison()`.execute(suite.database.db);
      try {
        const [before, poison, after] = [textUpdate("before"), textUpdate("poison"), textUpdate("after")];
        const taken = await takeIn(suite.database.db, "main", [before, poison, after], logger);
        assert.deepEqual(taken, { stored: 2, quarantined: 1, dropped: 0, chatKeys: ["42", "42"] });
        assert.equal((await rowOf(before.update_id)).status, "pending");
        assert.equal((await rowOf(after.update_id)).status, "pending");
        const refused = await rowOf(poison.update_id);
        assert.equal(refused.status, "failed");
        assert.match(refused.error ?? "", /^refused by the database: poisoned update/);
        assert.deepEqual(readPayload(refused), { update_id: poison.update_id });
        assert.ok(lines.some((line) => line.msg === "the inbox refused an update; quarantined" && line.update_id === poison.update_id));
      } finally {
        await sql`drop trigger refuse_poison on inbox`.execute(suite.database.db);
        await sql`drop function refuse_poison()`.execute(suite.database.db);
      }
    });

    test("when the inbox cannot be written at all, intake throws and stores nothing (the batch is not acknowledged)", async () => {
      const { logger } = capturedLog();
      await sql`alter table inbox rename to inbox_away`.execute(suite.database.db);
      const update = textUpdate("lost?");
      try {
        await assert.rejects(takeIn(suite.database.db, "main", [update, textUpdate("and me")], logger));
      } finally {
        await sql`alter table inbox_away rename to inbox`.execute(suite.database.db);
      }
      assert.equal(await suite.database.db.selectFrom("inbox").selectAll().where("update_id", "=", update.update_id).executeTakeFirst(), undefined);
    });

    test("a redelivered update changes nothing", async () => {
      const { logger } = capturedLog();
      const update = textUpdate("twice");
      await takeIn(suite.database.db, "main", [update], logger);
      await suite.database.db.updateTable("inbox").set({ status: "done" }).where("update_id", "=", update.update_id).execute();
      await takeIn(suite.database.db, "main", [update], logger);
      assert.equal((await rowOf(update.update_id)).status, "done");
    });
  });
}
