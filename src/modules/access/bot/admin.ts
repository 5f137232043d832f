import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../../platform/domain/html.ts";
import type { ModuleContext } from "../../../platform/module.ts";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { requirePermission } from "../../../platform/telegram/require-permission.ts";
import { blockButton, blockYesButton, grantButton, peopleButton, personButton, revokeButton, sendLinkButton, statsButton, unblockButton } from "../callbacks.ts";
import { grantableRoles, OWNER } from "../domain/roles.ts";
import { blockPerson } from "../commands/block-person.ts";
import { grantRole } from "../commands/grant-role.ts";
import { issueLoginLink } from "../commands/issue-login-link.ts";
import { revokeRole } from "../commands/revoke-role.ts";
import { unblockPerson } from "../commands/unblock-person.ts";
import { listPeople } from "../queries/people-listing.ts";
import { accessStatistics } from "../queries/statistics.ts";
import type { AccessTables } from "../tables.ts";
import { editPressed } from "./edit-pressed.ts";

type Ctx = BotyardContext<AccessTables>;

/** People the list shows at once (Telegram keyboards hold about a hundred buttons). */
const MAX_PEOPLE_SHOWN = 40;

/**
 * The admin menu's "Statistics" and "People": live figures from the database, and for each
 * person their roles with grant and revoke buttons, block or unblock, and "send login link".
 */
