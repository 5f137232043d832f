import { Bot, Composer, InlineKeyboard } from "grammy";
import type { UserFromGetMe } from "@grammyjs/types";
import { recordSender, setBlocked, setLanguage } from "../auth/people.ts";
import type { BotConfig } from "../../config.ts";
import type { Database } from "../db/database.ts";
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, isLocale, localeOf, type Locale, type Translator } from "../i18n/translator.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import { visibleTo, type BotyardModule } from "../module.ts";
import type { CurrentSettings, LiveSettings } from "../settings/live-settings.ts";
import type { Permissions } from "../auth/permissions.ts";
import type { BotyardContext } from "./context.ts";
import { currentFlow, endFlow, parseFlowButton } from "./flows.ts";
import { FloodGuard } from "./flood-guard.ts";
import { journaledApi } from "./journaled-api.ts";
import { updateScope } from "./update-journal.ts";

export interface BotDependencies {
  config: BotConfig;
  botInfo: UserFromGetMe;
  apiRoot: string | undefined;
  database: Database;
  translator: Translator;
  /** Every installed module; each update runs those the bot's live settings enable. */
  modules: readonly BotyardModule[];
  settings: LiveSettings;
  permissions: Permissions;
  publicUrl: () => string;
  /** "Now" for the modules' rules (RunOptions.clock). */
  clock?: { now(): Date };
  paymentProviderToken?: string;
  logger: Logger;
  metrics: Metrics;
  floodLimit: { count: number; windowMs: number };
}

/** The language to speak to someone: their choice, else their Telegram language, else the bot's first. */
export function chooseLocale(chosen: string | null | undefined, telegramLanguage: string | undefined, botLanguages: readonly string[]): Locale {
  if (isLocale(chosen)) return chosen;
  const fromTelegram = localeOf(telegramLanguage);
  if (fromTelegram !== undefined && botLanguages.includes(fromTelegram)) return fromTelegram;
  return botLanguages.find(isLocale) ?? DEFAULT_LOCALE;
}

/**
 * One tenant's grammY bot: the platform's middleware (journal, identity, flood guard, stale
 * buttons, /start /help /language /cancel) around the enabled modules' composers.
 */
export function createBot(deps: BotDependencies): Bot<BotyardContext> {
  const { config, database, translator, logger, metrics } = deps;
  const bot = new Bot<BotyardContext>(config.token, {
    botInfo: deps.botInfo,
    client: deps.apiRoot === undefined ? {} : { apiRoot: deps.apiRoot },
  });
  const floodGuard = new FloodGuard(deps.floodLimit.count, deps.floodLimit.windowMs);
  const sweep = setInterval(() => floodGuard.sweep(), 60_000);
  sweep.unref();

  bot.use(async (ctx, next) => {
    const scope = updateScope.getStore();
    if (scope === undefined) throw new Error("updates are handled through the dispatcher");
    ctx.api.config.use(journaledApi(scope, metrics));
    ctx.botId = config.id;
    ctx.signal = scope.signal;
    ctx.commit = (name, work) => scope.journal.commit(name, work);
    ctx.log = logger.child({ bot: config.id, update_id: ctx.update.update_id });
    ctx.roles = new Set();
    ctx.can = (permission) => deps.permissions.allows(ctx.roles, permission);
    const settings = deps.settings.of(config.id);
    ctx.botLanguages = settings.languages;
    ctx.enabledModules = deps.modules.filter((module) => settings.modules === null || settings.modules.includes(module.name));
    ctx.locale = chooseLocale(undefined, ctx.from?.language_code, settings.languages);
    ctx.t = (key, args) => translator.translate(config.id, ctx.locale, key, args);
    ctx.flow = undefined;
    await next();
  });

  // Blocking and unblocking come as my_chat_member; outbox and broadcasts skip blocked people.
  bot.on("my_chat_member", async (ctx) => {
    if (ctx.chat.type !== "private") return;
    const blocked = ctx.myChatMember.new_chat_member.status === "kicked";
    await ctx.commit("chat-member", (trx) => setBlocked(trx, config.id, ctx.myChatMember.from.id, blocked));
  });

  bot.use(async (ctx, next) => {
    const from = ctx.from;
    if (from === undefined || from.is_bot) return next();
    const verdict = floodGuard.check(String(from.id));
    if (verdict !== "allow") {
      metrics.incomingRateLimited.inc();
      if (verdict === "warn" && ctx.chat !== undefined) await ctx.reply(ctx.t("flood-warning"));
      return;
    }
    const chatId = ctx.chat?.id ?? from.id;
    const sender = await ctx.commit("sender", async (trx) => {
      const recorded = await recordSender(trx, config.id, from);
      const flow = await currentFlow(trx, { botId: config.id, chatId, userId: from.id });
      return { ...recorded, flow };
    });
    ctx.roles = new Set(sender.roles);
    ctx.locale = chooseLocale(sender.language, from.language_code, ctx.botLanguages);
    ctx.flow = sender.flow ?? undefined;
    await next();
  });

  // A button of a flow that is over (done, cancelled, replaced) must not act.
  bot.on("callback_query:data", async (ctx, next) => {
    const button = parseFlowButton(ctx.callbackQuery.data);
    if (button !== undefined && button.instance !== ctx.flow?.instance) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    await next();
  });

  bot.use(platformCommands(deps));
  const moduleContext = {
    database,
    translator,
    logger,
    settings: deps.settings,
    permissions: deps.permissions,
    publicUrl: deps.publicUrl,
    ...(deps.clock === undefined ? {} : { clock: deps.clock }),
    ...(deps.paymentProviderToken === undefined ? {} : { paymentProviderToken: deps.paymentProviderToken }),
  };
  for (const module of deps.modules) {
    if (module.composer === undefined) continue;
    // Enabling or disabling a module in the panel takes effect with the next update.
    bot.filter((ctx) => ctx.enabledModules.includes(module), module.composer(moduleContext));
  }

  bot.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
  bot.on("message", async (ctx) => {
    if (ctx.chat.type === "private") await ctx.reply(ctx.t("unknown-message"));
  });
  return bot;
}

function homeKeyboard(ctx: BotyardContext, settings: CurrentSettings): InlineKeyboard | undefined {
  const keyboard = new InlineKeyboard();
  let buttons = 0;
  for (const module of ctx.enabledModules) {
    for (const entry of module.menu ?? []) {
      if (!visibleTo(ctx.roles, entry.roles) || entry.when?.(ctx, settings) === false) continue;
      keyboard.text(ctx.t(entry.label), entry.data).row();
      buttons++;
    }
  }
  return buttons === 0 ? undefined : keyboard;
}

function platformCommands(deps: BotDependencies): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const privateChats = composer.chatType("private");

  const showHome = async (ctx: BotyardContext) => {
    const keyboard = homeKeyboard(ctx, deps.settings.of(ctx.botId));
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
      .flatMap((module) => module.commands ?? [])
      .filter((command) => command.roles !== undefined && visibleTo(ctx.roles, command.roles));
    if (staffCommands.length > 0) {
      lines.push("", ctx.t("help-staff"), ...staffCommands.map((command) => `/${command.command} – ${ctx.t(command.description)}`));
    }
    await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
  });

  composer.command("language", async (ctx) => {
    const keyboard = new InlineKeyboard();
    for (const locale of SUPPORTED_LOCALES.filter((l) => ctx.botLanguages.includes(l))) {
      keyboard.text(deps.translator.translate(deps.config.id, locale, "language-name"), `lang:${locale}`);
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
    await ctx.commit("set-language", (trx) => setLanguage(trx, ctx.botId, from.id, locale));
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
