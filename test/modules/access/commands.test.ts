import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { applyForAccess } from "../../../src/modules/access/commands/apply-for-access.ts";
import { approveAccessRequest } from "../../../src/modules/access/commands/approve-access-request.ts";
import { blockPerson } from "../../../src/modules/access/commands/block-person.ts";
import { endAllSessions } from "../../../src/modules/access/commands/end-all-sessions.ts";
import { endSession } from "../../../src/modules/access/commands/end-session.ts";
import { grantRole } from "../../../src/modules/access/commands/grant-role.ts";
import { issueLoginLink } from "../../../src/modules/access/commands/issue-login-link.ts";
import { postponeAccessRequest } from "../../../src/modules/access/commands/postpone-access-request.ts";
import { rejectAccessRequest } from "../../../src/modules/access/commands/reject-access-request.ts";
import { revokeRole } from "../../../src/modules/access/commands/revoke-role.ts";
import { signIn } from "../../../src/modules/access/commands/sign-in.ts";
import { unblockPerson } from "../../../src/modules/access/commands/unblock-person.ts";
import { listPeople } from "../../../src/modules/access/queries/people-listing.ts";
import { pendingRequests } from "../../../src/modules/access/queries/requests.ts";
import { accessStatistics } from "../../../src/modules/access/queries/statistics.ts";
import type { Actor } from "../../../src/platform/audit/use-case.ts";
import { issueLoginLink as issueLoginSecret, redeemLoginLink } from "../../../src/platform/auth/login-links.ts";
import { startSession } from "../../../src/platform/auth/sessions.ts";
import { databaseKinds } from "../../support/databases.ts";
import { BOT, OWNER, commandWorld } from "./command-world.ts";

const panelUrl = "https://panel.example";

