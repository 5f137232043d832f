import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { JournalStep } from "../../../src/platform/db/schema.ts";
import { FencedOutError, HandedOver, UpdateJournal } from "../../../src/platform/telegram/update-journal.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

for (const kind of databaseKinds) {
  describe(`an update's journal on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);
    let nextUpdateId = 1;

    /** An update being handled in its `attempt`-th attempt, with what earlier attempts recorded. */
    const handling = async (steps: JournalStep[] = [], attempt = 1, options: { signal?: AbortSignal } = {}) => {
      const updateId = nextUpdateId++;
      await suite.database.db
        .insertInto("inbox")
        .values({ bot_id: "main", update_id: updateId, chat_key: "1", payload: "{}", status: "handling", attempts: attempt, journal: JSON.stringify(steps) })
        .execute();
      const repeats: string[] = [];
      const journal = new UpdateJournal(suite.database, "main", updateId, attempt, steps, (method) => repeats.push(method), { resumed: attempt > 1, ...options });
      const recorded = async () =>
        (await suite.database.db.selectFrom("inbox").select("journal").where("update_id", "=", updateId).executeTakeFirstOrThrow()).journal;
      return { journal, repeats, recorded };
    };

    test("a call is recorded once, with its answer, by the next write: nothing is written before it is made", async () => {
      const { journal, recorded } = await handling();
      let seenDuringCall: JournalStep[] | undefined;
      await journal.api("sendMessage", async () => {
        seenDuringCall = await recorded();
        return { message_id: 7 };
      });
      assert.deepEqual(seenDuringCall, []);
      assert.deepEqual(await recorded(), [], "not on its own");
      await journal.flush();
      assert.deepEqual(await recorded(), [{ kind: "api", name: "sendMessage", result: { message_id: 7 } }]);
    });

    test("an answer rides with the next transaction's record, and is written before the next call starts", async () => {
      const { journal, recorded } = await handling();
      await journal.api("answerCallbackQuery", () => Promise.resolve(true));
      await journal.commit("move", () => Promise.resolve("moved"));
      assert.deepEqual(await recorded(), [
        { kind: "api", name: "answerCallbackQuery", result: true },
        { kind: "commit", name: "move", result: "moved" },
      ]);
      await journal.api("sendMessage", () => Promise.resolve({ message_id: 1 }));
      let seenDuringCall: JournalStep[] = [];
      await journal.api("sendMessage", async () => {
        seenDuringCall = await recorded();
        return { message_id: 2 };
      });
      assert.equal(seenDuringCall.length, 3, "the first send is written before the second starts");
      await assert.rejects(journal.commit("broken", () => Promise.reject(new Error("rolled back"))));
      await journal.flush();
      assert.equal((await recorded()).length, 4, "an answer a rolled-back transaction carried is still written");
    });

    test("a resumed attempt makes again the first call after the last record, and reports it as a possible repeat; later calls are not", async () => {
      const { journal, repeats, recorded } = await handling([{ kind: "commit", name: "sender", bookkeeping: true, result: { roles: [] } }], 2);
      await journal.note("sender", () => Promise.reject(new Error("replayed, not run")));
      await journal.api("sendMessage", () => Promise.resolve({ message_id: 1 }));
      await journal.api("sendMessage", () => Promise.resolve({ message_id: 2 }));
      await journal.flush();
      assert.deepEqual(repeats, ["sendMessage"], "only the call the earlier attempt may have been making");
      assert.equal((await recorded()).length, 3);
    });

    test("a first attempt reports no repeat, and an abandoned handler makes no call", async () => {
      const { journal, repeats } = await handling();
      await journal.api("sendMessage", () => Promise.resolve({ message_id: 1 }));
      assert.deepEqual(repeats, []);
      const abandoned = new AbortController();
      const late = await handling([], 1, { signal: abandoned.signal });
      abandoned.abort();
      let called = false;
      await assert.rejects(
        late.journal.api("sendMessage", () => {
          called = true;
          return Promise.resolve({ message_id: 2 });
        }),
        FencedOutError,
      );
      assert.equal(called, false);
    });

    test("a sent message is recorded by its id, date and chat only: its text and buttons (a login link, a feed's secret address) are not kept", async () => {
      const { journal, recorded } = await handling();
      const secret = "https://salon.example/api/booking/feed/s3cr3t-token.ics";
      const sent = { message_id: 8, date: 1_700_000_000, chat: { id: 501, type: "private", first_name: "Anna" }, text: `Your feed: ${secret}`, reply_markup: { inline_keyboard: [[{ text: "Open", url: secret }]] } };
      const answer = await journal.api("sendMessage", () => Promise.resolve(sent));
      assert.equal(answer, sent, "the handler still gets the whole answer");
      await journal.flush();
      assert.deepEqual(await recorded(), [{ kind: "api", name: "sendMessage", result: { message_id: 8, date: 1_700_000_000, chat: { id: 501, type: "private" } } }]);
      assert.doesNotMatch(JSON.stringify(await recorded()), /s3cr3t/);
      await journal.api("sendMessage", () => Promise.resolve({ ok: true, result: sent }));
      await journal.flush();
      assert.deepEqual((await recorded())[1]?.result, { ok: true, result: { message_id: 8, date: 1_700_000_000, chat: { id: 501, type: "private" } } }, "inside Telegram's whole answer too, as an API transformer sees it");
      await journal.api("answerCallbackQuery", () => Promise.resolve({ ok: true, result: true }));
      await journal.flush();
      assert.deepEqual((await recorded())[2]?.result, { ok: true, result: true }, "other answers are kept as they came");
      assert.doesNotMatch(JSON.stringify(await recorded()), /s3cr3t/);
    });

    test("a replay makes again a call an older version's journal marked started and never answered, and reports the repeat", async () => {
      const { journal, repeats } = await handling([{ kind: "api", name: "sendMessage", result: null, call: "started" }], 2);
      let calls = 0;
      await journal.api("sendMessage", () => Promise.resolve({ message_id: ++calls }));
      assert.equal(calls, 1);
      assert.deepEqual(repeats, ["sendMessage"]);
    });

    test("a replay makes again a call that failed, without calling it a repeat, and skips one answered", async () => {
      const { journal, repeats } = await handling(
        [
          { kind: "api", name: "sendMessage", result: { message_id: 1 } },
          { kind: "api", name: "sendMessage", result: null, call: "failed" },
        ],
        2,
      );
      let calls = 0;
      assert.deepEqual(await journal.api("sendMessage", () => Promise.resolve({ message_id: ++calls })), { message_id: 1 });
      assert.equal(calls, 0);
      await journal.api("sendMessage", () => Promise.resolve({ message_id: ++calls }));
      assert.equal(calls, 1);
      assert.deepEqual(repeats, []);
    });

    test("a call handed over is queued in the outbox with the step it replaces, once across attempts", async () => {
      const { journal, recorded } = await handling();
      const handOver = () =>
        new HandedOver(true, async (trx, dedupeKey) => {
          await trx.insertInto("outbox").values({ bot_id: "main", chat_id: 1, method: "sendMessage", payload: JSON.stringify({ chat_id: 1, text: "hi" }), dedupe_key: dedupeKey }).execute();
        });
      assert.equal(await journal.api("sendMessage", () => Promise.resolve(handOver())), true);
      const steps = await recorded();
      assert.deepEqual(steps, [{ kind: "api", name: "sendMessage", result: true }]);
      const replay = new UpdateJournal(suite.database, "main", journal.updateId, 1, steps);
      assert.equal(await replay.api("sendMessage", () => Promise.resolve(handOver())), true);
      const rows = await suite.database.db.selectFrom("outbox").select("dedupe_key").where("dedupe_key", "like", `reply:${journal.updateId}:%`).execute();
      assert.deepEqual(rows, [{ dedupe_key: `reply:${journal.updateId}:0` }]);
    });

    test("the platform's bookkeeping is no change; a commit is, in this attempt or an earlier one", async () => {
      const { journal } = await handling();
      await journal.commit("sender", () => Promise.resolve(1), { bookkeeping: true });
      assert.equal(journal.changed, false);
      await journal.commit("cancel", () => Promise.resolve(true));
      assert.equal(journal.changed, true);
      const { journal: resumed } = await handling([{ kind: "commit", name: "cancel", result: true }], 2);
      assert.equal(resumed.changed, true);
      const { journal: rolledBack } = await handling();
      await assert.rejects(rolledBack.commit("fails", () => Promise.reject(new Error("rolled back"))));
      assert.equal(rolledBack.changed, false, "a commit that rolled back changed nothing");
    });
  });
}
