import type { Transaction } from "kysely";
import { defineUseCase, type Actor } from "../../platform/audit/use-case.ts";
import { issueLoginLink as issueLoginSecret, LOGIN_LINK_TTL_MS } from "../../platform/auth/login-links.ts";
import { hitRateLimit } from "../../platform/auth/rate-limit.ts";
import { revokeAccess } from "../../platform/auth/revoke-access.ts";
import { endSessions } from "../../platform/auth/sessions.ts";
import type { PlatformTables } from "../../platform/db/schema.ts";
import { escapeHtml } from "../../platform/domain/html.ts";
import { normalizePhone } from "../../platform/domain/phone.ts";
import type { ModuleContext } from "../../platform/module.ts";
import type { Permission } from "../../platform/auth/permissions.ts";
import { chooseLocale } from "../../platform/i18n/choose-locale.ts";
import { enqueueOutbox } from "../../platform/telegram/outbox.ts";
import { checkComment, checkName, MAX_COMMENT_LENGTH } from "./domain/application.ts";
import { formatMoment } from "./domain/moment.ts";
import { decide, isOpen, judgeApplication, REAPPLY_COOL_DOWN_MS, type Decision, type RequestStatus } from "./domain/request.ts";
import { grantableRoles, mayBlock, mayChangeRole } from "./domain/roles.ts";
import {
  addresseesOf,
  cardKeyPrefix,
  cardsOf,
  holdersOf,
  isBlockedFromAccess,
  latestRequestOf,
  nameOf,
  ownerCount,
  requestForDecision,
  rolesOf,
  type AccessRequest,
  type Addressee,
  type Tables,
} from "./repo.ts";

export { accessStatistics, isBlockedFromAccess, listPeople, pendingRequests } from "./repo.ts";
export type { AccessStatistics, PersonListing, PersonStatus } from "./repo.ts";

type Trx = Transaction<Tables>;

/**
 * What the access use cases need from the running app besides the transaction: the permission
 * table (who holds `people.manage`, which roles exist), the texts for cards and notices, the
 * bot's languages and time zone, and the panel's URL for login links. The bot's `ModuleContext`
 * and the HTTP side's `ApiContext` both are one: pass them as `app` in every use case's input.
 */
export type AccessApp = Pick<ModuleContext, "permissions" | "translator" | "settings" | "publicUrl" | "announce">;

/** Login links one person may be issued per window (by themselves or by admins). */
export const LOGIN_LINKS_PER_PERSON = { limit: 5, windowMs: 10 * 60 * 1000 };
/** Login links one address may ask for per window, across people. */
export const LOGIN_LINKS_PER_IP = { limit: 20, windowMs: 10 * 60 * 1000 };

/** A person as a refusal names them ("already decided by Olga @olga"). */
export interface PersonRef {
  telegramId: number;
  name: string;
}

/** An access request as it leaves the service: plain JSON. */
export interface AccessRequestView {
  id: number;
  telegramId: number;
  name: string;
  phone: string;
  comment: string | null;
  status: RequestStatus;
  role: string | null;
  reason: string | null;
  decidedBy: number | null;
  decidedAt: string | null;
  createdAt: string;
}

