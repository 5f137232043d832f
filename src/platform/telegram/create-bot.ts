import { Bot } from "grammy";
import type { UserFromGetMe } from "@grammyjs/types";
import { setBlocked } from "../auth/people.ts";
import type { Metrics } from "../metrics.ts";
import type { BotyardModule, ModuleContext } from "../module.ts";
import type { BotyardContext } from "./context.ts";
import { FloodGuard, floodGuardMiddleware } from "./flood-guard.ts";
import { hydrateContext } from "./hydrate-context.ts";
import { identifySender } from "./identify-sender.ts";
import { platformCommands } from "./platform-commands.ts";
import { refuseStaleButtons } from "./stale-buttons.ts";
import { workGroupHandlers } from "../work-groups/work-group-handlers.ts";

export interface BotDependencies {
  botId: string;
  token: string;
  botInfo: UserFromGetMe;
  apiRoot: string | undefined;
  /** Every installed module; each update runs those the bot's live settings enable. */
  modules: readonly BotyardModule[];
  /** What every module's composer is built with (one for the whole app). */
  context: ModuleContext;
  metrics: Metrics;
  floodLimit: { count: number; windowMs: number };
}

/**
 * One tenant's grammY bot: the platform's middleware (journal, flood guard, the sender's record,
 * stale buttons, /start /help /language /cancel) around the enabled modules' composers.
 */
export function createBot(deps: BotDependencies): Bot<BotyardContext> {
  const { botId, context, metrics } = deps;
  const bot = new Bot<BotyardContext>(deps.token, {
    botInfo: deps.botInfo,
    client: deps.apiRoot === undefined ? {} : { apiRoot: deps.apiRoot },
  });
  const floodGuard = new FloodGuard(deps.floodLimit.count, deps.floodLimit.windowMs);
  const sweep = setInterval(() => floodGuard.sweep(), 60_000);
  sweep.unref();

  bot.use(hydrateContext({ botId, modules: deps.modules, metrics, ...context }));
  // Blocking and unblocking come as my_chat_member; outbox and broadcasts skip blocked people.
  bot.on("my_chat_member", async (ctx, next) => {
    if (ctx.chat.type !== "private") return next();
    const blocked = ctx.myChatMember.new_chat_member.status === "kicked";
    await ctx.commit("chat-member", (trx) => setBlocked(trx, botId, ctx.myChatMember.from.id, blocked));
  });
  bot.use(floodGuardMiddleware(floodGuard, () => metrics.incomingRateLimited.inc()));
  bot.use(identifySender);
  bot.on("callback_query:data", refuseStaleButtons);
  bot.use(platformCommands({ botId, settings: context.settings, translator: context.translator, db: context.database.db }));
  bot.use(workGroupHandlers({ settings: context.settings, db: context.database.db }));
  for (const module of deps.modules) {
    if (module.composer === undefined) continue;
    // Enabling or disabling a module in the panel takes effect with the next update.
    bot.filter((ctx) => ctx.enabledModules.includes(module), module.composer(context));
  }

  bot.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
  bot.on("message", async (ctx) => {
    if (ctx.chat.type === "private") await ctx.reply(ctx.t("unknown-message"));
  });
  return bot;
}