export function adminComposer(context: ModuleContext<AccessTables>): Composer<Ctx> {
  const composer = new Composer<Ctx>();
  const admins = composer.chatType("private");
  const managing = requirePermission("people.manage");
  admins.command(["stats", "people"], managing);
  const db = context.database.db;
  const role = (ctx: Ctx, name: string) => ctx.t("access-role", { role: name });

  const showStatistics = async (ctx: Ctx) => {
    const figures = await accessStatistics(db, ctx.botId, { timeZone: context.settings.of(ctx.botId).timeZone, now: context.clock.now() });
    await ctx.reply(
      ctx.t("access-stats", {
        people: figures.people.total,
        staff: figures.people.staff,
        blocked: figures.people.blocked,
        pending: figures.requests.pending,
        postponed: figures.requests.postponed,
        approved: figures.requests.approvedToday,
        rejected: figures.requests.rejectedToday,
        sessions: figures.activeSessions,
        updates: figures.today.updates,
        active: figures.today.activePeople,
      }),
      { parse_mode: "HTML" },
    );
  };
  admins.command("stats", showStatistics);
  onCallback(
    admins,
    statsButton,
    async (ctx) => {
      await ctx.answerCallbackQuery();
      await showStatistics(ctx);
    },
    managing,
  );

  const peopleView = async (ctx: Ctx): Promise<{ text: string; keyboard?: InlineKeyboard }> => {
    const people = await listPeople(db, ctx.botId, ctx.t("access-owner-unmet"));
    if (people.length === 0) return { text: ctx.t("access-people-none") };
    const keyboard = new InlineKeyboard();
    for (const person of people.slice(0, MAX_PEOPLE_SHOWN)) {
      const roles = person.roles.map((name) => role(ctx, name)).join(", ");
      keyboard.text(`${person.name} · ${roles === "" ? ctx.t(`access-status-${person.status}`) : roles}`, personButton.data({ telegramId: person.telegramId })).row();
    }
    return { text: ctx.t("access-people-title", { count: people.length }), keyboard };
  };
  admins.command("people", async (ctx) => {
    const { text, keyboard } = await peopleView(ctx);
    await ctx.reply(text, { reply_markup: keyboard });
  });
  onCallback(
    admins,
    peopleButton,
    async (ctx) => {
      await ctx.answerCallbackQuery();
      const { text, keyboard } = await peopleView(ctx);
      // From a person's view "Back" edits in place; from the home menu it is a new message.
      if (ctx.callbackQuery.message?.text?.startsWith(ctx.t("access-person-marker")) === true) await editPressed(ctx, text, { reply_markup: keyboard });
      else await ctx.reply(text, { reply_markup: keyboard });
    },
    managing,
  );

  const personView = async (ctx: Ctx, telegramId: number): Promise<{ text: string; keyboard: InlineKeyboard }> => {
    const person = (await listPeople(db, ctx.botId, ctx.t("access-owner-unmet"))).find((candidate) => candidate.telegramId === telegramId);
    const keyboard = new InlineKeyboard();
    if (person === undefined) return { text: ctx.t("access-person-unknown"), keyboard: keyboard.text(ctx.t("access-back"), peopleButton.data({})) };
    const known = context.permissions.roleNames();
    const mayTouchOwner = ctx.roles.has(OWNER);
    if (person.status !== "blocked") {
      for (const name of (mayTouchOwner ? known : grantableRoles(known)).filter((candidate) => !person.roles.includes(candidate))) {
        keyboard.text(ctx.t("access-grant", { role: role(ctx, name) }), grantButton.data({ telegramId, role: name })).row();
      }
    }
    for (const name of person.roles.filter((held) => held !== OWNER || mayTouchOwner)) {
      keyboard.text(ctx.t("access-revoke", { role: role(ctx, name) }), revokeButton.data({ telegramId, role: name })).row();
    }
    if (person.roles.length > 0) keyboard.text(ctx.t("access-send-link"), sendLinkButton.data({ telegramId })).row();
    if (person.status === "blocked") keyboard.text(ctx.t("access-unblock"), unblockButton.data({ telegramId })).row();
    else if (telegramId !== ctx.from?.id) keyboard.text(ctx.t("access-block"), blockButton.data({ telegramId })).row();
    keyboard.text(ctx.t("access-back"), peopleButton.data({}));
    const text = ctx.t("access-person", {
      marker: ctx.t("access-person-marker"),
      name: escapeHtml(person.name),
      username: person.username === null ? "" : `@${person.username}`,
      status: ctx.t(`access-status-${person.status}`),
      roles: person.roles.length === 0 ? "—" : person.roles.map((name) => role(ctx, name)).join(", "),
    });
    return { text, keyboard };
  };
  const refreshPerson = async (ctx: Ctx, telegramId: number, toast: string) => {
    await ctx.answerCallbackQuery({ text: toast });
    const { text, keyboard } = await personView(ctx, telegramId);
    await editPressed(ctx, text, { parse_mode: "HTML", reply_markup: keyboard });
  };

  onCallback(
    admins,
    personButton,
    async (ctx, { telegramId }) => {
      await ctx.answerCallbackQuery();
      const { text, keyboard } = await personView(ctx, telegramId);
      await editPressed(ctx, text, { parse_mode: "HTML", reply_markup: keyboard });
    },
    managing,
  );

  onCallback(
    admins,
    grantButton,
    async (ctx, input) => {
      const result = await ctx.run(grantRole, input);
      await refreshPerson(ctx, input.telegramId, ctx.t(result.ok ? "access-granted" : `access-role-${result.reason}`));
    },
    managing,
  );
  onCallback(
    admins,
    revokeButton,
    async (ctx, input) => {
      const result = await ctx.run(revokeRole, input);
      await refreshPerson(ctx, input.telegramId, ctx.t(result.ok ? "access-revoked" : `access-role-${result.reason}`));
    },
    managing,
  );

  onCallback(
    admins,
    blockButton,
    async (ctx, { telegramId }) => {
      await ctx.answerCallbackQuery();
      await editPressed(ctx, ctx.t("access-block-confirm"), {
        reply_markup: new InlineKeyboard().text(ctx.t("access-block-yes"), blockYesButton.data({ telegramId })).text(ctx.t("access-back"), personButton.data({ telegramId })),
      });
    },
    managing,
  );
  onCallback(
    admins,
    blockYesButton,
    async (ctx, { telegramId }) => {
      const result = await ctx.run(blockPerson, { telegramId, reason: null });
      await refreshPerson(ctx, telegramId, result.ok ? ctx.t("access-blocked-done", { sessions: result.sessionsEnded }) : ctx.t(`access-block-${result.reason}`));
    },
    managing,
  );
  onCallback(
    admins,
    unblockButton,
    async (ctx, { telegramId }) => {
      const result = await ctx.run(unblockPerson, { telegramId });
      await refreshPerson(ctx, telegramId, ctx.t(result.ok ? "access-unblocked-done" : `access-block-${result.reason}`));
    },
    managing,
  );

  onCallback(
    admins,
    sendLinkButton,
    async (ctx, { telegramId }) => {
      if (telegramId === ctx.from.id) {
        await ctx.answerCallbackQuery({ text: ctx.t("access-send-link-self"), show_alert: true });
        return;
      }
      const result = await ctx.run(issueLoginLink, { telegramId, panelUrl: context.publicUrl() });
      await ctx.answerCallbackQuery({ text: ctx.t(result.ok ? "access-link-sent" : `access-login-${result.reason}`), show_alert: !result.ok });
    },
    managing,
  );

  return composer;
}
