import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Kysely } from "kysely";
import { claimTicket } from "../../../src/modules/helpdesk/commands/claim-ticket.ts";
import { closeTicketByRequester } from "../../../src/modules/helpdesk/commands/close-ticket-by-requester.ts";
import { keepTicketNote } from "../../../src/modules/helpdesk/commands/keep-ticket-note.ts";
import { openTicketOrAppend } from "../../../src/modules/helpdesk/commands/open-ticket-or-append.ts";
import { relayStaffReply } from "../../../src/modules/helpdesk/commands/relay-staff-reply.ts";
import { resolveTicket } from "../../../src/modules/helpdesk/commands/resolve-ticket.ts";
import { helpdeskModule } from "../../../src/modules/helpdesk/module.ts";
import type { HelpdeskTables } from "../../../src/modules/helpdesk/tables.ts";
import { testKernel } from "../../support/module-kernel.ts";
import type { Actor } from "../../../src/platform/audit/use-case.ts";
import type { CommandRuntime } from "../../../src/platform/commands/command-runtime.ts";
import type { ReceivedFile } from "../../../src/platform/files/received-file.ts";
import { platformCatalogues } from "../../../src/platform/i18n/catalogues.ts";
import { Translator } from "../../../src/platform/i18n/translator.ts";
import { LiveSettings } from "../../../src/platform/settings/live-settings.ts";
import { linkWorkGroup } from "../../../src/platform/work-groups/link-work-group.ts";
import type { ThreadMessageInput } from "../../../src/platform/work-groups/thread-message.ts";
import { historyOf } from "../../../src/platform/workflow/move-subject.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

const BOT = "main";
const OWNER = 830_001;
const SUE = 830_002;
const ANN = 830_010;
const PIOTR = 830_011;
const STRANGER = 830_012;
const DESK = -1_000_000_830_000;

const photo: ReceivedFile = { kind: "photo", telegramFileId: "photo-1", name: "photo.jpg", mimeType: "image/jpeg" };
const document: ReceivedFile = { kind: "document", telegramFileId: "doc-1", name: "manual.pdf", mimeType: "application/pdf" };

