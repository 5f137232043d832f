import { Composer, InlineKeyboard } from "grammy";
import { LOGIN_LINK_TTL_MS } from "../../../platform/auth/login-links.ts";
import { listSessions, type SessionSummary } from "../../../platform/auth/sessions.ts";
import type { ModuleContext } from "../../../platform/module.ts";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { allSessionsButton, endAllButton, endAnySessionButton, endSessionButton, loginButton } from "../callbacks.ts";
import { deviceOf } from "../domain/device.ts";
import { formatMoment } from "../domain/moment.ts";
import { senderActor } from "../../../platform/telegram/sender-actor.ts";
import { endAllSessions } from "../commands/end-all-sessions.ts";
import { endSession } from "../commands/end-session.ts";
import { issueLoginLink } from "../commands/issue-login-link.ts";
import { addresseesOf } from "../queries/people.ts";
import type { AccessTables } from "../tables.ts";
import { editPressed } from "./edit-pressed.ts";

type Ctx = BotyardContext<AccessTables>;

/**
 * `/login` (and its buttons) sends a staff member their personal one-time link; `/sessions`
 * lists their web sessions with "End" per session and "Log out everywhere". Admins' "Sessions"
 * lists everyone's live sessions, each with "End".
 */
export function loginComposer(context: ModuleContext<AccessTables>): Composer<Ctx> {
  const composer = new Composer<Ctx>();
  const privateChats = composer.chatType("private");
  const db = context.database.db;

  const sendLoginLink = async (ctx: Ctx) => {
    const from = ctx.from;
    if (from === undefined || ctx.chat === undefined) return;
    if (ctx.roles.size === 0) {
      await ctx.reply(ctx.t("access-login-need-access"));
      return;
    }
    // Not through ctx.run: its result (the link) would be kept in the update's journal. A retried
    // update mints a new link; the reply's journal record keeps only the message's id.
    const result = await context.run(senderActor(ctx), issueLoginLink, { telegramId: from.id, panelUrl: context.publicUrl() });
    if (!result.ok) {
      await ctx.reply(ctx.t(`access-login-${result.reason}`));
      return;
    }
    if (!("url" in result)) return;
    await ctx.reply(ctx.t("access-login-link", { url: result.url, minutes: LOGIN_LINK_TTL_MS / 60_000 }), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      reply_markup: new InlineKeyboard().url(ctx.t("access-login-open"), result.url),
    });
  };
  privateChats.command("login", sendLoginLink);
  onCallback(privateChats, loginButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await sendLoginLink(ctx);
  });

  const sessionLine = (ctx: Ctx, session: SessionSummary, index: number, who?: string) => {
    const line = ctx.t("access-session-line", {
      n: index + 1,
      device: deviceOf(session.userAgent) ?? ctx.t("access-session-unknown-device"),
      ip: session.ip ?? "—",
      seen: formatMoment(session.lastSeenAt, ctx.locale, context.settings.of(ctx.botId).timeZone),
    });
    return who === undefined ? line : `${line} · ${who}`;
  };

  const ownSessions = async (ctx: Ctx): Promise<{ text: string; keyboard?: InlineKeyboard }> => {
    const sessions = await listSessions(db, ctx.botId, ctx.from?.id ?? 0);
    if (sessions.length === 0) return { text: ctx.t("access-sessions-none") };
    const keyboard = new InlineKeyboard();
    sessions.forEach((session, index) => keyboard.text(ctx.t("access-session-end", { n: index + 1 }), endSessionButton.data({ sessionId: session.id })).row());
    keyboard.text(ctx.t("access-sessions-end-all"), endAllButton.data({}));
    return { text: [ctx.t("access-sessions-title"), ...sessions.map((session, index) => sessionLine(ctx, session, index))].join("\n"), keyboard };
  };

  const everyonesSessions = async (ctx: Ctx): Promise<{ text: string; keyboard?: InlineKeyboard }> => {
    const sessions = (await listSessions(db, ctx.botId)).slice(0, MAX_SESSIONS_SHOWN);
    if (sessions.length === 0) return { text: ctx.t("access-all-sessions-none") };
    const people = await addresseesOf(db, ctx.botId, [...new Set(sessions.map((session) => session.telegramId))]);
    const keyboard = new InlineKeyboard();
    sessions.forEach((session, index) => keyboard.text(ctx.t("access-session-end", { n: index + 1 }), endAnySessionButton.data({ sessionId: session.id })).row());
    const lines = sessions.map((session, index) =>
      sessionLine(ctx, session, index, people.find((person) => person.telegramId === session.telegramId)?.name ?? String(session.telegramId)),
    );
    return { text: [ctx.t("access-all-sessions-title"), ...lines].join("\n"), keyboard };
  };

  privateChats.command("sessions", async (ctx) => {
    const { text, keyboard } = await ownSessions(ctx);
    await ctx.reply(text, { reply_markup: keyboard });
  });

  const endOne = async (ctx: Ctx, sessionId: number, list: (ctx: Ctx) => Promise<{ text: string; keyboard?: InlineKeyboard }>) => {
    const result = await ctx.run(endSession, { sessionId });
    await ctx.answerCallbackQuery({ text: ctx.t(result.ok ? "access-session-ended" : `access-session-${result.reason}`) });
    const { text, keyboard } = await list(ctx);
    await editPressed(ctx, text, { reply_markup: keyboard });
  };
  onCallback(privateChats, endSessionButton, (ctx, { sessionId }) => endOne(ctx, sessionId, ownSessions));
  onCallback(privateChats, endAnySessionButton, (ctx, { sessionId }) => endOne(ctx, sessionId, everyonesSessions));

  onCallback(privateChats, endAllButton, async (ctx) => {
    const result = await ctx.run(endAllSessions, { telegramId: ctx.from.id });
    await ctx.answerCallbackQuery();
    await editPressed(ctx, result.ok ? ctx.t("access-sessions-ended-all", { count: result.ended }) : ctx.t("access-sessions-none"));
  });

  onCallback(privateChats, allSessionsButton, async (ctx) => {
    if (!ctx.can("sessions.manage")) {
      await ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    const { text, keyboard } = await everyonesSessions(ctx);
    await ctx.reply(text, { reply_markup: keyboard });
  });

  return composer;
}

/** Sessions the admin list shows at once (Telegram keyboards hold about a hundred buttons). */
const MAX_SESSIONS_SHOWN = 30;