for (const kind of databaseKinds) {
  describe(`access commands on ${kind.name}`, { skip: kind.skip }, () => {
    const world = commandWorld(kind, 810_000);
    const { db, person, run } = world;
    const owner: Actor = { botId: BOT, personId: OWNER, source: "bot" };
    const database = () => world.database().db;

    const applyAs = (actor: Actor, name = "Anna Petrova", phone = "+79001234567") => run(applyForAccess, actor, { name, phone, comment: null });

    /** An admin, and a stranger's open request for them to decide. */
    const anAdminAndARequest = async () => {
      const admin = await person(["admin"]);
      const applicant = await person();
      const applied = await applyAs(applicant);
      assert.ok(applied.result.ok);
      return { admin, applicant, requestId: applied.result.request.id };
    };

    const outboxKeys = async (like: string) =>
      (await db().selectFrom("outbox").select(["dedupe_key", "chat_id", "method", "payload"]).where("dedupe_key", "like", like).orderBy("id").execute());

    test("applying makes one request, one audit row and a card for every holder of people.manage", async () => {
      const admin = await person(["admin"], undefined, "ru");
      await person(["master"]);
      const applicant = await person();
      const { result, audits } = await applyAs(applicant);
      assert.ok(result.ok && !result.updated);
      assert.equal(audits, 1);
      const cards = await outboxKeys(`access:request:${result.request.id}:card:%`);
      assert.deepEqual(cards.map((card) => card.chat_id).sort(), [OWNER, admin.personId].sort(), "owners and admins, not masters");
      const russian = cards.find((card) => card.chat_id === admin.personId);
      assert.match(String(russian?.payload.text), /Заявка на доступ/, "each admin reads the card in their language");
      const audit = await db().selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
      assert.equal(audit.action, "access.request.apply");
      assert.equal(audit.actor_id, applicant.personId);
    });

    test("applying again while pending updates the same request and edits the cards", async () => {
      const applicant = await person();
      const first = await applyAs(applicant, "Ivan");
      const second = await applyAs(applicant, "Ivan Smirnov", "+7 900 111 22 33");
      assert.ok(first.result.ok && second.result.ok);
      assert.equal(second.result.request.id, first.result.request.id);
      assert.equal(second.result.updated, true);
      assert.equal(second.result.request.phone, "+79001112233");
      assert.equal(second.audits, 1);
      const requestId = first.result.request.id;
      const edits = await outboxKeys(`access:request:${requestId}:r2:edit:%`);
      assert.ok(edits.length >= 2);
      assert.ok(edits.every((edit) => edit.method === "editMessageText" && String(edit.payload.message_id_of).startsWith(`access:request:${requestId}:card:`)));
      const rows = await db().selectFrom("access_request").select("id").where("telegram_id", "=", applicant.personId).execute();
      assert.equal(rows.length, 1);
    });

    test("bad input is refused with a typed reason and changes nothing", async () => {
      const applicant = await person();
      for (const [input, reason] of [
        [{ name: "A", phone: "+79001234567", comment: null }, "invalid-name"],
        [{ name: "Anna", phone: "89001234567", comment: null }, "invalid-phone"],
        [{ name: "Anna", phone: "+79001234567", comment: "x".repeat(501) }, "comment-too-long"],
      ] as const) {
        const { result, audits } = await run(applyForAccess, applicant, { ...input });
        assert.deepEqual(result, { ok: false, reason });
        assert.equal(audits, 0);
      }
      assert.equal((await db().selectFrom("access_request").select("id").where("telegram_id", "=", applicant.personId).execute()).length, 0);
    });

    test("the cards offer the least privileged role first, and approving without a role gives it", async () => {
      const { admin, applicant, requestId } = await anAdminAndARequest();
      const [card] = await outboxKeys(`access:request:${requestId}:card:${admin.personId}`);
      const buttons = (card?.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard.map((row) => row.map((button) => button.callback_data));
      assert.deepEqual(buttons.slice(0, 2), [[`access:approve:${requestId}:master`], [`access:approve:${requestId}:admin`]]);
      const { result } = await run(approveAccessRequest, admin, { requestId });
      assert.ok(result.ok);
      const roles = await db().selectFrom("role").select("role").where("telegram_id", "=", applicant.personId).execute();
      assert.deepEqual(roles, [{ role: "master" }], "not admin");
    });

    test("approving grants the role, edits every card, tells the applicant, and a second decision hears who decided", async () => {
      const { admin, applicant, requestId } = await anAdminAndARequest();
      const { result, audits } = await run(approveAccessRequest, admin, { requestId, role: "master" });
      assert.ok(result.ok);
      assert.equal(audits, 1);
      const role = await db().selectFrom("role").selectAll().where("telegram_id", "=", applicant.personId).executeTakeFirstOrThrow();
      assert.deepEqual([role.role, role.granted_by], ["master", admin.personId]);
      const cards = await outboxKeys(`access:request:${requestId}:card:%`);
      const edits = await outboxKeys(`access:request:${requestId}:r2:edit:%`);
      assert.deepEqual(edits.map((edit) => edit.chat_id).sort(), cards.map((card) => card.chat_id).sort(), "every card is edited");
      assert.ok(edits.every((edit) => String(edit.payload.text).includes(`P${admin.personId}`) && edit.payload.reply_markup === undefined), "who decided, and no buttons left");
      assert.ok(edits.some((edit) => String(edit.payload.text).includes(`Approved as master by P${admin.personId}`)));
      const [notice] = await outboxKeys(`access:request:${requestId}:notice:%`);
      assert.equal(notice?.chat_id, applicant.personId);
      assert.match(String(notice?.payload.text), /\/login/);

      const late = await run(rejectAccessRequest, owner, { requestId, reason: "No" });
      assert.deepEqual(late.result, { ok: false, reason: "already-decided", status: "approved", decidedBy: { telegramId: admin.personId, name: `P${admin.personId}` } });
      assert.equal(late.audits, 0);
    });

    test("a decider without people.manage is refused, checked in the database", async () => {
      const master = await person(["master"]);
      const applied = await applyAs(await person());
      assert.ok(applied.result.ok);
      const { result, audits } = await run(approveAccessRequest, master, { requestId: applied.result.request.id, role: "admin" });
      assert.deepEqual(result, { ok: false, reason: "forbidden" });
      assert.equal(audits, 0);
    });

    test("approving as owner or an unknown role is refused", async () => {
      const applied = await applyAs(await person());
      assert.ok(applied.result.ok);
      const requestId = applied.result.request.id;
      for (const role of ["owner", "wizard"]) {
        const refused = await run(approveAccessRequest, owner, { requestId, role });
        assert.deepEqual(refused.result, { ok: false, reason: "unknown-role" });
      }
    });

    test("postponing keeps the request open; rejecting needs a reason and starts the cool-down", async () => {
      const applicant = await person();
      const applied = await applyAs(applicant);
      assert.ok(applied.result.ok);
      const requestId = applied.result.request.id;
      const postponed = await run(postponeAccessRequest, owner, { requestId });
      assert.ok(postponed.result.ok && postponed.result.request.status === "postponed");
      assert.equal(postponed.audits, 1);
      assert.deepEqual((await run(postponeAccessRequest, owner, { requestId })).result, { ok: false, reason: "already-postponed", status: "postponed", decidedBy: { telegramId: OWNER, name: `P${OWNER}` } });
      assert.deepEqual((await run(rejectAccessRequest, owner, { requestId, reason: "   " })).result, { ok: false, reason: "invalid-reason" });

      const rejected = await run(rejectAccessRequest, owner, { requestId, reason: "Not on the staff list" });
      assert.ok(rejected.result.ok && rejected.result.request.reason === "Not on the staff list");
      assert.equal(rejected.audits, 1);
      const [notice] = await outboxKeys(`access:request:${requestId}:notice:rejected`);
      assert.match(String(notice?.payload.text), /Not on the staff list/);

      const early = await applyAs(applicant);
      assert.equal(early.result.ok, false);
      assert.equal(!early.result.ok && early.result.reason, "cooling-down");
      assert.equal(early.audits, 0);
      await db().updateTable("access_request").set({ decided_at: sql<Date>`now() - interval '25 hours'` }).where("id", "=", requestId).execute();
      const later = await applyAs(applicant);
      assert.ok(later.result.ok && !later.result.updated && later.result.request.id !== requestId, "a new request after the cool-down");
    });

    test("only owners grant or revoke owner, and the last owner keeps it", async () => {
      const admin = await person(["admin"]);
      const target = await person();
      assert.deepEqual((await run(grantRole, admin, { telegramId: target.personId, role: "owner" })).result, { ok: false, reason: "owners-only" });
      assert.deepEqual((await run(grantRole, admin, { telegramId: target.personId, role: "wizard" })).result, { ok: false, reason: "unknown-role" });
      assert.deepEqual((await run(revokeRole, owner, { telegramId: OWNER, role: "owner" })).result, { ok: false, reason: "last-owner" });

      const granted = await run(grantRole, admin, { telegramId: target.personId, role: "master" });
      assert.deepEqual(granted.result, { ok: true });
      assert.equal(granted.audits, 1);
      assert.deepEqual((await run(grantRole, admin, { telegramId: target.personId, role: "master" })).result, { ok: false, reason: "unchanged" });
      const made = await run(grantRole, owner, { telegramId: target.personId, role: "owner" });
      assert.deepEqual(made.result, { ok: true });
      assert.deepEqual((await run(revokeRole, owner, { telegramId: target.personId, role: "owner" })).result, { ok: true });
    });

    test("losing the last role ends the person's sessions and revokes their unused links", async () => {
      const target = await person(["master"]);
      const session = await startSession(database(), { botId: BOT, telegramId: target.personId, kind: "cookie", via: "link", userAgent: null, ip: null });
      const secret = await issueLoginSecret(database(), BOT, target.personId);
      const { result, audits } = await run(revokeRole, owner, { telegramId: target.personId, role: "master" });
      assert.deepEqual(result, { ok: true });
      assert.equal(audits, 1);
      const row = await db().selectFrom("web_session").select("ended_at").where("id", "=", session.id).executeTakeFirstOrThrow();
      assert.notEqual(row.ended_at, null);
      assert.deepEqual(await redeemLoginLink(database(), secret), { ok: false, reason: "used" });
    });

    test("blocking kills every session, bearer token, unused link and role at once, and bars applying", async () => {
      const admin = await person(["admin"]);
      const target = await person(["master", "admin"]);
      await startSession(database(), { botId: BOT, telegramId: target.personId, kind: "cookie", via: "link", userAgent: null, ip: null });
      await startSession(database(), { botId: BOT, telegramId: target.personId, kind: "bearer", via: "mini_app", userAgent: null, ip: null });
      const secret = await issueLoginSecret(database(), BOT, target.personId);

      assert.deepEqual((await run(blockPerson, admin, { telegramId: OWNER, reason: null })).result, { ok: false, reason: "owners-only" });
      assert.deepEqual((await run(blockPerson, admin, { telegramId: admin.personId, reason: null })).result, { ok: false, reason: "self" });
      const { result, audits } = await run(blockPerson, admin, { telegramId: target.personId, reason: "Left the company" });
      assert.ok(result.ok);
      assert.equal(result.sessionsEnded, 2);
      assert.deepEqual([...result.rolesRemoved].sort(), ["admin", "master"]);
      assert.equal(audits, 1);
      assert.deepEqual(await redeemLoginLink(database(), secret), { ok: false, reason: "used" });
      assert.deepEqual(await db().selectFrom("role").select("role").where("telegram_id", "=", target.personId).execute(), []);
      assert.deepEqual((await run(blockPerson, admin, { telegramId: target.personId, reason: null })).result, { ok: false, reason: "already-blocked" });

      assert.deepEqual((await applyAs(target)).result, { ok: false, reason: "blocked" });
      assert.deepEqual((await run(grantRole, owner, { telegramId: target.personId, role: "master" })).result, { ok: false, reason: "blocked" });
      assert.deepEqual((await run(issueLoginLink, target, { telegramId: target.personId, panelUrl })).result, { ok: false, reason: "blocked" });

      const unblocked = await run(unblockPerson, admin, { telegramId: target.personId });
      assert.deepEqual(unblocked.result, { ok: true });
      assert.equal(unblocked.audits, 1);
      assert.deepEqual((await run(unblockPerson, admin, { telegramId: target.personId })).result, { ok: false, reason: "not-blocked" });
    });

    test("a login link goes only to staff, is rate limited per person, and its secret is never in the audit", async () => {
      const stranger = await person();
      assert.deepEqual((await run(issueLoginLink, stranger, { telegramId: stranger.personId, panelUrl })).result, { ok: false, reason: "no-role" });
      const staff = await person(["master"]);
      const first = await run(issueLoginLink, staff, { telegramId: staff.personId, panelUrl });
      assert.ok(first.result.ok && "url" in first.result);
      assert.equal(first.audits, 1);
      const secret = first.result.url.replace("https://panel.example/login#token=", "");
      assert.notEqual(secret, first.result.url);
      const audit = await db().selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
      assert.equal(audit.action, "access.link.issue");
      assert.equal(JSON.stringify(audit).includes(secret), false);
      const redeemed = await redeemLoginLink(database(), secret);
      assert.deepEqual(redeemed, { ok: true, botId: BOT, telegramId: staff.personId });

      for (let i = 1; i < 5; i++) assert.equal((await run(issueLoginLink, staff, { telegramId: staff.personId, panelUrl })).result.ok, true);
      const sixth = await run(issueLoginLink, staff, { telegramId: staff.personId, panelUrl });
      assert.deepEqual(sixth.result, { ok: false, reason: "too-many" });
      assert.equal(sixth.audits, 0);
    });

    test("an admin's link for someone else is an invitation through the outbox, holding no secret", async () => {
      const admin = await person(["admin"]);
      const staff = await person(["master"]);
      const tokensBefore = await db().selectFrom("login_token").select("id").where("telegram_id", "=", staff.personId).execute();
      const { result, audits } = await run(issueLoginLink, admin, { telegramId: staff.personId, panelUrl });
      assert.deepEqual(result, { ok: true, invited: staff.personId });
      assert.equal(audits, 1);
      const [invitation] = await outboxKeys(`access:link-invitation:${staff.personId}:%`);
      assert.equal(invitation?.chat_id, staff.personId);
      assert.equal(JSON.stringify(invitation?.payload).includes("token="), false);
      assert.equal((await db().selectFrom("login_token").select("id").where("telegram_id", "=", staff.personId).execute()).length, tokensBefore.length);
      const master = await person(["master"]);
      assert.deepEqual((await run(issueLoginLink, master, { telegramId: staff.personId, panelUrl })).result, { ok: false, reason: "forbidden" });
    });

    test("a person ends their own sessions; only sessions.manage ends someone else's", async () => {
      const alice = await person(["master"]);
      const bob = await person(["master"]);
      const admin = await person(["admin"]);
      const aliceSession = await startSession(database(), { botId: BOT, telegramId: alice.personId, kind: "cookie", via: "link", userAgent: null, ip: null });
      const bobSession = await startSession(database(), { botId: BOT, telegramId: bob.personId, kind: "cookie", via: "link", userAgent: null, ip: null });
      await startSession(database(), { botId: BOT, telegramId: bob.personId, kind: "bearer", via: "mini_app", userAgent: null, ip: null });

      assert.deepEqual((await run(endSession, alice, { sessionId: bobSession.id })).result, { ok: false, reason: "forbidden" });
      const own = await run(endSession, alice, { sessionId: aliceSession.id });
      assert.deepEqual(own.result, { ok: true, ended: 1 });
      assert.equal(own.audits, 1);
      assert.deepEqual((await run(endSession, alice, { sessionId: aliceSession.id })).result, { ok: false, reason: "not-found" });
      assert.deepEqual((await run(endAllSessions, alice, { telegramId: bob.personId })).result, { ok: false, reason: "forbidden" });
      const all = await run(endAllSessions, admin, { telegramId: bob.personId });
      assert.deepEqual(all.result, { ok: true, ended: 2 });
      assert.equal(all.audits, 1);
      assert.deepEqual((await run(endAllSessions, bob, { telegramId: bob.personId })).result, { ok: false, reason: "no-sessions" });
    });

    test("signing in with a link uses it up only for someone holding a role; a used link is refused", async () => {
      const stranger = await person();
      const strangersLink = await issueLoginSecret(database(), BOT, stranger.personId);
      const refused = await run(signIn, { ...stranger, source: "web" }, { kind: "cookie", via: "link", userAgent: null, linkToken: strangersLink });
      assert.deepEqual(refused, { result: { ok: false, reason: "no-role" }, audits: 0 });
      const unused = await db().selectFrom("login_token").select("used_at").where("telegram_id", "=", stranger.personId).executeTakeFirstOrThrow();
      assert.equal(unused.used_at, null, "the link is not used up");

      const staff = await person(["master"]);
      const link = await issueLoginSecret(database(), BOT, staff.personId);
      const signedIn = await run(signIn, { ...staff, source: "web" }, { kind: "cookie", via: "link", userAgent: "Firefox", linkToken: link });
      assert.ok(signedIn.result.ok);
      assert.equal(signedIn.audits, 1);
      const again = await run(signIn, { ...staff, source: "web" }, { kind: "cookie", via: "link", userAgent: "Firefox", linkToken: link });
      assert.deepEqual(again, { result: { ok: false, reason: "used" }, audits: 0 });
    });

    test("the read-only views count and list from the database", async () => {
      const pending = await pendingRequests(db(), BOT);
      assert.ok(pending.length > 0 && pending.every((request) => request.status === "pending" || request.status === "postponed"));
      const figures = await accessStatistics(db(), BOT, { timeZone: "Europe/Berlin" });
      assert.equal(figures.requests.pending + figures.requests.postponed, pending.length);
      const staffCount = (await db().selectFrom("role").select("telegram_id").distinct().where("bot_id", "=", BOT).execute()).length;
      assert.equal(figures.people.staff, staffCount);
      assert.equal(figures.people.blocked, 0, "the one blocked person was unblocked");
      assert.ok(figures.requests.approvedToday >= 1);
      assert.equal(figures.requests.rejectedToday, 0, "the one rejection was moved to yesterday");
      const people = await listPeople(db(), BOT, "Owner");
      const ownerListing = people.find((listing) => listing.telegramId === OWNER);
      assert.deepEqual(ownerListing?.roles, ["owner"]);
      assert.equal(ownerListing?.status, "staff");
      assert.ok(people.some((listing) => listing.status === "applicant" && listing.requestId !== null));
    });
  });
}