for (const kind of databaseKinds) {
  describe(`the helpdesk's commands, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, helpdeskModule.migrations);
    const clock = { at: new Date("2026-12-01T10:00:00Z"), now: () => clock.at };
    let runtime: CommandRuntime;
    let settings: LiveSettings;
    let nextMessage = 1;
    const as = (personId: number | null): Actor => ({ botId: BOT, personId, source: personId === null ? "system" : "bot" });
    const db = () => suite.database.db as unknown as Kysely<HelpdeskTables>;
    const outbox = (like: string) => suite.database.db.selectFrom("outbox").select(["chat_id", "method", "payload", "dedupe_key"]).where("dedupe_key", "like", like).orderBy("id").execute();
    const outboxCount = async () => (await suite.database.db.selectFrom("outbox").select("id").execute()).length;
    const audits = (action: string) => suite.database.db.selectFrom("audit_log").select(["actor_id", "object_id"]).where("action", "=", action).orderBy("id").execute();
    const ticket = (id: number) => db().selectFrom("helpdesk_ticket").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const write = (personId: number, text: string | null, file: ReceivedFile | null = null) => runtime.run(as(personId), openTicketOrAppend, { messageId: nextMessage++, text, file });
    const staffSays = (ticketId: number, from: number, text: string | null, file: ReceivedFile | null = null): ThreadMessageInput => ({
      subject: { module: "helpdesk", type: "ticket", id: ticketId, threadId: 1 },
      message: { chatId: DESK, messageId: nextMessage++, from: { telegramId: from, firstName: from === SUE ? "Sue" : "Olga", lastName: null, username: null }, text, file },
    });

    const keepStaffAnonymous = async (anonymousStaff: boolean) => {
      const changed = { timeZone: "UTC", languages: ["en", "ru"], modules: ["helpdesk"], anonymousStaff };
      await suite.database.db.updateTable("bot").set((eb) => ({ settings: JSON.stringify(changed), version: eb("version", "+", 1) })).where("id", "=", BOT).execute();
      await settings.refresh();
    };

    before(async () => {
      const raw = suite.database.db;
      await raw.insertInto("bot").values({ id: BOT, telegram_id: 6_000_083, username: "desk_bot", settings: JSON.stringify({ timeZone: "UTC", languages: ["en", "ru"], modules: ["helpdesk"] }) }).execute();
      const people = [
        { telegram_id: OWNER, first_name: "Olga", language_code: "en" },
        { telegram_id: SUE, first_name: "Sue", language_code: "en" },
        { telegram_id: ANN, first_name: "Ann", language_code: "en" },
        { telegram_id: PIOTR, first_name: "Пётр", language_code: "ru" },
        { telegram_id: STRANGER, first_name: "Sam", language_code: "en" },
      ];
      await raw.insertInto("person").values(people.map((person) => ({ ...person, last_name: null, username: null }))).execute();
      await raw.insertInto("bot_member").values(people.map((person) => ({ bot_id: BOT, telegram_id: person.telegram_id }))).execute();
      await raw.insertInto("role").values([
        { bot_id: BOT, telegram_id: OWNER, role: "owner", granted_by: null },
        { bot_id: BOT, telegram_id: SUE, role: "specialist", granted_by: null },
      ]).execute();
      const translator = new Translator([...platformCatalogues(), ...(helpdeskModule.catalogues ?? [])]);
      settings = new LiveSettings(raw, translator);
      await settings.refresh();
      runtime = testKernel({
        modules: [helpdeskModule],
        database: suite.database,
        translator,
        settings,
        clock,
      }).runtime;
      const linked = await runtime.run(as(OWNER), linkWorkGroup, { chatId: DESK, title: "Support", isForum: true, module: "helpdesk", routingKey: "" });
      assert.ok(linked.ok);
    });

    test("a first message with a photo opens ticket #1: a topic with the card, the photo copied in, the requester told in their language", async () => {
      const opened = await write(PIOTR, "Принтер не печатает", photo);
      assert.ok(opened.ok && opened.opened);
      assert.equal(opened.number, 1);
      const row = await ticket(opened.ticketId);
      assert.deepEqual([row.status, row.requester_id, row.assignee_id, row.category], ["new", PIOTR, null, null]);
      const group = await outbox(`thread:ticket:${opened.ticketId}:%`);
      assert.deepEqual(group.map((call) => call.method), ["createForumTopic", "sendMessage"]);
      assert.equal(group[0]!.payload.name, "#1 Принтер не печатает");
      assert.match(String(group[1]!.payload.text), /Request #1<\/b> · New/);
      assert.match(String(group[1]!.payload.text), /First request/);
      assert.deepEqual(group[1]!.payload.reply_markup, { inline_keyboard: [[{ text: "Take it", callback_data: `hd:claim:${opened.ticketId}` }, { text: "Resolve", callback_data: `hd:resolve:${opened.ticketId}` }]] });
      const copied = await outbox(`helpdesk:${opened.ticketId}:from:%`);
      assert.deepEqual(copied.map((call) => [call.chat_id, call.method, call.payload.from_chat_id]), [[DESK, "copyMessage", PIOTR]]);
      const told = await outbox(`helpdesk:${opened.ticketId}:opened`);
      assert.equal(told[0]?.chat_id, PIOTR);
      assert.match(String(told[0]?.payload.text), /обращение <b>№1<\/b> передано/);
      const messages = await db().selectFrom("helpdesk_ticket_message").select(["author_kind", "text", "file_id", "file_kind"]).where("ticket_id", "=", opened.ticketId).execute();
      assert.deepEqual(messages, [{ author_kind: "user", text: "Принтер не печатает", file_id: "photo-1", file_kind: "photo" }]);
      assert.deepEqual((await historyOf(suite.database.db, BOT, "ticket", opened.ticketId)).map((move) => [move.from_status, move.to_status]), [[null, "new"]]);
      assert.deepEqual(await audits("helpdesk.write"), [{ actor_id: PIOTR, object_id: String(opened.ticketId) }]);
    });

    test("an empty message is refused and changes nothing", async () => {
      const [tickets, queued, audited] = [await db().selectFrom("helpdesk_ticket").select("id").execute(), await outboxCount(), await audits("helpdesk.write")];
      assert.deepEqual(await write(ANN, "   "), { ok: false, reason: "empty" });
      assert.equal((await db().selectFrom("helpdesk_ticket").select("id").execute()).length, tickets.length);
      assert.equal(await outboxCount(), queued);
      assert.equal((await audits("helpdesk.write")).length, audited.length);
    });

    test("numbers run per bot; a follow-up joins the open ticket and is copied into its topic, with no second receipt", async () => {
      const first = await write(ANN, "Where is my order?");
      const again = await write(ANN, "It was due Monday");
      assert.ok(first.ok && again.ok);
      assert.equal(first.number, 2);
      assert.deepEqual([again.ticketId, again.opened], [first.ticketId, false]);
      assert.equal((await outbox(`helpdesk:${first.ticketId}:from:%`)).length, 2);
      assert.equal((await outbox(`helpdesk:${first.ticketId}:opened`)).length, 1);
      assert.match(String((await outbox(`thread:ticket:${first.ticketId}:%:card`))[0]?.payload.text), /One earlier request|First request/);
    });

    test("a specialist's answer with a document reaches the requester once, signed; the ticket waits for them and is the specialist's", async () => {
      const opened = await write(STRANGER, "How do I reset it?");
      assert.ok(opened.ok);
      const answer = staffSays(opened.ticketId, SUE, "See page 4", document);
      assert.deepEqual(await runtime.run(as(SUE), relayStaffReply, answer), { ok: true, ticketId: opened.ticketId });
      const sent = await outbox(`helpdesk:${opened.ticketId}:answer:%`);
      assert.deepEqual(sent.map((call) => [call.chat_id, call.method, call.payload.document, call.payload.caption]), [[STRANGER, "sendDocument", "doc-1", "<b>Sue</b>:\nSee page 4"]]);
      const row = await ticket(opened.ticketId);
      assert.deepEqual([row.status, row.assignee_id, new Date(row.first_response_at!).getTime()], ["waiting", SUE, clock.now().getTime()]);
      const edits = await outbox(`thread:ticket:${opened.ticketId}:%:edit:%`);
      assert.match(String(edits.at(-1)?.payload.text), /Waiting for the requester[\s\S]*Specialist: <a href="tg:\/\/user\?id=830002">Sue<\/a>/);

      await keepStaffAnonymous(true);
      await runtime.run(as(SUE), relayStaffReply, staffSays(opened.ticketId, SUE, "Or call us"));
      const anonymous = (await outbox(`helpdesk:${opened.ticketId}:answer:%`)).at(-1);
      assert.deepEqual([anonymous?.method, anonymous?.payload.text], ["sendMessage", "<b>Support</b>:\nOr call us"]);
      await keepStaffAnonymous(false);
    });

    test("someone who does not answer tickets is refused in the thread, and neither a sticker nor a closed ticket is relayed; nothing changes", async () => {
      const opened = await write(ANN, "One more thing");
      assert.ok(opened.ok);
      const [before, queued] = [await ticket(opened.ticketId), await outboxCount()];
      assert.deepEqual(await runtime.run(as(STRANGER), relayStaffReply, staffSays(opened.ticketId, STRANGER, "I am staff, honest")), { ok: false, reason: "helpdesk-reply-not-allowed" });
      assert.deepEqual(await runtime.run(as(SUE), relayStaffReply, staffSays(opened.ticketId, SUE, null)), { ok: false, reason: "helpdesk-reply-unsupported" });
      assert.deepEqual(await ticket(opened.ticketId), before);
      assert.equal(await outboxCount(), queued);
    });

    test("a note joins the ticket's record and reaches nobody", async () => {
      const opened = await write(ANN, "Still here");
      assert.ok(opened.ok);
      const queued = await outboxCount();
      assert.deepEqual(await runtime.run(as(SUE), keepTicketNote, staffSays(opened.ticketId, SUE, "she is a regular")), { ok: true, ticketId: opened.ticketId });
      assert.equal(await outboxCount(), queued);
      const notes = await db().selectFrom("helpdesk_ticket_message").select(["author_kind", "person_id", "text"]).where("ticket_id", "=", opened.ticketId).where("author_kind", "=", "note").execute();
      assert.deepEqual(notes, [{ author_kind: "note", person_id: SUE, text: "she is a regular" }]);
      assert.deepEqual(await runtime.run(as(STRANGER), keepTicketNote, staffSays(opened.ticketId, STRANGER, "sneaky")), { ok: false, reason: "not-allowed" });
    });

    test("claim, resolve, a message reopening it, and the requester closing it: each move told once, the card following", async () => {
      const opened = await write(PIOTR, "Снова не печатает");
      assert.ok(opened.ok && !opened.opened, "his first ticket is still open");
      const id = opened.ticketId;
      const queued = await outboxCount();
      assert.deepEqual(await runtime.run(as(STRANGER), claimTicket, { ticketId: id }), { ok: false, reason: "not-allowed" });
      assert.deepEqual(await runtime.run(as(STRANGER), resolveTicket, { ticketId: id }), { ok: false, reason: "not-allowed" });
      assert.equal(await outboxCount(), queued, "refusals queue nothing");
      assert.equal((await ticket(id)).status, "new");

      assert.deepEqual(await runtime.run(as(SUE), claimTicket, { ticketId: id }), { ok: true, number: 1 });
      assert.deepEqual(await runtime.run(as(SUE), claimTicket, { ticketId: id }), { ok: false, reason: "already-yours" });
      assert.deepEqual(await runtime.run(as(SUE), resolveTicket, { ticketId: id }), { ok: true, number: 1 });
      assert.deepEqual(await runtime.run(as(SUE), resolveTicket, { ticketId: id }), { ok: false, reason: "finished" });
      assert.equal(new Date((await ticket(id)).resolved_at!).getTime(), clock.now().getTime());

      const reopened = await write(PIOTR, "Нет, всё ещё не печатает");
      assert.ok(reopened.ok && reopened.reopened && reopened.ticketId === id);
      assert.deepEqual(await runtime.run(as(ANN), closeTicketByRequester, { ticketId: id }), { ok: false, reason: "not-found" });
      assert.deepEqual(await runtime.run(as(PIOTR), closeTicketByRequester, { ticketId: id }), { ok: true, number: 1 });
      assert.deepEqual(await runtime.run(as(PIOTR), closeTicketByRequester, { ticketId: id }), { ok: false, reason: "closed" });

      const told = (await outbox(`helpdesk:${id}:move:%`)).filter((call) => call.chat_id === PIOTR).map((call) => String(call.payload.text));
      assert.equal(told.length, 4);
      assert.match(told[0]!, /Специалист взял/);
      assert.match(told[1]!, /решено/);
      assert.match(told[2]!, /снова открыто/);
      assert.match(told[3]!, /закрыто/);
      const moves = (await historyOf(suite.database.db, BOT, "ticket", id)).map((move) => `${move.from_status ?? ""}>${move.to_status}`);
      assert.deepEqual(moves, [">new", "new>open", "open>resolved", "resolved>open", "open>closed"]);
      const card = (await outbox(`thread:ticket:${id}:%:edit:%`)).at(-1);
      assert.match(String(card?.payload.text), /Closed/);
      assert.equal(card?.payload.reply_markup, undefined, "a closed ticket's card has no buttons");
      assert.match(String((await outbox(`helpdesk:${id}:closed-by-requester`))[0]?.payload.text), /The requester closed request #1/);

      const next = await write(PIOTR, "Новый вопрос");
      assert.ok(next.ok && next.opened && next.ticketId !== id, "after closing, a message opens a new ticket");
      assert.match(String((await outbox(`thread:ticket:${next.ticketId}:%:card`))[0]?.payload.text), /1 обращение раньше|One earlier request/);
    });
  });
}
