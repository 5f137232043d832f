import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";
import type { Actor } from "../../../src/platform/audit/use-case.ts";
import type { BroadcastDraft } from "../../../src/platform/broadcasts/domain/draft.ts";
import { broadcastsFeature } from "../../../src/platform/broadcasts/feature.ts";
import { Translator } from "../../../src/platform/i18n/translator.ts";
import { deliveryCounts } from "../../../src/platform/broadcasts/repo.ts";
import { PLATFORM_SEGMENTS } from "../../../src/platform/broadcasts/segments.ts";
import {
  cancelBroadcast,
  createBroadcast,
  deliverBroadcast,
  finishBroadcast,
  previewBroadcast,
  systemActor,
  type NewBroadcast,
} from "../../../src/platform/broadcasts/service.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

const BOT = "main";
const ADMIN = 501;
const PEOPLE = [501, 502, 503, 504, 505];
const admin: Actor = { botId: BOT, personId: ADMIN, source: "web", ip: "127.0.0.1" };
const now = new Date("2030-03-01T09:00:00Z");
const later = new Date("2030-03-01T18:00:00Z");
const draft: BroadcastDraft = { text: "<b>Spring sale</b> starts today", photo: null, buttons: [{ text: "Shop", url: "https://example.com" }] };
const roleNames = ["owner", "admin"];
const noteDeps = { translator: new Translator(broadcastsFeature.catalogues ?? []), languages: ["en"] };

