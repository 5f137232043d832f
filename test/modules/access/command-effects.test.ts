/**
 * Each access command that changes something queues what the change implies (cards, card edits,
 * notices, the other modules' hooks) inside its own transaction: rolled back, it queues nothing;
 * refused, it queues nothing either.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { applyForAccess } from "../../../src/modules/access/commands/apply-for-access.ts";
import { approveAccessRequest } from "../../../src/modules/access/commands/approve-access-request.ts";
import { blockPerson } from "../../../src/modules/access/commands/block-person.ts";
import { grantRole } from "../../../src/modules/access/commands/grant-role.ts";
import { issueLoginLink } from "../../../src/modules/access/commands/issue-login-link.ts";
import { postponeAccessRequest } from "../../../src/modules/access/commands/postpone-access-request.ts";
import { rejectAccessRequest } from "../../../src/modules/access/commands/reject-access-request.ts";
import { revokeRole } from "../../../src/modules/access/commands/revoke-role.ts";
import type { Actor } from "../../../src/platform/audit/use-case.ts";
import { startSession } from "../../../src/platform/auth/sessions.ts";
import { databaseKinds } from "../../support/databases.ts";
import { BOT, OWNER, commandWorld } from "./command-world.ts";

const panelUrl = "https://panel.example";
const CYRILLIC = /[а-яё]/i;

for (const kind of databaseKinds) {
  describe(`access commands queue their effects in their own transaction, on ${kind.name}`, { skip: kind.skip }, () => {
    const world = commandWorld(kind, 820_000);
    const { db, person, run, queuedBy, rolledBack } = world;
    const owner: Actor = { botId: BOT, personId: OWNER, source: "bot" };
    const keys = (rows: { dedupe_key: string }[]) => rows.map((row) => row.dedupe_key).sort();
    const managers = async () => (await db().selectFrom("role").select("telegram_id").distinct().where("bot_id", "=", BOT).where("role", "in", ["owner", "admin"]).execute()).map((row) => row.telegram_id).sort();

    const openRequest = async (language = "en") => {
      const applicant = await person([], undefined, language);
      const applied = await world.runtime.run(applicant, applyForAccess, { name: "Anna Petrova", phone: "+79001234567", comment: null });
      assert.ok(applied.ok);
      return { applicant, requestId: applied.request.id };
    };
    const cardEdits = (requestId: number, revision: number, to: number[]) => to.map((chatId) => `access:request:${requestId}:r${revision}:edit:${chatId}`);

    test("applying queues a card to every manager, each in their language; rolled back or refused, none", async () => {
      const admin = await person(["admin"], undefined, "ru");
      const applicant = await person();
      const input = { name: "Anna Petrova", phone: "+79001234567", comment: null };
      assert.deepEqual(await queuedBy(() => rolledBack(applyForAccess, applicant, input)), []);
      assert.deepEqual(await queuedBy(() => run(applyForAccess, applicant, { ...input, phone: "89001234567" })), [], "an invalid phone is refused");
      const queued = await queuedBy(() => run(applyForAccess, applicant, input));
      const request = await db().selectFrom("access_request").select("id").where("telegram_id", "=", applicant.personId).executeTakeFirstOrThrow();
      assert.deepEqual(keys(queued), (await managers()).map((id) => `access:request:${request.id}:card:${id}`).sort());
      assert.match(String(queued.find((row) => row.chat_id === admin.personId)?.payload.text), /Заявка на доступ/);
      assert.match(String(queued.find((row) => row.chat_id === OWNER)?.payload.text), /Access request/);
    });

    test("approving queues the cards' edits, the applicant's notice and the hooks' role-granted; rolled back or refused, none", async () => {
      const { applicant, requestId } = await openRequest();
      const input = { requestId, role: "master" };
      assert.deepEqual(await queuedBy(() => rolledBack(approveAccessRequest, owner, input)), []);
      const master = await person(["master"]);
      assert.deepEqual(await queuedBy(() => run(approveAccessRequest, master, input)), [], "a master may not decide");
      const queued = await queuedBy(() => run(approveAccessRequest, owner, input));
      assert.deepEqual(keys(queued), [...cardEdits(requestId, 2, await managers()), `access:request:${requestId}:notice:approved`, `heard:role-granted:${applicant.personId}:master`].sort());
      const notice = queued.find((row) => row.dedupe_key.endsWith(":notice:approved"));
      assert.equal(notice?.chat_id, applicant.personId);
      assert.deepEqual(notice?.payload.reply_markup, { inline_keyboard: [[{ text: "🔑 Get my login link", callback_data: "access:login" }]] });
      assert.deepEqual(await queuedBy(() => run(rejectAccessRequest, owner, { requestId, reason: "Too late" })), [], "already decided");
    });

    test("rejecting queues the cards' edits and the reason to the applicant in their language; an empty reason queues nothing", async () => {
      const { applicant, requestId } = await openRequest("ru");
      assert.deepEqual(await queuedBy(() => rolledBack(rejectAccessRequest, owner, { requestId, reason: "Не из нашей команды" })), []);
      assert.deepEqual(await queuedBy(() => run(rejectAccessRequest, owner, { requestId, reason: "  " })), []);
      const queued = await queuedBy(() => run(rejectAccessRequest, owner, { requestId, reason: "Не из нашей команды" }));
      assert.deepEqual(keys(queued), [...cardEdits(requestId, 2, await managers()), `access:request:${requestId}:notice:rejected`].sort());
      const notice = queued.find((row) => row.chat_id === applicant.personId);
      assert.match(String(notice?.payload.text), /отклонена/);
      assert.match(String(notice?.payload.text), /Не из нашей команды/);
    });

    test("postponing queues only the cards' edits, their buttons kept; the applicant hears nothing, and a second postpone queues nothing", async () => {
      const { applicant, requestId } = await openRequest();
      assert.deepEqual(await queuedBy(() => rolledBack(postponeAccessRequest, owner, { requestId })), []);
      const queued = await queuedBy(() => run(postponeAccessRequest, owner, { requestId }));
      assert.deepEqual(keys(queued), cardEdits(requestId, 2, await managers()).sort());
      assert.ok(queued.every((row) => row.method === "editMessageText" && row.chat_id !== applicant.personId && row.payload.reply_markup !== undefined));
      assert.deepEqual(await queuedBy(() => run(postponeAccessRequest, owner, { requestId })), []);
    });

    test("granting a role tells the person in their language and the hooks hear it; an unchanged grant queues nothing", async () => {
      const target = await person([], undefined, "ru");
      const input = { telegramId: target.personId, role: "master" };
      assert.deepEqual(await queuedBy(() => rolledBack(grantRole, owner, input)), []);
      const queued = await queuedBy(() => run(grantRole, owner, input));
      assert.deepEqual(queued.map((row) => row.dedupe_key.replace(/:\d+$/, ":<at>")).sort(), [`access:role:${target.personId}:master:granted:<at>`, `heard:role-granted:${target.personId}:master`].sort());
      assert.match(String(queued.find((row) => row.chat_id === target.personId)?.payload.text), CYRILLIC);
      assert.deepEqual(await queuedBy(() => run(grantRole, owner, input)), [], "they hold it already");
    });

    test("revoking a role lets the hooks hear it; revoking the last owner queues nothing", async () => {
      const target = await person(["master", "admin"]);
      const input = { telegramId: target.personId, role: "master" };
      assert.deepEqual(await queuedBy(() => rolledBack(revokeRole, owner, input)), []);
      assert.deepEqual(keys(await queuedBy(() => run(revokeRole, owner, input))), [`heard:role-revoked:${target.personId}:master`]);
      assert.deepEqual(await queuedBy(() => run(revokeRole, owner, { telegramId: OWNER, role: "owner" })), []);
    });

    test("blocking ends the sessions and lets the hooks hear each role taken and the block; rolled back, the sessions live on", async () => {
      const admin = await person(["admin"]);
      const target = await person(["master", "admin"]);
      const session = await startSession(world.database().db, { botId: BOT, telegramId: target.personId, kind: "cookie", via: "link", userAgent: null, ip: null });
      const sessionEnded = async () => (await db().selectFrom("web_session").select("ended_at").where("id", "=", session.id).executeTakeFirstOrThrow()).ended_at !== null;
      assert.deepEqual(await queuedBy(() => rolledBack(blockPerson, admin, { telegramId: target.personId, reason: null })), []);
      assert.equal(await sessionEnded(), false);
      assert.deepEqual(await queuedBy(() => run(blockPerson, admin, { telegramId: OWNER, reason: null })), [], "admins do not block owners");
      const queued = await queuedBy(() => run(blockPerson, admin, { telegramId: target.personId, reason: "Left" }));
      assert.deepEqual(keys(queued), [`heard:person-blocked:${target.personId}`, `heard:role-revoked:${target.personId}:admin`, `heard:role-revoked:${target.personId}:master`]);
      assert.equal(await sessionEnded(), true);
      assert.deepEqual(await queuedBy(() => run(blockPerson, admin, { telegramId: target.personId, reason: null })), [], "already blocked");
    });

    test("an admin's link for someone else queues an invitation in their language; rolled back or forbidden, none", async () => {
      const admin = await person(["admin"]);
      const staff = await person(["master"], undefined, "ru");
      assert.deepEqual(await queuedBy(() => rolledBack(issueLoginLink, admin, { telegramId: staff.personId, panelUrl })), []);
      const master = await person(["master"]);
      assert.deepEqual(await queuedBy(() => run(issueLoginLink, master, { telegramId: staff.personId, panelUrl })), [], "a master may not invite");
      const queued = await queuedBy(() => run(issueLoginLink, admin, { telegramId: staff.personId, panelUrl }));
      assert.equal(queued.length, 1);
      assert.equal(queued[0]?.chat_id, staff.personId);
      assert.match(String(queued[0]?.payload.text), /приглашает вас в панель/);
      assert.deepEqual(queued[0]?.payload.reply_markup, { inline_keyboard: [[{ text: "🔑 Получить ссылку для входа", callback_data: "access:login" }]] });
    });
  });
}
