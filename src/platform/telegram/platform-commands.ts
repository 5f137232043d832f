import { Composer, InlineKeyboard } from "grammy";
import type { Kysely } from "kysely";
import type { PlatformTables } from "../db/schema.ts";
import { setLanguage } from "../auth/people.ts";
import { SUPPORTED_LOCALES, isLocale, type Translator } from "../i18n/translator.ts";
import { visibleTo } from "../module.ts";
import type { LiveSettings } from "../settings/live-settings.ts";
import type { BotyardContext } from "./context.ts";
import { endFlow } from "./flows.ts";
import { commandsFor, queueOwnMenu } from "./command-menus.ts";
import { homeKeyboard } from "./home-menu.ts";

/** /start (the home menu), /help, /language and /cancel: what every bot answers whatever its modules. */
export function platformCommands(deps: { botId: string; settings: LiveSettings; translator: Translator; db: Kysely<PlatformTables> }): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const privateChats = composer.chatType("private");

  const showHome = async (ctx: BotyardContext) => {
    const keyboard = await homeKeyboard(ctx, deps.settings.of(ctx.botId), deps.db);
    const name = ctx.from?.first_name ?? "";
    await ctx.reply(ctx.t(keyboard === undefined ? "home-nothing" : "home-greeting", { name }), {
      reply_markup: keyboard,
    });
  };

  // /start with a payload is a deep link; the module that issued it answers it.
  privateChats.command("start", async (ctx, next) => {
    if (ctx.match !== "") return next();
    if (ctx.flow !== undefined) {
      const from = ctx.from;
      await ctx.commit("end-flow", (trx) => endFlow(trx, { botId: ctx.botId, chatId: ctx.chat.id, userId: from.id }));
    }
    await showHome(ctx);
  });
  privateChats.callbackQuery("home", async (ctx) => {
    await ctx.answerCallbackQuery();
    await showHome(ctx);
  });

  composer.command("help", async (ctx) => {
    const lines = [ctx.t("help")];
    const staffCommands = ctx.enabledModules
      .flatMap((module) => module.botCommands ?? [])
      .filter((command) => command.roles !== undefined && visibleTo(ctx.roles, command.roles));
    if (staffCommands.length > 0) {
      lines.push("", ctx.t("help-staff"), ...staffCommands.map((command) => `/${command.command} – ${ctx.t(command.description)}`));
    }
    await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
  });

  composer.command("language", async (ctx) => {
    const keyboard = new InlineKeyboard();
    for (const locale of SUPPORTED_LOCALES.filter((l) => ctx.botLanguages.includes(l))) {
      keyboard.text(deps.translator.translate(deps.botId, locale, "language-name"), `lang:${locale}`);
    }
    await ctx.reply(ctx.t("language-choose"), { reply_markup: keyboard });
  });
  composer.callbackQuery(/^lang:(\w+)$/, async (ctx) => {
    const locale = ctx.match[1];
    if (!isLocale(locale) || !ctx.botLanguages.includes(locale)) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    const from = ctx.from;
    // The command menu follows: Telegram would otherwise pick it by the app's language, not this choice.
    const commands = commandsFor(ctx.roles, ctx.enabledModules, (key) => deps.translator.translate(ctx.botId, locale, key), deps.settings.of(ctx.botId));
    const stamp = Date.now();
    await ctx.commit("set-language", async (trx) => {
      await setLanguage(trx, ctx.botId, from.id, locale);
      await queueOwnMenu(trx, ctx.botId, from.id, commands, stamp);
    });
    ctx.locale = locale;
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("language-set"));
  });

  composer.command("cancel", async (ctx) => {
    const from = ctx.from;
    if (from === undefined) return;
    const ended = await ctx.commit("cancel", (trx) => endFlow(trx, { botId: ctx.botId, chatId: ctx.chat.id, userId: from.id }));
    await ctx.reply(ctx.t(ended ? "cancel-done" : "cancel-nothing"));
  });
  return composer;
}