for (const kind of databaseKinds) {
  describe(`broadcast use cases on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);
    const run = <T>(work: Parameters<typeof suite.database.transaction<T>>[0]) => suite.database.transaction(work);
    const newBroadcast = (change: Partial<NewBroadcast> = {}): NewBroadcast => ({
      draft,
      segment: "all",
      params: {},
      now,
      segments: PLATFORM_SEGMENTS,
      roleNames,
      ...change,
    });
    const create = async (change: Partial<NewBroadcast> = {}) => {
      const created = await run((trx) => createBroadcast(trx, admin, newBroadcast(change)));
      assert.ok(created.ok, JSON.stringify(created));
      return created.value;
    };
    const deliver = (broadcastId: number) =>
      run((trx) => deliverBroadcast(trx, systemActor(BOT), { broadcastId, segments: PLATFORM_SEGMENTS, now, firstCheckAt: later }));
    const auditActions = async () => (await suite.database.db.selectFrom("audit_log").select("action").orderBy("id").execute()).map((row) => row.action);
    const outboxOf = (broadcastId: number) =>
      suite.database.db.selectFrom("outbox").selectAll().where("broadcast_id", "=", broadcastId).orderBy("chat_id").execute();

    beforeEach(async () => {
      const db = suite.database.db;
      for (const table of ["audit_log", "outbox", "scheduled_event", "broadcast", "role", "bot_member", "person", "bot"] as const) {
        await db.deleteFrom(table).execute();
      }
      await db.insertInto("bot").values({ id: BOT, telegram_id: 1, username: "shop_bot", settings: JSON.stringify({ timeZone: "UTC", languages: ["en"], modules: null }) }).execute();
      await db.insertInto("person").values(PEOPLE.map((id) => ({ telegram_id: id, first_name: `P${id}` }))).execute();
      await db.insertInto("bot_member").values(PEOPLE.map((id) => ({ bot_id: BOT, telegram_id: id, blocked_at: id === 505 ? now : null }))).execute();
      await db.insertInto("role").values({ bot_id: BOT, telegram_id: ADMIN, role: "admin", granted_by: null }).execute();
    });

    test("creating a broadcast stores it and schedules its delivery for its send time", async () => {
      const broadcast = await create({ sendAt: later });
      assert.equal(broadcast.status, "scheduled");
      assert.equal(broadcast.created_by, ADMIN);
      assert.deepEqual(broadcast.buttons, draft.buttons);
      const events = await suite.database.db.selectFrom("scheduled_event").selectAll().execute();
      assert.equal(events.length, 1);
      assert.equal(events[0]?.kind, "broadcast.deliver");
      assert.equal(new Date(events[0].due_at).toISOString(), later.toISOString());
      assert.deepEqual(await auditActions(), ["broadcast.create"]);
    });

    test("a draft Telegram would refuse, an unknown audience or a past time stores nothing", async () => {
      const refusals = [
        newBroadcast({ draft: { ...draft, text: "<marquee>Sale</marquee>" } }),
        newBroadcast({ segment: "vip" }),
        newBroadcast({ segment: "role", params: { role: "pirate" } }),
        newBroadcast({ sendAt: new Date("2030-02-01T00:00:00Z") }),
      ];
      const codes = [];
      for (const input of refusals) {
        const outcome = await run((trx) => createBroadcast(trx, admin, input));
        assert.equal(outcome.ok, false);
        if (!outcome.ok) codes.push(outcome.problem.code);
      }
      assert.deepEqual(codes, ["html-unsupported-tag", "segment-unknown", "segment-role-invalid", "send-at-past"]);
      assert.equal((await suite.database.db.selectFrom("broadcast").selectAll().execute()).length, 0);
      assert.equal((await suite.database.db.selectFrom("scheduled_event").selectAll().execute()).length, 0);
      assert.deepEqual(await auditActions(), []);
    });

    test("delivery queues one bulk message per person, keyed by broadcast and person, and marks it sending", async () => {
      const broadcast = await create();
      assert.deepEqual(await deliver(broadcast.id), { queued: PEOPLE.length });
      const rows = await outboxOf(broadcast.id);
      assert.deepEqual(
        rows.map((row) => row.dedupe_key),
        PEOPLE.map((id) => `broadcast:${broadcast.id}:to:${id}`),
      );
      assert.ok(rows.every((row) => row.priority === 1 && row.method === "sendMessage" && row.status === "pending"));
      assert.deepEqual(rows[0]?.payload, {
        chat_id: 501,
        text: draft.text,
        parse_mode: "HTML",
        reply_markup: { inline_keyboard: [[{ text: "Shop", url: "https://example.com" }]] },
      });
      const sending = await suite.database.db.selectFrom("broadcast").selectAll().where("id", "=", broadcast.id).executeTakeFirstOrThrow();
      assert.equal(sending.status, "sending");
      assert.equal(sending.audience, PEOPLE.length);
      const check = await suite.database.db.selectFrom("scheduled_event").selectAll().where("kind", "=", "broadcast.finish").executeTakeFirstOrThrow();
      assert.equal(new Date(check.due_at).toISOString(), later.toISOString());
      assert.deepEqual(await auditActions(), ["broadcast.create", "broadcast.deliver"]);
    });

    test("delivery run again queues nobody twice", async () => {
      const broadcast = await create();
      await deliver(broadcast.id);
      // As if the status change of the first run had been lost.
      await suite.database.db.updateTable("broadcast").set({ status: "scheduled" }).where("id", "=", broadcast.id).execute();
      assert.deepEqual(await deliver(broadcast.id), { queued: 0 });
      assert.equal((await outboxOf(broadcast.id)).length, PEOPLE.length);
    });

    test("delivery of a broadcast already sending changes nothing and writes no audit row", async () => {
      const broadcast = await create();
      await deliver(broadcast.id);
      assert.deepEqual(await deliver(broadcast.id), { queued: 0 });
      assert.deepEqual(await auditActions(), ["broadcast.create", "broadcast.deliver"]);
    });

    test("the by-role audience is the people holding that role", async () => {
      const broadcast = await create({ segment: "role", params: { role: "admin" } });
      await deliver(broadcast.id);
      assert.deepEqual((await outboxOf(broadcast.id)).map((row) => row.chat_id), [ADMIN]);
    });

    test("a photo broadcast is delivered with sendPhoto and the text as its caption", async () => {
      const broadcast = await create({ draft: { ...draft, photo: "https://example.com/sale.png", buttons: [] } });
      await deliver(broadcast.id);
      const [row] = await outboxOf(broadcast.id);
      assert.equal(row?.method, "sendPhoto");
      assert.deepEqual(row?.payload, { chat_id: 501, photo: "https://example.com/sale.png", caption: draft.text, parse_mode: "HTML" });
    });

    test("an empty audience is done at once", async () => {
      const broadcast = await create({ segment: "role", params: { role: "owner" } });
      assert.deepEqual(await deliver(broadcast.id), { queued: 0 });
      const done = await suite.database.db.selectFrom("broadcast").selectAll().where("id", "=", broadcast.id).executeTakeFirstOrThrow();
      assert.equal(done.status, "done");
      assert.equal(done.audience, 0);
    });

    test("a broadcast whose audience the bot no longer offers is cancelled instead of retried", async () => {
      const broadcast = await create();
      await run((trx) => deliverBroadcast(trx, systemActor(BOT), { broadcastId: broadcast.id, segments: {}, now, firstCheckAt: later }));
      const cancelled = await suite.database.db.selectFrom("broadcast").selectAll().where("id", "=", broadcast.id).executeTakeFirstOrThrow();
      assert.equal(cancelled.status, "cancelled");
      assert.equal((await outboxOf(broadcast.id)).length, 0);
    });

    test("cancelling before the send time removes the delivery; cancelling twice is refused", async () => {
      const broadcast = await create({ sendAt: later });
      const cancelled = await run((trx) => cancelBroadcast(trx, admin, { broadcastId: broadcast.id, now }));
      assert.ok(cancelled.ok);
      assert.equal(cancelled.value.status, "cancelled");
      assert.equal((await suite.database.db.selectFrom("scheduled_event").selectAll().execute()).length, 0);
      const again = await run((trx) => cancelBroadcast(trx, admin, { broadcastId: broadcast.id, now }));
      assert.deepEqual(again, { ok: false, problem: { code: "already-finished" } });
      assert.deepEqual(await auditActions(), ["broadcast.create", "broadcast.cancel"]);
    });

    test("cancelling while sending withdraws the messages still waiting and keeps those sent", async () => {
      const broadcast = await create();
      await deliver(broadcast.id);
      await suite.database.db.updateTable("outbox").set({ status: "sent" }).where("chat_id", "in", [501, 502]).execute();
      await suite.database.db.updateTable("outbox").set({ status: "sending" }).where("chat_id", "=", 503).execute();
      const cancelled = await run((trx) => cancelBroadcast(trx, admin, { broadcastId: broadcast.id, now }));
      assert.ok(cancelled.ok);
      assert.deepEqual(
        (await outboxOf(broadcast.id)).map((row) => [row.chat_id, row.status]),
        [
          [501, "sent"],
          [502, "sent"],
          [503, "sending"],
        ],
      );
    });

    test("a broadcast of another bot cannot be cancelled", async () => {
      const broadcast = await create();
      const stranger: Actor = { ...admin, botId: "other" };
      assert.deepEqual(await run((trx) => cancelBroadcast(trx, stranger, { broadcastId: broadcast.id, now })), { ok: false, problem: { code: "not-found" } });
    });

    test("a sending broadcast is done only once none of its messages is waiting or in flight", async () => {
      const broadcast = await create();
      await deliver(broadcast.id);
      const finish = () => run((trx) => finishBroadcast(trx, systemActor(BOT), { broadcastId: broadcast.id, now: later }));
      await suite.database.db.updateTable("outbox").set({ status: "sent" }).where("chat_id", "<>", 503).execute();
      await suite.database.db.updateTable("outbox").set({ status: "sending" }).where("chat_id", "=", 503).execute();
      assert.equal(await finish(), "still-sending");
      await suite.database.db.updateTable("outbox").set({ status: "failed" }).where("chat_id", "=", 503).execute();
      assert.equal(await finish(), "done");
      assert.equal(await finish(), "not-sending");
      const counts = (await deliveryCounts(suite.database.db, [broadcast.id])).get(broadcast.id);
      assert.deepEqual(counts?.toSorted((a, b) => a.status.localeCompare(b.status)), [
        { status: "failed", count: 1 },
        { status: "sent", count: 4 },
      ]);
      assert.deepEqual(await auditActions(), ["broadcast.create", "broadcast.deliver", "broadcast.finish"]);
    });

    test("a preview goes to the person composing it, ahead of bulk traffic, after a note in their language saying it is one, and stores no broadcast", async () => {
      await suite.database.db.updateTable("bot_member").set({ language: "ru" }).where("telegram_id", "=", ADMIN).execute();
      const previewed = await run((trx) => previewBroadcast(trx, admin, { draft, now, ...noteDeps, languages: ["en", "ru"] }));
      assert.deepEqual(previewed, { ok: true, value: null });
      const rows = await suite.database.db.selectFrom("outbox").selectAll().orderBy("id").execute();
      assert.equal(rows.length, 2);
      assert.ok(rows.every((row) => row.chat_id === ADMIN && row.priority === 0 && row.broadcast_id === null));
      const [note, preview] = rows;
      assert.match(String(note?.payload.text), /^👁 Предпросмотр рассылки: его получили только вы/);
      assert.deepEqual(preview?.payload, { chat_id: ADMIN, text: draft.text, parse_mode: "HTML", reply_markup: { inline_keyboard: [[{ text: "Shop", url: "https://example.com" }]] } }, "the preview itself is the broadcast as sent");
      assert.equal((await suite.database.db.selectFrom("broadcast").selectAll().execute()).length, 0);
      assert.deepEqual(await auditActions(), ["broadcast.preview"]);
    });

    test("a preview of a bad draft queues nothing", async () => {
      const previewed = await run((trx) => previewBroadcast(trx, admin, { draft: { ...draft, buttons: [{ text: "Go", url: "nowhere" }] }, now, ...noteDeps }));
      assert.deepEqual(previewed, { ok: false, problem: { code: "button-url-invalid", args: { number: 1 } } });
      assert.equal((await suite.database.db.selectFrom("outbox").selectAll().execute()).length, 0);
      assert.deepEqual(await auditActions(), []);
    });
  });
}
