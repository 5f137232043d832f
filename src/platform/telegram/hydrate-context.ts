import type { MiddlewareFn } from "grammy";
import type { Translator } from "../i18n/translator.ts";
import { chooseLocale } from "../i18n/choose-locale.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import type { BotyardModule, ModuleContext } from "../module.ts";
import type { Permissions } from "../auth/permissions.ts";
import { modulesEnabledIn } from "../settings/enabled-modules.ts";
import type { LiveSettings } from "../settings/live-settings.ts";
import type { BotyardContext } from "./context.ts";
import { journaledApi } from "./journaled-api.ts";
import { senderActor } from "./sender-actor.ts";
import { updateScope } from "./update-journal.ts";

/**
 * The first middleware of every update: binds the context to the dispatcher's journal (so
 * `commit`, `run` and Bot API calls happen once across attempts), the tenant, its settings and
 * enabled modules, and a first guess of the sender's language (the sender's record refines it).
 */
export function hydrateContext(deps: {
  botId: string;
  modules: readonly BotyardModule[];
  settings: LiveSettings;
  permissions: Permissions;
  translator: Translator;
  runIn: ModuleContext["runIn"];
  database: ModuleContext["database"];
  logger: Logger;
  metrics: Metrics;
}): MiddlewareFn<BotyardContext> {
  const { botId } = deps;
  return async (ctx, next) => {
    const scope = updateScope.getStore();
    if (scope === undefined) throw new Error("updates are handled through the dispatcher");
    ctx.api.config.use(journaledApi(scope, { metrics: deps.metrics, db: deps.database.db, botId }));
    ctx.botId = botId;
    ctx.signal = scope.signal;
    ctx.commit = (name, work) => scope.journal.commit(name, work);
    ctx.run = (command, input) => scope.journal.commit(command.action, (trx) => deps.runIn(trx, senderActor(ctx), command, input));
    ctx.log = deps.logger.child({ bot: botId, update_id: ctx.update.update_id });
    ctx.roles = new Set();
    ctx.can = (permission) => deps.permissions.allows(ctx.roles, permission);
    const settings = deps.settings.of(botId);
    ctx.botLanguages = settings.languages;
    ctx.enabledModules = modulesEnabledIn(settings.modules, deps.modules);
    ctx.locale = chooseLocale(undefined, ctx.from?.language_code, settings.languages);
    ctx.t = (key, args) => deps.translator.translate(botId, ctx.locale, key, args);
    ctx.flow = undefined;
    await next();
  };
}