export function presentRequest(row: AccessRequest): AccessRequestView {
  return {
    id: row.id,
    telegramId: row.telegram_id,
    name: row.name,
    phone: row.phone,
    comment: row.comment,
    status: row.status,
    role: row.role,
    reason: row.reason,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : new Date(row.decided_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Every use case's refusal for a decider lacking the permission: re-checked from the database. */
type Forbidden = { ok: false; reason: "forbidden" };

function personOf(actor: Actor): number {
  if (actor.personId === null) throw new Error("this use case needs a person acting");
  return actor.personId;
}

async function holds(trx: Trx, app: AccessApp, actor: Actor, permission: Permission): Promise<{ roles: string[]; allowed: boolean }> {
  const roles = actor.personId === null ? [] : await rolesOf(trx, actor.botId, actor.personId);
  return { roles, allowed: app.permissions.allows(roles, permission) };
}

function localeOf(app: AccessApp, botId: string, addressee: Addressee): string {
  return chooseLocale(addressee.language, addressee.languageCode ?? undefined, app.settings.of(botId).languages);
}

/** Roles whose holders decide requests (and so receive the cards). */
function managerRoles(app: AccessApp): string[] {
  return app.permissions.roleNames().filter((role) => app.permissions.allows([role], "people.manage"));
}

/** A role's name in a language (owner and admin are translated, module roles shown as declared). */
export function roleLabel(app: Pick<AccessApp, "translator">, botId: string, locale: string, role: string): string {
  return app.translator.translate(botId, locale as "en", "access-role", { role });
}

interface Card {
  text: string;
  reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
}

/**
 * An admin's card about a request, in their language: the application, and once someone acted,
 * who did what and when. Open requests keep their buttons (Approve per role, Reject, Postpone).
 */
export async function renderCard(trx: Trx, app: AccessApp, botId: string, locale: string, request: AccessRequest): Promise<Card> {
  const t = (key: string, args?: Record<string, string | number>) => app.translator.translate(botId, locale as "en", key, args);
  const settings = app.settings.of(botId);
  const lines = [
    t("access-card", {
      id: request.id,
      name: escapeHtml(request.name),
      phone: request.phone,
      person: escapeHtml(await nameOf(trx, request.telegram_id)),
      comment: request.comment === null ? "—" : escapeHtml(request.comment),
    }),
  ];
  if (request.decided_by !== null && request.decided_at !== null) {
    lines.push(
      "",
      t(`access-card-${request.status}`, {
        by: escapeHtml(await nameOf(trx, request.decided_by)),
        when: formatMoment(request.decided_at, locale, settings.timeZone),
        role: roleLabel(app, botId, locale, request.role ?? ""),
        reason: escapeHtml(request.reason ?? ""),
      }),
    );
  }
  if (!isOpen(request.status)) return { text: lines.join("\n") };
  const approve = grantableRoles(app.permissions.roleNames()).map((role) => [
    { text: t("access-approve-as", { role: roleLabel(app, botId, locale, role) }), callback_data: `access:approve:${request.id}:${role}` },
  ]);
  const rest = [{ text: t("access-reject"), callback_data: `access:reject:${request.id}` }];
  if (request.status === "pending") rest.push({ text: t("access-postpone"), callback_data: `access:postpone:${request.id}` });
  return { text: lines.join("\n"), reply_markup: { inline_keyboard: [...approve, rest] } };
}

/** Sends the card to every current manager who has none yet (dedupe keys make the rest no-ops). */
async function sendCards(trx: Trx, app: AccessApp, botId: string, request: AccessRequest): Promise<void> {
  const managers = await addresseesOf(trx, botId, await holdersOf(trx, botId, managerRoles(app)));
  for (const manager of managers) {
    const card = await renderCard(trx, app, botId, localeOf(app, botId, manager), request);
    await enqueueOutbox(trx, {
      botId,
      chatId: manager.telegramId,
      method: "sendMessage",
      payload: { chat_id: manager.telegramId, parse_mode: "HTML", ...card },
      dedupeKey: `${cardKeyPrefix(request.id)}${manager.telegramId}`,
    });
  }
}

/** Edits every card sent about a request to show it as it stands now. */
async function editCards(trx: Trx, app: AccessApp, botId: string, request: AccessRequest): Promise<void> {
  const cards = await cardsOf(trx, botId, request.id);
  const managers = await addresseesOf(trx, botId, cards.map((card) => card.chatId));
  for (const { chatId, dedupeKey } of cards) {
    const manager = managers.find((candidate) => candidate.telegramId === chatId) ?? { telegramId: chatId, language: null, languageCode: null, name: "" };
    const card = await renderCard(trx, app, botId, localeOf(app, botId, manager), request);
    await enqueueOutbox(trx, {
      botId,
      chatId,
      method: "editMessageText",
      payload: { chat_id: chatId, message_id_of: dedupeKey, parse_mode: "HTML", ...card },
      dedupeKey: `access:request:${request.id}:r${request.revision}:edit:${chatId}`,
    });
  }
}

/** Tells the applicant, in their language, what became of their request. */
async function notifyApplicant(trx: Trx, app: AccessApp, botId: string, request: AccessRequest): Promise<void> {
  const [applicant] = await addresseesOf(trx, botId, [request.telegram_id]);
  if (applicant === undefined) return;
  const locale = localeOf(app, botId, applicant);
  const t = (key: string, args?: Record<string, string>) => app.translator.translate(botId, locale as "en", key, args);
  const settings = app.settings.of(botId);
  const decidedAt = new Date(request.decided_at ?? Date.now());
  const text =
    request.status === "approved"
      ? t("access-notice-approved", { role: roleLabel(app, botId, locale, request.role ?? "") })
      : t("access-notice-rejected", {
          reason: escapeHtml(request.reason ?? ""),
          when: formatMoment(new Date(decidedAt.getTime() + REAPPLY_COOL_DOWN_MS), locale, settings.timeZone),
        });
  await enqueueOutbox(trx, {
    botId,
    chatId: request.telegram_id,
    method: "sendMessage",
    payload: {
      chat_id: request.telegram_id,
      text,
      parse_mode: "HTML",
      ...(request.status === "approved" ? { reply_markup: { inline_keyboard: [[{ text: t("access-login-button"), callback_data: "access:login" }]] } } : {}),
    },
    dedupeKey: `access:request:${request.id}:notice:${request.status}`,
  });
}

export type ApplyResult =
  | { ok: true; request: AccessRequestView; updated: boolean }
  | { ok: false; reason: "invalid-name" | "invalid-phone" | "comment-too-long" | "blocked" | "already-staff" }
  | { ok: false; reason: "cooling-down"; mayReapplyAt: string };

/**
 * A person applies for staff access (actor.personId is the applicant). One open request per
 * person: applying again while it is pending or postponed updates it (and every admin's card).
 * A rejected person waits out the cool-down; blocked people and staff cannot apply. Every holder
 * of `people.manage` gets a card through the outbox. `phone` is E.164 or `+` and digits.
 */
export const applyForAccess = defineUseCase(
  "access.request.apply",
  async (trx: Trx, actor: Actor, input: { app: AccessApp; name: string; phone: string; comment: string | null }) => {
    const applicant = personOf(actor);
    const { app } = input;
    const name = checkName(input.name);
    if (!name.ok) return { result: { ok: false, reason: "invalid-name" } as ApplyResult, audit: null };
    const phone = normalizePhone(input.phone);
    if (phone === undefined) return { result: { ok: false, reason: "invalid-phone" } as ApplyResult, audit: null };
    const comment = input.comment === null ? null : checkComment(input.comment);
    if (comment !== null && !comment.ok) return { result: { ok: false, reason: "comment-too-long" } as ApplyResult, audit: null };
    const details = { name: name.value, phone, comment: comment === null || comment.value === "" ? null : comment.value };

    const latest = await latestRequestOf(trx, actor.botId, applicant);
    const verdict = judgeApplication(
      {
        blocked: await isBlockedFromAccess(trx, actor.botId, applicant),
        staff: (await rolesOf(trx, actor.botId, applicant)).length > 0,
        latest: latest === undefined ? null : { status: latest.status, decidedAt: latest.decided_at === null ? null : new Date(latest.decided_at) },
      },
      new Date(),
    );
    if (!verdict.ok) {
      const result: ApplyResult =
        verdict.reason === "cooling-down" ? { ok: false, reason: "cooling-down", mayReapplyAt: verdict.mayReapplyAt.toISOString() } : { ok: false, reason: verdict.reason };
      return { result, audit: null };
    }
    if (verdict.kind === "update" && latest !== undefined) {
      const updated = await trx
        .updateTable("access_request")
        .set((eb) => ({ ...details, revision: eb("revision", "+", 1), updated_at: new Date() }))
        .where("id", "=", latest.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await editCards(trx, app, actor.botId, updated);
      await sendCards(trx, app, actor.botId, updated);
      return {
        result: { ok: true, request: presentRequest(updated), updated: true } as ApplyResult,
        audit: { objectType: "access_request", objectId: updated.id, before: pick(latest), after: pick(updated) },
      };
    }
    const created = await trx
      .insertInto("access_request")
      .values({ bot_id: actor.botId, telegram_id: applicant, ...details })
      .returningAll()
      .executeTakeFirstOrThrow();
    await sendCards(trx, app, actor.botId, created);
    return {
      result: { ok: true, request: presentRequest(created), updated: false } as ApplyResult,
      audit: { objectType: "access_request", objectId: created.id, after: pick(created) },
    };
  },
);

function pick(request: AccessRequest): Record<string, unknown> {
  return { status: request.status, name: request.name, phone: request.phone, comment: request.comment, role: request.role, reason: request.reason };
}

export type DecisionResult =
  | { ok: true; request: AccessRequestView }
  | Forbidden
  | { ok: false; reason: "not-found" | "unknown-role" | "invalid-reason" | "blocked" }
  | { ok: false; reason: "already-decided" | "already-postponed"; status: RequestStatus; decidedBy: PersonRef | null };

/** The longest rejection reason kept (it is shown to the applicant and on every card). */
export const MAX_REASON_LENGTH = MAX_COMMENT_LENGTH;

async function decideRequest(
  trx: Trx,
  actor: Actor,
  app: AccessApp,
  requestId: number,
  decision: Decision,
  details: { role?: string; reason?: string },
): Promise<{ result: DecisionResult; audit: null | { objectType: string; objectId: number; before: unknown; after: unknown } }> {
  const decider = personOf(actor);
  if (!(await holds(trx, app, actor, "people.manage")).allowed) return { result: { ok: false, reason: "forbidden" }, audit: null };
  const request = await requestForDecision(trx, actor.botId, requestId);
  if (request === undefined) return { result: { ok: false, reason: "not-found" }, audit: null };
  const check = decide(request.status, decision);
  if (!check.ok) {
    const decidedBy = request.decided_by === null ? null : { telegramId: request.decided_by, name: await nameOf(trx, request.decided_by) };
    return { result: { ok: false, reason: check.reason, status: request.status, decidedBy }, audit: null };
  }
  if (decision === "approve") {
    if (details.role === undefined || !grantableRoles(app.permissions.roleNames()).includes(details.role)) {
      return { result: { ok: false, reason: "unknown-role" }, audit: null };
    }
    if (await isBlockedFromAccess(trx, actor.botId, request.telegram_id)) return { result: { ok: false, reason: "blocked" }, audit: null };
  }
  const reason = details.reason?.trim();
  if (decision === "reject" && (reason === undefined || reason === "" || reason.length > MAX_REASON_LENGTH)) {
    return { result: { ok: false, reason: "invalid-reason" }, audit: null };
  }
  const decided = await trx
    .updateTable("access_request")
    .set((eb) => ({
      status: check.next,
      role: decision === "approve" ? (details.role ?? null) : null,
      reason: decision === "reject" ? (reason ?? null) : null,
      decided_by: decider,
      decided_at: new Date(),
      updated_at: new Date(),
      revision: eb("revision", "+", 1),
    }))
    .where("id", "=", request.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (decision === "approve" && details.role !== undefined) {
    await trx
      .insertInto("role")
      .values({ bot_id: actor.botId, telegram_id: request.telegram_id, role: details.role, granted_by: decider })
      .onConflict((conflict) => conflict.columns(["bot_id", "telegram_id", "role"]).doNothing())
      .execute();
    await app.announce(trx, actor, { kind: "role-granted", telegramId: request.telegram_id, role: details.role });
  }
  await editCards(trx, app, actor.botId, decided);
  if (decision !== "postpone") await notifyApplicant(trx, app, actor.botId, decided);
  return {
    result: { ok: true, request: presentRequest(decided) },
    audit: { objectType: "access_request", objectId: request.id, before: { status: request.status }, after: { status: decided.status, role: decided.role, reason: decided.reason } },
  };
}

/**
 * Approves a request with a role (any known role but owner): re-checks the decider's
 * `people.manage` from the database, grants the role (granted_by = the decider), edits every
 * admin's card and tells the applicant. A request someone already decided is refused, naming them.
 */
export const approveAccessRequest = defineUseCase(
  "access.request.approve",
  (trx: Trx, actor: Actor, input: { app: AccessApp; requestId: number; role: string }) =>
    decideRequest(trx, actor, input.app, input.requestId, "approve", { role: input.role }),
);

/** Rejects a request with a reason the applicant reads; they may re-apply after the cool-down. */
export const rejectAccessRequest = defineUseCase(
  "access.request.reject",
  (trx: Trx, actor: Actor, input: { app: AccessApp; requestId: number; reason: string }) =>
    decideRequest(trx, actor, input.app, input.requestId, "reject", { reason: input.reason }),
);

/** Postpones a pending request: the cards say who postponed it and keep Approve and Reject. */
export const postponeAccessRequest = defineUseCase(
  "access.request.postpone",
  (trx: Trx, actor: Actor, input: { app: AccessApp; requestId: number }) => decideRequest(trx, actor, input.app, input.requestId, "postpone", {}),
);

export type RoleChangeResult = { ok: true } | Forbidden | { ok: false; reason: "unknown-role" | "owners-only" | "last-owner" | "blocked" | "unchanged" };

/**
 * Grants a role to a person. The granter needs `people.manage`; only owners grant `owner`; the
 * role must be one the platform or a module declares. The person is told through the outbox.
 */
export const grantRole = defineUseCase("access.role.grant", async (trx: Trx, actor: Actor, input: { app: AccessApp; telegramId: number; role: string }) => {
  const granter = personOf(actor);
  const { app, telegramId, role } = input;
  const decider = await holds(trx, app, actor, "people.manage");
  if (!decider.allowed) return { result: { ok: false, reason: "forbidden" } as RoleChangeResult, audit: null };
  const check = mayChangeRole({ kind: "grant", role, deciderRoles: decider.roles, knownRoles: app.permissions.roleNames(), owners: 0 });
  if (!check.ok) return { result: check as RoleChangeResult, audit: null };
  if (await isBlockedFromAccess(trx, actor.botId, telegramId)) return { result: { ok: false, reason: "blocked" } as RoleChangeResult, audit: null };
  const granted = await trx
    .insertInto("role")
    .values({ bot_id: actor.botId, telegram_id: telegramId, role, granted_by: granter })
    .onConflict((conflict) => conflict.columns(["bot_id", "telegram_id", "role"]).doNothing())
    .returning("granted_at")
    .executeTakeFirst();
  if (granted === undefined) return { result: { ok: false, reason: "unchanged" } as RoleChangeResult, audit: null };
  await app.announce(trx, actor, { kind: "role-granted", telegramId, role });
  const [person] = await addresseesOf(trx, actor.botId, [telegramId]);
  if (person !== undefined) {
    const locale = localeOf(app, actor.botId, person);
    await enqueueOutbox(trx, {
      botId: actor.botId,
      chatId: telegramId,
      method: "sendMessage",
      payload: {
        chat_id: telegramId,
        parse_mode: "HTML",
        text: app.translator.translate(actor.botId, locale as "en", "access-notice-granted", { role: roleLabel(app, actor.botId, locale, role) }),
      },
      dedupeKey: `access:role:${telegramId}:${role}:granted:${new Date(granted.granted_at).getTime()}`,
    });
  }
  return { result: { ok: true } as RoleChangeResult, audit: { objectType: "person", objectId: telegramId, after: { role } } };
});

/**
 * Takes a role from a person. Only owners revoke `owner`, and never from the last owner. Losing
 * their last role ends the person's sessions and revokes their unused links at once.
 */
export const revokeRole = defineUseCase("access.role.revoke", async (trx: Trx, actor: Actor, input: { app: AccessApp; telegramId: number; role: string }) => {
  const { app, telegramId, role } = input;
  const decider = await holds(trx, app, actor, "people.manage");
  if (!decider.allowed) return { result: { ok: false, reason: "forbidden" } as RoleChangeResult, audit: null };
  const check = mayChangeRole({ kind: "revoke", role, deciderRoles: decider.roles, knownRoles: app.permissions.roleNames(), owners: await ownerCount(trx, actor.botId) });
  if (!check.ok) return { result: check as RoleChangeResult, audit: null };
  const removed = await trx.deleteFrom("role").where("bot_id", "=", actor.botId).where("telegram_id", "=", telegramId).where("role", "=", role).executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) return { result: { ok: false, reason: "unchanged" } as RoleChangeResult, audit: null };
  await app.announce(trx, actor, { kind: "role-revoked", telegramId, role });
  const remaining = await rolesOf(trx, actor.botId, telegramId);
  const revoked = remaining.length === 0 ? await revokeAccess(trx, actor.botId, telegramId, "role revoked") : undefined;
  return {
    result: { ok: true } as RoleChangeResult,
    audit: { objectType: "person", objectId: telegramId, before: { role }, after: { roles: remaining, sessionsEnded: revoked?.sessions ?? 0 } },
  };
});

export type BlockResult = { ok: true; sessionsEnded: number; tokensRevoked: number; rolesRemoved: string[] } | Forbidden | { ok: false; reason: "self" | "owners-only" | "last-owner" | "already-blocked" };

/**
 * Blocks a person from access: at once every session, bearer token, unused login link, feed
 * token and role of theirs in the bot dies, and they can neither apply nor sign in until
 * unblocked. Admins cannot block owners; nobody blocks themselves or the last owner.
 */
export const blockPerson = defineUseCase("access.person.block", async (trx: Trx, actor: Actor, input: { app: AccessApp; telegramId: number; reason: string | null }) => {
  const blocker = personOf(actor);
  const { app, telegramId } = input;
  const decider = await holds(trx, app, actor, "people.manage");
  if (!decider.allowed) return { result: { ok: false, reason: "forbidden" } as BlockResult, audit: null };
  const check = mayBlock({
    actorId: blocker,
    targetId: telegramId,
    deciderRoles: decider.roles,
    targetRoles: await rolesOf(trx, actor.botId, telegramId),
    owners: await ownerCount(trx, actor.botId),
  });
  if (!check.ok) return { result: check as BlockResult, audit: null };
  const reason = input.reason?.trim() === "" ? null : (input.reason?.trim() ?? null);
  const blocked = await trx
    .insertInto("access_block")
    .values({ bot_id: actor.botId, telegram_id: telegramId, reason, blocked_by: blocker })
    .onConflict((conflict) => conflict.columns(["bot_id", "telegram_id"]).doNothing())
    .returning("telegram_id")
    .executeTakeFirst();
  if (blocked === undefined) return { result: { ok: false, reason: "already-blocked" } as BlockResult, audit: null };
  const revoked = await revokeAccess(trx, actor.botId, telegramId, "blocked");
  for (const role of revoked.roles) await app.announce(trx, actor, { kind: "role-revoked", telegramId, role });
  await app.announce(trx, actor, { kind: "person-blocked", telegramId });
  return {
    result: { ok: true, sessionsEnded: revoked.sessions, tokensRevoked: revoked.tokens, rolesRemoved: revoked.roles } as BlockResult,
    audit: { objectType: "person", objectId: telegramId, before: { roles: revoked.roles }, after: { blocked: true, reason, sessionsEnded: revoked.sessions, tokensRevoked: revoked.tokens } },
  };
});

export type UnblockResult = { ok: true } | Forbidden | { ok: false; reason: "not-blocked" };

/** Lifts a block: the person may apply again (their roles are not given back). */
export const unblockPerson = defineUseCase("access.person.unblock", async (trx: Trx, actor: Actor, input: { app: AccessApp; telegramId: number }) => {
  if (!(await holds(trx, input.app, actor, "people.manage")).allowed) return { result: { ok: false, reason: "forbidden" } as UnblockResult, audit: null };
  const removed = await trx.deleteFrom("access_block").where("bot_id", "=", actor.botId).where("telegram_id", "=", input.telegramId).returning(["reason"]).executeTakeFirst();
  if (removed === undefined) return { result: { ok: false, reason: "not-blocked" } as UnblockResult, audit: null };
  return { result: { ok: true } as UnblockResult, audit: { objectType: "person", objectId: input.telegramId, before: { blocked: true, reason: removed.reason }, after: { blocked: false } } };
});

export type LoginLinkResult =
  | { ok: true; url: string; expiresAt: string }
  | { ok: true; invited: number }
  | Forbidden
  | { ok: false; reason: "no-role" | "blocked" | "too-many" };

/**
 * A personal one-time login link: `${publicUrl}/login#token=<secret>` (256 random bits, only
 * the hash stored, 10 minutes, single use; the fragment never reaches a server log). Only
 * people holding a role get one, at most 5 per person and 20 per IP in 10 minutes.
 *
 * For oneself (`telegramId` = the actor) the URL is returned, to be shown to that person alone
 * and never logged. For someone else (an admin's "send link", needing `people.manage`) no
 * secret is minted: the person gets an invitation through the outbox whose button asks for their
 * own link, so no plain secret rests in the outbox table and no admin ever sees another's link.
 */
export const issueLoginLink = defineUseCase("access.link.issue", async (trx: Trx, actor: Actor, input: { app: AccessApp; telegramId: number }) => {
  const asker = personOf(actor);
  const { app, telegramId } = input;
  const forSelf = asker === telegramId;
  if (!forSelf && !(await holds(trx, app, actor, "people.manage")).allowed) return { result: { ok: false, reason: "forbidden" } as LoginLinkResult, audit: null };
  if (await isBlockedFromAccess(trx, actor.botId, telegramId)) return { result: { ok: false, reason: "blocked" } as LoginLinkResult, audit: null };
  if ((await rolesOf(trx, actor.botId, telegramId)).length === 0) return { result: { ok: false, reason: "no-role" } as LoginLinkResult, audit: null };
  const limiter: Transaction<PlatformTables> = trx;
  const personOk = await hitRateLimit(limiter, `access:login-link:person:${actor.botId}:${telegramId}`, LOGIN_LINKS_PER_PERSON);
  const ipOk = actor.ip == null || (await hitRateLimit(limiter, `access:login-link:ip:${actor.ip}`, LOGIN_LINKS_PER_IP));
  if (!personOk || !ipOk) return { result: { ok: false, reason: "too-many" } as LoginLinkResult, audit: null };

  if (!forSelf) {
    const [person] = await addresseesOf(trx, actor.botId, [telegramId]);
    const locale = person === undefined ? app.settings.of(actor.botId).languages[0] ?? "en" : localeOf(app, actor.botId, person);
    const t = (key: string, args?: Record<string, string>) => app.translator.translate(actor.botId, locale as "en", key, args);
    const sentAt = Date.now();
    await enqueueOutbox(limiter, {
      botId: actor.botId,
      chatId: telegramId,
      method: "sendMessage",
      payload: {
        chat_id: telegramId,
        parse_mode: "HTML",
        text: t("access-link-invitation", { admin: escapeHtml(await nameOf(trx, asker)) }),
        reply_markup: { inline_keyboard: [[{ text: t("access-login-button"), callback_data: "access:login" }]] },
      },
      dedupeKey: `access:link-invitation:${telegramId}:${sentAt}`,
    });
    return { result: { ok: true, invited: telegramId } as LoginLinkResult, audit: { objectType: "person", objectId: telegramId, after: { delivery: "invitation" } } };
  }
  const now = new Date();
  const secret = await issueLoginSecret(limiter, actor.botId, telegramId, now);
  const expiresAt = new Date(now.getTime() + LOGIN_LINK_TTL_MS).toISOString();
  return {
    result: { ok: true, url: `${app.publicUrl()}/login#token=${secret}`, expiresAt } as LoginLinkResult,
    audit: { objectType: "person", objectId: telegramId, after: { delivery: "direct", expiresAt } },
  };
});

export type SessionEndResult = { ok: true; ended: number } | Forbidden | { ok: false; reason: "not-found" | "no-sessions" };

/** Ends one web session: one's own, or anyone's with `sessions.manage`. */
export const endSession = defineUseCase("access.session.end", async (trx: Trx, actor: Actor, input: { app: AccessApp; sessionId: number }) => {
  const session = await trx
    .selectFrom("web_session")
    .select(["id", "telegram_id", "kind", "via"])
    .where("bot_id", "=", actor.botId)
    .where("id", "=", input.sessionId)
    .where("ended_at", "is", null)
    .executeTakeFirst();
  if (session === undefined) return { result: { ok: false, reason: "not-found" } as SessionEndResult, audit: null };
  if (session.telegram_id !== actor.personId && !(await holds(trx, input.app, actor, "sessions.manage")).allowed) {
    return { result: { ok: false, reason: "forbidden" } as SessionEndResult, audit: null };
  }
  const ended = await endSessions(trx, { botId: actor.botId, id: session.id }, session.telegram_id === actor.personId ? "ended by its owner" : "ended by an admin");
  return {
    result: { ok: true, ended: ended.length } as SessionEndResult,
    audit: { objectType: "web_session", objectId: session.id, before: { telegramId: session.telegram_id, kind: session.kind, via: session.via }, after: { ended: true } },
  };
});

/** Ends every web session and bearer token of a person ("log out everywhere"): oneself, or anyone with `sessions.manage`. */
export const endAllSessions = defineUseCase("access.session.end-all", async (trx: Trx, actor: Actor, input: { app: AccessApp; telegramId: number }) => {
  if (input.telegramId !== actor.personId && !(await holds(trx, input.app, actor, "sessions.manage")).allowed) {
    return { result: { ok: false, reason: "forbidden" } as SessionEndResult, audit: null };
  }
  const ended = await endSessions(trx, { botId: actor.botId, telegramId: input.telegramId }, "logged out everywhere");
  if (ended.length === 0) return { result: { ok: false, reason: "no-sessions" } as SessionEndResult, audit: null };
  return { result: { ok: true, ended: ended.length } as SessionEndResult, audit: { objectType: "person", objectId: input.telegramId, after: { sessionsEnded: ended } } };
});
